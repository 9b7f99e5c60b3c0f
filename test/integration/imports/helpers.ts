// Shared helpers for the import pipeline tests: a temp data dir with the real database, the service,
// a one-call "import this file", a dump of every imported row (to prove "nothing changed"), and a
// generator of large Kaspi sales-report CSVs.
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportProgress } from '../../../shared/import-domain.js';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { ImportService, type ImportRequest } from '../../../main/services/imports/import-service.js';
import type { ImportOutcome } from '../../../main/services/imports/import-job.js';
import { silentLogger } from '../../../main/services/logger.js';

export const samplesDir = fileURLToPath(new URL('../../fixtures/kaspi-samples/', import.meta.url));
export const sample = (name: string): string => join(samplesDir, name);

export const SAMPLES = {
  report: sample('kaspi_sales_report_sample.csv'),
  oneC: sample('kaspi_statement_1c_sample.txt'),
  mt940: sample('kaspi_statement_mt940_sample.txt'),
  gold: sample('kaspi_gold_statement_lines_sample.txt'),
};

export interface Env {
  dir: string;
  dbFile: string;
  db: Db;
  imports: ImportService;
  cleanup: () => Promise<void>;
}

export function makeEnv(prefix = 'kassa-imports-'): Env {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbFile = join(dir, 'kassa.db');
  const db = openDatabase(dbFile);
  const imports = new ImportService({ db, log: silentLogger, now: () => new Date('2025-03-04T04:00:00.000Z') });
  return {
    dir,
    dbFile,
    db,
    imports,
    cleanup: async () => {
      await imports.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `content` into the env's dir and returns the path. */
export function writeFile(env: Env, name: string, content: string | Buffer): string {
  const path = join(env.dir, name);
  writeFileSync(path, content);
  return path;
}

/** A private copy of a file (for temporary uploads, which get deleted). */
export function copyInto(env: Env, path: string, name = basename(path)): string {
  const target = join(env.dir, name);
  copyFileSync(path, target);
  return target;
}

export function register(env: Env, path: string, temporary = false): string {
  return env.imports.registerUpload({ path, fileName: basename(path), size: statSync(path).size, temporary });
}

export async function importFile(
  env: Env,
  path: string,
  request: ImportRequest = {},
): Promise<ImportOutcome & { events: ImportProgress[] }> {
  const events: ImportProgress[] = [];
  const started = env.imports.commit(register(env, path), request, (p) => events.push(p));
  const outcome = await started.outcome;
  return { ...outcome, events };
}

/** Every imported row and batch, as text: equal before and after = nothing was written. */
export function dump(db: Db): string {
  const tables = ['import_batches', 'report_rows', 'statement_rows', 'seed_payments', 'reconciled_pairs', 'csv_mappings'];
  return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())}`).join('\n');
}

export function count(db: Db, table: string, where = '1'): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
}

export { money, REPORT_HEADER, writeReport } from '../../helpers/report-file.js';
