// The import worker as shipped: `npm run build` puts dist/main/import-worker.js beside the CLI and
// Electron entries, which name it; run on its own it says 'ready', parses, checkpoints; and
// `kassa import` from the bundle imports a file large enough to be parsed in it.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportWorkerTask } from '../../../main/services/imports/import-worker.js';
import { repoRoot } from './cli-helpers.js';
import { SAMPLES, writeReport } from './helpers.js';

const dist = join(repoRoot, 'dist/main');
const bundledWorker = join(dist, 'import-worker.js');
const dir = mkdtempSync(join(tmpdir(), 'kassa-bundled-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every message the bundled worker posts for `task`, acknowledging chunks as they come. */
function runBundled(task: ImportWorkerTask): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const messages: unknown[] = [];
    const worker = new Worker(bundledWorker, { workerData: task });
    worker.on('message', (m: unknown) => {
      messages.push(m);
      if (typeof m === 'object' && m !== null && 'chunk' in m) worker.postMessage('ack');
    });
    worker.on('error', reject);
    worker.on('exit', () => resolve(messages));
  });
}

describe('the bundled import worker', () => {
  it('ships beside the CLI and Electron entries, which name it', () => {
    expect(existsSync(bundledWorker), 'run npm run build first').toBe(true);
    for (const entry of ['cli.js', 'electron-main.js']) expect(readFileSync(join(dist, entry), 'utf8')).toContain('"./import-worker.js"');
  });

  it('parses a report on its own: ready, the rows, end', async () => {
    const request = { path: SAMPLES.report, fileName: 'report.csv', format: 'kaspi-report' as const, mapping: undefined };
    const messages = await runBundled({ task: 'parse', request, inFlight: 4 });
    expect(messages[0]).toBe('ready');
    expect(messages.at(-1)).toBe('end');
    const rows = messages.slice(1, -1).reduce<number>((n, m) => n + (m as { chunk: { rows: number } }).chunk.rows, 0);
    expect(rows).toBeGreaterThan(0);
  });

  it('checkpoints a database on its own', async () => {
    const path = join(dir, 'wal.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a'), ('b');");
    const messages = await runBundled({ task: 'checkpoint', dbPath: path });
    db.close();
    expect(messages[0]).toBe('ready');
    expect(messages[1]).toMatchObject({ checkpoint: { busy: 0 } });
    const { checkpoint } = messages[1] as { checkpoint: { log: number; checkpointed: number } };
    expect(checkpoint.checkpointed).toBe(checkpoint.log);
  });

  it('kassa import from the bundle imports a 3 MB report (parsed in the worker)', () => {
    const file = join(dir, 'big.csv');
    writeReport(file, 25_000);
    const dataDir = join(dir, 'data');
    const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'import', file, '--data-dir', dataDir, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'kaspi-report', rows: 25_000, imported: 25_000, invalid: [] });
    const log = readFileSync(join(dataDir, 'logs', 'kassa.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.find((l) => l.message === 'import committed')).toMatchObject({ rows: 25_000, parsedIn: 'worker' });
  });
});
