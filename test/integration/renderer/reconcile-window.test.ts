// The Reconciliation tab's state over the real core (real SQLite): in a busy month main lists at most
// 5000 pairs, problems first — the matched pairs behind them are still there to filter and mark.
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/messages.js';
import { openDatabase } from '../../../main/store/database.js';
import { waitFor } from '../../helpers/wait-for.js';
import { coreWindowPerTest, type WindowOverCore } from '../../helpers/window-over-core.js';
import { paidSale } from '../reconcile/helpers.js';

const t = coreWindowPerTest();
let win: WindowOverCore;

/** `matched` till sales and their report rows, behind `others` report rows no till sale has (card payments). */
function busyDay(others: number, matched = 1): void {
  const db = openDatabase(join(t.dir, 'kassa.db'));
  try {
    const insert = db.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, 'purchase', '2025-03-05T11:00:05+05:00', '2025-03-05', '2025-03-06', ?, ?)`,
    );
    const pid = (i: number) => (i === 0 ? 'P-MATCH' : `P-MATCH-${i}`);
    for (let i = 0; i < matched; i++) paidSale(db, { id: `sale-${i}`, amountTiyn: 450_000, at: '2025-03-05T06:00:00.000Z', purchaseId: pid(i) });
    db.transaction(() => {
      for (let i = 0; i < matched; i++) insert.run(`match-${i}`, i + 1, pid(i), 450_000, 445_500);
      for (let i = 0; i < others; i++) insert.run(`card-${i}`, i + 1000, `CARD-${i}`, 10_000, 9_900);
    })();
  } finally {
    db.close();
  }
}

async function reconcileTab() {
  win = t.window('cashier');
  const actions = await import('../../../renderer/src/state/reconcile-actions.js');
  const { useReconcile } = await import('../../../renderer/src/state/reconcile-store.js');
  actions.setPeriod({ from: '2025-03-05', to: '2025-03-05' });
  /** Nothing running, and the list holds what the filter shows. */
  const settled = () => {
    const s = useReconcile.getState();
    return !s.running && s.view !== null && actions.holdsFilter(s.view, s.filter);
  };
  return { actions, useReconcile, settled };
}

it('a month of more than 5000 discrepancies: the matched filter lists the matched pairs, and they can be marked', async () => {
  busyDay(5001);
  const { actions, useReconcile, settled } = await reconcileTab();
  await actions.runReconcile();
  const all = useReconcile.getState().view!.tillVsReport;
  expect(all).toMatchObject({ truncated: true, listedStatus: null, counts: { matched: 1, only_report: 5001 } });
  expect(all.pairs.some((p) => p.status === 'matched')).toBe(false);

  actions.setFilter('matched');
  await waitFor(settled);
  expect(useReconcile.getState().view!.tillVsReport.pairs.map((p) => p.id)).toEqual(['purchase:P-MATCH']);
  actions.selectAllMatched(true);
  await actions.markSelected();
  expect(useReconcile.getState().message).toMatchObject({ kind: 'ok', key: 'reconcile.marked', params: { count: 1 } });
  expect(useReconcile.getState().view!.tillVsReport.pairs).toEqual([expect.objectContaining({ id: 'purchase:P-MATCH', reconciled: true })]);

  actions.setFilter('all'); // back to every status: problems first again
  await waitFor(() => useReconcile.getState().view?.tillVsReport.listedStatus === null);
  expect(useReconcile.getState().view!.tillVsReport.truncated).toBe(true);
});

it('a busy month: a status picked while the first run is on its way is asked for when that run lands', async () => {
  busyDay(5001);
  const { actions, useReconcile, settled } = await reconcileTab();
  win.holdNext('reconcile.run');
  const first = actions.runReconcile(); // the tab opens, every status
  actions.setFilter('matched'); // nothing on screen yet
  await win.release('reconcile.run');
  await first;
  await waitFor(settled);
  expect(useReconcile.getState().view!.tillVsReport).toMatchObject({ listedStatus: 'matched', pairs: [expect.objectContaining({ id: 'purchase:P-MATCH' })] });
});

it('a busy month: filters clicked faster than main answers end on the last one\'s pairs; ticks survive a look at another status', async () => {
  busyDay(5001, 3);
  const { actions, useReconcile, settled } = await reconcileTab();
  await actions.runReconcile();
  actions.setFilter('matched');
  await waitFor(settled);
  actions.selectAllMatched(true);
  expect(useReconcile.getState().selected).toHaveLength(3);
  win.holdNext('reconcile.run');
  actions.setFilter('only_report'); // asked for; the reply is on its way…
  actions.setFilter('matched'); // …when the manager is back on matched
  await win.release('reconcile.run');
  await waitFor(settled);
  expect(useReconcile.getState().view!.tillVsReport.listedStatus).toBe('matched');
  expect(useReconcile.getState().selected).toHaveLength(3); // a list of another status said nothing against them
  await actions.markSelected();
  expect(useReconcile.getState().message).toMatchObject({ kind: 'ok', params: { count: 3 } });
});

it('a month that fits the list: filters work on screen, nothing asked again, ticks kept', async () => {
  busyDay(10, 3);
  const { actions, useReconcile } = await reconcileTab();
  useReconcile.setState({ filter: 'matched' }); // the filter left on last time
  await actions.runReconcile();
  const view = useReconcile.getState().view!;
  expect(view.tillVsReport).toMatchObject({ listedStatus: null, truncated: false });
  actions.selectAllMatched(true);
  actions.setFilter('only_report');
  actions.setFilter('matched');
  expect(useReconcile.getState()).toMatchObject({ running: false, filter: 'matched', view });
  expect(useReconcile.getState().selected).toHaveLength(3);
});

it('a busy month, a status with no pairs: the list says none has this status, not that the period has nothing', async () => {
  busyDay(5001);
  const { actions, useReconcile, settled } = await reconcileTab();
  const { ReconcilePairs } = await import('../../../renderer/src/cashier/reconcile-pairs.js');
  await actions.runReconcile();
  actions.setFilter('only_till');
  await waitFor(settled);
  const view = useReconcile.getState().view!;
  expect(view.tillVsReport).toMatchObject({ listedStatus: 'only_till', pairs: [] });
  Object.assign(useReconcile.getInitialState(), useReconcile.getState()); // server rendering reads the initial state
  const html = renderToStaticMarkup(createElement(ReconcilePairs, { view, locale: 'en' }));
  expect(/data-testid="reconcile-pairs-empty"[^>]*>([^<]*)</.exec(html)?.[1]).toBe(translate('en', 'reconcile.noPairsFiltered'));
});

