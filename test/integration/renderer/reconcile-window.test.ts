// The Reconciliation tab's state over the real core (real SQLite): in a busy month main lists at most
// 5000 pairs, problems first — the matched pairs behind them are still there to filter and mark.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import { openDatabase } from '../../../main/store/database.js';
import { openCore } from '../../helpers/core-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';
import { paidSale } from '../reconcile/helpers.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
  vi.resetModules();
});
afterEach(async () => {
  win?.close();
  await core.close();
  cleanup();
});

/** A till sale and its report row (matched), behind `others` report rows no till sale has (card payments). */
function busyDay(others: number): void {
  const db = openDatabase(join(dir, 'kassa.db'));
  try {
    paidSale(db, { id: 'sale-1', amountTiyn: 450_000, at: '2025-03-05T06:00:00.000Z', purchaseId: 'P-MATCH' });
    const insert = db.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, 'purchase', '2025-03-05T11:00:05+05:00', '2025-03-05', '2025-03-06', ?, ?)`,
    );
    db.transaction(() => {
      insert.run('match', 1, 'P-MATCH', 450_000, 445_500);
      for (let i = 0; i < others; i++) insert.run(`card-${i}`, i + 2, `CARD-${i}`, 10_000, 9_900);
    })();
  } finally {
    db.close();
  }
}

it('a month of more than 5000 discrepancies: the matched filter lists the matched pairs, and they can be marked', async () => {
  busyDay(5001);
  win = windowOverCore(core, 'cashier');
  const actions = await import('../../../renderer/src/state/reconcile-actions.js');
  const { useReconcile } = await import('../../../renderer/src/state/reconcile-store.js');
  actions.setPeriod({ from: '2025-03-05', to: '2025-03-05' });
  await actions.runReconcile();
  const all = useReconcile.getState().view!.tillVsReport;
  expect(all).toMatchObject({ truncated: true, listedStatus: null, counts: { matched: 1, only_report: 5001 } });
  expect(all.pairs.some((p) => p.status === 'matched')).toBe(false);

  actions.setFilter('matched');
  await waitFor(() => useReconcile.getState().view?.tillVsReport.listedStatus === 'matched');
  expect(useReconcile.getState().view!.tillVsReport.pairs.map((p) => p.id)).toEqual(['purchase:P-MATCH']);
  actions.selectAllMatched(true);
  await actions.markSelected();
  expect(useReconcile.getState().message).toMatchObject({ kind: 'ok', key: 'reconcile.marked', params: { count: 1 } });
  expect(useReconcile.getState().view!.tillVsReport.pairs).toEqual([expect.objectContaining({ id: 'purchase:P-MATCH', reconciled: true })]);

  actions.setFilter('all'); // back to every status: problems first again
  await waitFor(() => useReconcile.getState().view?.tillVsReport.listedStatus === null);
  expect(useReconcile.getState().view!.tillVsReport.truncated).toBe(true);
});

it('a month that fits the list: a filter is applied on screen, nothing asked again', async () => {
  busyDay(10);
  win = windowOverCore(core, 'cashier');
  const actions = await import('../../../renderer/src/state/reconcile-actions.js');
  const { useReconcile } = await import('../../../renderer/src/state/reconcile-store.js');
  actions.setPeriod({ from: '2025-03-05', to: '2025-03-05' });
  await actions.runReconcile();
  const view = useReconcile.getState().view;
  actions.setFilter('matched');
  expect(useReconcile.getState()).toMatchObject({ running: false, filter: 'matched' });
  expect(useReconcile.getState().view).toBe(view);
});
