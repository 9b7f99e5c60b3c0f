// Migration 13: statement batches imported before it cover the span of their rows' dates (what
// "no statement" was judged by until then); report batches and undone ones cover nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.js';
import { ImportsRepo } from '../../../main/store/imports-repo.js';
import { migrations } from '../../../main/store/migrations.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migrations 13 to 15', () => {
  it("gives each earlier statement batch its rows' span", () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 13));
    const batch = before.prepare("INSERT INTO import_batches (id, file_name, format, rows, sum_tiyn, created_at, undone_at) VALUES (?, ?, ?, 0, 0, '2025-04-01', ?)");
    batch.run(1, 'march.txt', '1c', null);
    batch.run(2, 'report.csv', 'kaspi-report', null);
    batch.run(3, 'april.sta', 'mt940', '2025-05-02'); // undone: its rows are gone
    const row = before.prepare("INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account) VALUES (1, '1c', ?, 1, ?, 100, 'KZ18722S000012345678')");
    for (const [id, date] of [['a', '2025-03-20'], ['b', '2025-03-02'], ['c', '2025-03-11']]) row.run(id, date);
    before.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT id, period_from, period_to FROM import_batches ORDER BY id').all()).toEqual([
        { id: 1, period_from: '2025-03-02', period_to: '2025-03-20' },
        { id: 2, period_from: null, period_to: null },
        { id: 3, period_from: null, period_to: null },
      ]);
      expect(new ImportsRepo(db).statementPeriods('2025-01-01', '2025-12-31')).toEqual([{ from: '2025-03-02', to: '2025-03-20' }]);
      // migrations 14 and 15: what earlier batches left out is not known (nothing recorded)
      expect(db.prepare('SELECT COUNT(*) AS n FROM import_skips').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('migration 15 keeps the statement skips of migration 14 whose rows are stored, by row id', () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version <= 14));
    before.prepare("INSERT INTO import_batches (id, file_name, format, rows, sum_tiyn, created_at) VALUES (1, 'a.txt', '1c', 1, 100, '2025-04-01'), (2, 'b.txt', '1c', 0, 0, '2025-04-02')").run();
    before.prepare("INSERT INTO statement_rows (id, batch_id, source, external_id, line, date, amount_tiyn, account) VALUES (7, 1, '1c', 'x', 1, '2025-03-10', 100, 'KZ1')").run();
    before.prepare("INSERT INTO statement_skips (batch_id, source, external_id, date) VALUES (2, '1c', 'x', '2025-03-10'), (2, '1c', 'gone', '2025-03-11')").run();
    before.close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT batch_id, row_id FROM import_skips').all()).toEqual([{ batch_id: 2, row_id: 7 }]);
    } finally {
      db.close();
    }
  });
});
