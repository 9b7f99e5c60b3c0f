// kill -9 of `kassa import` while it commits a 200 000-row report: the database reopens with
// integrity_check ok and holds all of the batch or none of it — never a part. The same for a kill
// while parsing (nothing written yet), and the import then runs to completion. The writing kill waits
// until the WAL file grows (uncommitted pages of the batch on disk) before it strikes.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.js';
import { CLI_ENV, runCli, spawnCli } from './cli-helpers.js';
import { writeReport } from './helpers.js';

const ROWS = 200_000;
let dir: string;
let report: string;
let sums: { grossTiyn: number; netTiyn: number };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-kill-'));
  report = join(dir, 'report-200k.csv');
  sums = writeReport(report, ROWS);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const walSize = (dataDir: string): number => {
  try {
    return statSync(join(dataDir, 'kassa.db-wal')).size;
  } catch {
    return 0;
  }
};

/**
 * Starts the import and SIGKILLs it at the first progress line of `phase` (with rows > 0 for
 * parsing); for 'writing', once the WAL has grown by a megabyte (or the child is gone).
 */
function importAndKill(
  dataDir: string,
  phase: 'parsing' | 'writing',
): Promise<{ killed: boolean; sawPhase: boolean; walGrew: boolean; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli('import', [report, '--data-dir', dataDir, '--json']);
    let buffer = '';
    let sawPhase = false;
    let killed = false;
    let walGrew = false;
    let exited = false;
    const killWhenWalGrows = (base: number) => {
      if (exited) return;
      if (walSize(dataDir) > base + (1 << 20)) {
        walGrew = true;
        killed = child.kill('SIGKILL');
      } else setTimeout(() => killWhenWalGrows(base), 1);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      buffer += text;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (killed || !line.startsWith('{"progress"')) continue;
        const progress = (JSON.parse(line) as { progress: { phase: string; rows: number } }).progress;
        if (sawPhase || progress.phase !== phase) continue;
        if (phase === 'writing') {
          sawPhase = true;
          killWhenWalGrows(walSize(dataDir));
        } else if (progress.rows > 0) {
          sawPhase = true;
          killed = child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('close', (exitCode) => { // close: after its stderr was read to the end
      exited = true;
      resolve({ killed, sawPhase, walGrew, exitCode });
    });
  });
}

function inspect(dataDir: string): { integrity: string; rows: number; batches: { rows: number; sum_tiyn: number }[]; sum: number } {
  const db = openDatabase(join(dataDir, 'kassa.db')); // runs integrity_check itself and throws on damage
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM report_rows').get() as { n: number }).n;
    const sum = (db.prepare('SELECT COALESCE(SUM(gross_tiyn), 0) AS s FROM report_rows').get() as { s: number }).s;
    const batches = db.prepare('SELECT rows, sum_tiyn FROM import_batches').all() as { rows: number; sum_tiyn: number }[];
    return { integrity, rows, batches, sum };
  } finally {
    db.close();
  }
}

describe('kill -9 during an import', () => {
  it('while writing: all of the batch or none of it, integrity ok, and a re-run completes it', async () => {
    const dataDir = join(dir, 'data-writing');
    const run = await importAndKill(dataDir, 'writing');
    expect(run.sawPhase).toBe(true);
    // killed mid-transaction with part of the batch in the WAL, or (a fast disk) after the commit
    expect(run.killed || run.exitCode === 0).toBe(true);
    const after = inspect(dataDir);
    if (run.walGrew) console.info(`kill -9 with the WAL grown: ${after.rows === 0 ? 'rolled back' : 'committed before the kill'}`);
    expect(after.integrity).toBe('ok');
    expect([0, ROWS]).toContain(after.rows);
    if (after.rows === 0) expect(after.batches).toEqual([]);
    else {
      expect(after.batches).toEqual([{ rows: ROWS, sum_tiyn: sums.grossTiyn }]);
      expect(after.sum).toBe(sums.grossTiyn);
    }
    const again = await runCli('import', [report, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: ROWS, imported: ROWS - after.rows, duplicates: after.rows });
    expect(inspect(dataDir)).toMatchObject({ integrity: 'ok', rows: ROWS, sum: sums.grossTiyn });
  }, 120_000);

  it('while parsing: nothing is written', async () => {
    const dataDir = join(dir, 'data-parsing');
    const run = await importAndKill(dataDir, 'parsing');
    expect(run.killed).toBe(true);
    expect(inspect(dataDir)).toEqual({ integrity: 'ok', rows: 0, batches: [], sum: 0 });
  }, 120_000);
});

describe('Ctrl+C during a dry run', () => {
  it('exits 130 and leaves no copy of the database in the temp folder', async () => {
    const temp = mkdtempSync(join(dir, 'tmp-'));
    const copies = () => readdirSync(temp).filter((name) => name.startsWith('kassa-dry-run-'));
    const child = spawnCli('import', [report, '--data-dir', join(dir, 'dry-data'), '--dry-run', '--json'], { ...CLI_ENV, TMPDIR: temp });
    const exitCode = await new Promise<number | null>((resolve) => {
      let exited = false;
      child.once('exit', (code) => {
        exited = true;
        resolve(code);
      });
      // as soon as its copy of the database exists in the temp folder, the dry run is under way
      const interruptWhenCopied = () => {
        if (exited) return;
        if (copies().length > 0) child.kill('SIGINT');
        else setTimeout(interruptWhenCopied, 5);
      };
      interruptWhenCopied();
    });
    expect(exitCode).toBe(130);
    expect(copies()).toEqual([]);
  }, 60_000);
});
