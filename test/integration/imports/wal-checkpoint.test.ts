// A large import leaves its write-ahead log to a checkpoint in a worker thread: once the service
// has closed (it waits for that checkpoint) the rows are in the database file itself; without the
// checkpoint they would still sit only in the -wal file (the import turned auto-checkpoint off for
// its commit, and the till's connection leaves it alone meanwhile). The checkpoint also runs, in
// this thread, when no worker can start.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/services/logger.js';
import { checkpointInBackground } from '../../../main/services/imports/wal-checkpoint.js';
import { count, importFile, makeEnv, writeReport } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A WAL database with `rows` rows written and not checkpointed; its writer stays open. */
function walFull(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-ckpt-'));
  const path = join(dir, 'x.db');
  const db = new Database(path);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
  })();
  return path;
}

describe('checkpoint after a large import', () => {
  it.each([
    ['in a worker', undefined],
    ['in this thread when no worker starts', './no-such-worker.js'],
  ])('copies the whole log into the database file %s', async (_name, script) => {
    const path = walFull(20_000);
    const before = statSync(path).size;
    const result = await checkpointInBackground(path, silentLogger, script);
    expect(result).not.toBeNull();
    expect(result!.log).toBeGreaterThan(100);
    expect(result!.checkpointed).toBe(result!.log);
    expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
  });

  it('an import of 30 000 rows is in the database file once the service closed', async () => {
    const env = makeEnv();
    cleanups.push(() => rmSync(env.dir, { recursive: true, force: true }));
    const file = join(env.dir, 'big.csv');
    writeReport(file, 30_000);
    const before = statSync(env.dbFile).size;
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'done', imported: 30_000 });
    // meanwhile the till's connection leaves the log alone (a sale would otherwise copy it)
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await env.imports.close(); // waits for the checkpoint
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(statSync(env.dbFile).size).toBeGreaterThan(before + 5_000_000);
    expect(count(env.db, 'report_rows')).toBe(30_000);
    env.db.close();
  });
});
