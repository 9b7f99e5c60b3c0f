// Migration 12: a "reconciled" mark made while purchase pairs were compared net of refunds keeps
// vouching for its pair now that a purchase pair compares the purchase itself.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { openDatabase } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { paidSale } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migration 12', () => {
  it('a mark stored net of a refund takes the purchase amounts; a mark of amounts that no longer match is left', () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 12));
    paidSale(before, { id: 's-1', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-1' });
    // a manual refund, as this schema stored one
    before
      .prepare("INSERT INTO refunds (id, sale_id, amount_tiyn, method, status, settled, created_at, finished_at, updated_at) VALUES ('r-1', 's-1', 25000, 'manual', 'done', 1, ?, ?, ?)")
      .run(...Array(3).fill('2025-03-07T06:00:00.000Z'));
    paidSale(before, { id: 's-2', amountTiyn: 50_000, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P-2' });
    const row = before.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, ?, ?, ?, '2025-03-08', ?, ?)`,
    );
    row.run('x1', 1, 'P-1', 'purchase', '2025-03-05T09:00:05+05:00', '2025-03-05', 100_000, 99_000);
    row.run('x2', 2, 'P-1', 'refund', '2025-03-07T11:00:00+05:00', '2025-03-07', -25_000, -24_750);
    row.run('x3', 3, 'P-2', 'purchase', '2025-03-05T10:00:05+05:00', '2025-03-05', 40_000, 39_600); // differs now
    const mark = before.prepare(
      `INSERT INTO reconciled_pairs (pair_id, purchase_id, sale_id, till_tiyn, report_tiyn, marked_at) VALUES (?, ?, ?, ?, ?, '2025-03-10T04:00:00.000Z')`,
    );
    mark.run('purchase:P-1', 'P-1', 's-1', 75_000, 75_000); // as the earlier version stored it: net of the refund
    mark.run('purchase:P-2', 'P-2', 's-2', 50_000, 50_000); // matched then; the report says otherwise now
    before.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT pair_id, till_tiyn, report_tiyn FROM reconciled_pairs ORDER BY pair_id').all()).toEqual([
        { pair_id: 'purchase:P-1', till_tiyn: 100_000, report_tiyn: 100_000 },
        { pair_id: 'purchase:P-2', till_tiyn: 50_000, report_tiyn: 50_000 },
      ]);
      const pairs = new ReconcileService({ db }).run('2025-03-05', '2025-03-05').tillVsReport.pairs;
      expect(pairs.find((p) => p.id === 'purchase:P-1')).toMatchObject({ status: 'matched', reconciled: true });
      expect(pairs.find((p) => p.id === 'purchase:P-2')).toMatchObject({ status: 'amount_differs', reconciled: false });
    } finally {
      db.close();
    }
  });
});

describe('migration 21', () => {
  it('the marks an undo of a report left behind (before undos took them off) go; marks of purchases a report still has stay', () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 21));
    paidSale(before, { id: 's-1', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-1' });
    paidSale(before, { id: 's-2', amountTiyn: 50_000, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P-2' });
    before
      .prepare(
        `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
         VALUES (1, 'kaspi-report', 'x1', 1, 'P-1', 'purchase', '2025-03-05T09:00:05+05:00', '2025-03-05', '2025-03-06', 100000, 99000)`,
      )
      .run();
    const mark = before.prepare(
      `INSERT INTO reconciled_pairs (pair_id, purchase_id, sale_id, till_tiyn, report_tiyn, marked_at) VALUES (?, ?, ?, ?, ?, '2025-03-10T04:00:00.000Z')`,
    );
    mark.run('purchase:P-1', 'P-1', 's-1', 100_000, 100_000);
    mark.run('purchase:P-2', 'P-2', 's-2', 50_000, 50_000); // its report was undone by an earlier Kassa
    before.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT pair_id FROM reconciled_pairs').pluck().all()).toEqual(['purchase:P-1']);
    } finally {
      db.close();
    }
  });
});
