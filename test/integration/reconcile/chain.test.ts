// The three-way chain over the shared samples: till sales (real SalesRepo: insert → qr_shown → paid
// with Kaspi's purchase id) ↔ kaspi_sales_report_sample.csv ↔ kaspi_statement_1c_sample.txt
// reconcile to a zero difference on every leg.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { reconcileText } from '../../../main/services/reconcile/reconcile-text.js';
import { importFile, makeEnv, SAMPLES, type Env } from '../imports/helpers.js';
import { doneRefund, paidSale } from './helpers.js';

let env: Env;
let reconcile: ReconcileService;

beforeEach(async () => {
  env = makeEnv('kassa-reconcile-');
  reconcile = new ReconcileService({ db: env.db, now: () => new Date('2025-03-04T04:00:00.000Z') });
  // The sample report's purchases, rung up at the till at their Almaty times (UTC+5).
  paidSale(env.db, { id: 'sale-101', amountTiyn: 450_000, at: '2025-03-01T05:15:00.000Z', purchaseId: '13000000101' });
  paidSale(env.db, { id: 'sale-102', amountTiyn: 1_200_000, at: '2025-03-01T07:40:40.000Z', purchaseId: '13000000102' });
  // The report's refund of 1 500 ₸ on purchase 101 was made through the till too.
  doneRefund(env.db, { id: 'refund-1', saleId: 'sale-101', amountTiyn: 150_000, at: '2025-03-02T04:05:00.000Z' });
  expect((await importFile(env, SAMPLES.report)).imported).toBe(3);
  expect((await importFile(env, SAMPLES.oneC)).imported).toBe(2);
});
afterEach(async () => {
  await env.cleanup();
});

describe('samples: till ↔ report ↔ 1C statement', () => {
  it('reconciles to zero difference over the report period', () => {
    const view = reconcile.run('2025-03-01', '2025-03-02');
    expect(view.tillVsReport.counts).toEqual({ matched: 3, amount_differs: 0, only_till: 0, only_report: 0 });
    expect(view.tillVsReport.pairs.map((p) => [p.kind, p.purchaseId, p.status, p.tillTiyn, p.reportTiyn])).toEqual([
      ['purchase', '13000000101', 'matched', 450_000, 450_000],
      ['purchase', '13000000102', 'matched', 1_200_000, 1_200_000],
      ['refund', '13000000101', 'matched', -150_000, -150_000], // 1 500 refunded on 02.03, on both sides
    ]);
    expect([view.tillVsReport.tillTotalTiyn, view.tillVsReport.reportTotalTiyn]).toEqual([1_500_000, 1_500_000]);
    expect(view.tillVsReport.pairs[0]).toMatchObject({ id: 'purchase:13000000101', saleId: 'sale-101', orderNumber: '000001', at: '2025-03-01T10:15:00+05:00' });
    expect(view.tillVsReport.tillTotalTiyn).toBe(view.tillVsReport.reportTotalTiyn);
    // the 01.03 purchases settle on 02.03: 4 455 + 11 820 = 16 275 ₸, the 1C credit of that day
    expect(view.reportVsBank.days).toEqual([
      { date: '2025-03-02', reportNetTiyn: 1_627_500, bankCreditTiyn: 1_627_500, differenceTiyn: 0, matched: true, noStatement: false },
    ]);
    expect(view.reportVsBank.differenceTiyn).toBe(0);
  });

  it('the same statement imported again as MT940 is not counted twice', async () => {
    expect((await importFile(env, SAMPLES.mt940)).imported).toBe(2);
    const view = reconcile.run('2025-03-01', '2025-03-02');
    expect(view.reportVsBank.bankCreditTotalTiyn).toBe(1_627_500);
    expect(view.reportVsBank.differenceTiyn).toBe(0);
  });

  it('the MT940 sample alone carries the chain as well', async () => {
    const oneC = env.imports.batches().find((b) => b.format === '1c')!;
    env.imports.undo(oneC.id);
    await importFile(env, SAMPLES.mt940);
    expect(reconcile.run('2025-03-01', '2025-03-02').reportVsBank).toMatchObject({ bankCreditTotalTiyn: 1_627_500, differenceTiyn: 0 });
  });

  it('a refund-only settlement day shows what Kaspi will deduct later', () => {
    const view = reconcile.run('2025-03-01', '2025-03-03');
    expect(view.reportVsBank.days.at(-1)).toEqual({
      date: '2025-03-03',
      reportNetTiyn: -148_500,
      bankCreditTiyn: 0, // the 5 000 ₸ debit to a Kaspi Gold card is not a Kaspi credit
      differenceTiyn: 148_500,
      matched: false,
      noStatement: false, // the statement reaches this day (its debit is dated so)
    });
    // `kassa reconcile` words the day as the screen and the exports do
    expect(reconcileText(view, 'en').at(-1)).toMatch(/03\.03\.2025: .*, refunds only$/);
  });

  it('without the till refund, the refund is only in the report; the purchase still matches', () => {
    // the till never recorded it as done (an update: a refund's audit rows refer to it)
    env.db.prepare("UPDATE refunds SET status = 'failed' WHERE id = 'refund-1'").run();
    const view = reconcile.run('2025-03-01', '2025-03-02');
    expect(view.tillVsReport.pairs[0]).toMatchObject({ kind: 'refund', purchaseId: '13000000101', status: 'only_report', tillTiyn: null, reportTiyn: -150_000 });
    expect(view.tillVsReport.pairs.find((p) => p.id === 'purchase:13000000101')).toMatchObject({ status: 'matched', tillTiyn: 450_000 });
    expect(view.tillVsReport.reportTotalTiyn - view.tillVsReport.tillTotalTiyn).toBe(-150_000);
  });
});
