// Batches know their row-id range (migration 4): undo deletes exactly the batch's rows by that
// range even when a later batch reuses the ids an undone one freed; a database from before
// migration 4 gets the ranges of its batches filled in, and loses the batch_id indexes.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations.js';
import { ImportsRepo } from '../../../main/store/imports-repo.js';
import { count, importFile, makeEnv, REPORT_HEADER, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

const report = (ids: number[]) =>
  `${REPORT_HEADER}\r\n${ids.map((id, i) => `${i + 1};${13_000_000_000 + id};01.03.2025;10:${String(id % 60).padStart(2, '0')}:00;02.03.2025;Покупка;QR;${id},00;${id},00;0,00;0,00;;x`).join('\r\n')}\r\n`;

const purchases = (db: Database.Database) =>
  (db.prepare('SELECT purchase_id AS p FROM report_rows ORDER BY id').all() as { p: string }[]).map((r) => Number(r.p) - 13_000_000_000);

describe('batch id ranges', () => {
  it('undo deletes exactly its batch, also after ids an undone batch freed were reused', async () => {
    const a = await importFile(env, writeFile(env, 'a.csv', report([1, 2, 3])));
    const b = await importFile(env, writeFile(env, 'b.csv', report([4, 5])));
    expect(env.db.prepare('SELECT id, first_row_id AS f, last_row_id AS l FROM import_batches ORDER BY id').all()).toEqual([
      { id: 1, f: 1, l: 3 },
      { id: 2, f: 4, l: 5 },
    ]);
    env.imports.undo(b.batch!.id);
    const c = await importFile(env, writeFile(env, 'c.csv', report([6, 7, 8]))); // ids 4..6 again
    expect(env.db.prepare('SELECT first_row_id AS f, last_row_id AS l FROM import_batches WHERE id = 3').get()).toEqual({ f: 4, l: 6 });
    env.imports.undo(b.batch!.id); // undone already: must not touch c's rows in b's old range
    expect(purchases(env.db)).toEqual([1, 2, 3, 6, 7, 8]);
    env.imports.undo(a.batch!.id);
    expect(purchases(env.db)).toEqual([6, 7, 8]);
    env.imports.undo(c.batch!.id);
    expect(count(env.db, 'report_rows')).toBe(0);
  });

  it('a database from before migration 4 gets its ranges and loses the batch_id indexes', () => {
    const file = join(env.dir, 'old.db');
    const old = openDatabase(file, migrations.filter((m) => m.version <= 3));
    expect(schemaVersion(old)).toBe(3);
    const batch = old.prepare("INSERT INTO import_batches (file_name, format, rows, sum_tiyn, created_at) VALUES (?, ?, ?, ?, '2025-03-04')");
    batch.run('r.csv', 'kaspi-report', 2, 300);
    batch.run('s.txt', '1c', 1, 500);
    batch.run('j.json', 'json', 0, 0);
    const row = old.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, 'purchase', '2025-03-01T10:00:00+05:00', '2025-03-01', ?, ?)`,
    );
    row.run('k|1', 2, '1', 100, 100);
    row.run('k|2', 3, '2', 200, 200);
    old.prepare(
      `INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account)
       VALUES (2, '1c', '1c|x', 4, '2025-03-02', 500, 'KZ00')`,
    ).run();
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT id, first_row_id AS f, last_row_id AS l FROM import_batches ORDER BY id').all()).toEqual([
      { id: 1, f: 1, l: 2 },
      { id: 2, f: 1, l: 1 },
      { id: 3, f: null, l: null },
    ]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_batch'").all();
    expect(indexes).toEqual([]);
    new ImportsRepo(db).undo('1', '2025-03-05');
    expect(count(db, 'report_rows')).toBe(0);
    expect(count(db, 'statement_rows')).toBe(1);
    db.close();
  });
});
