// Reconciliation cases on purpose-built data: matched / amount differs / only till / only report,
// Almaty day boundaries, demo sales left out, settlement-day differences, which statement credits
// count, and locked pairs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { humanOf, jsonOf, summarizeOutcome, summarizePreview } from '../../../main/services/imports/import-summary.js';
import { reconcileText } from '../../../main/services/reconcile/reconcile-text.js';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { importFile, makeEnv, register, writeFile, type Env } from '../imports/helpers.js';
import { daysWithoutStatement } from '../../../shared/reconcile-notes.js';
import { doneRefund, paidSale, reportCsv, statement1c, type ReportLine } from './helpers.js';

let env: Env;
let reconcile: ReconcileService;
beforeEach(() => {
  env = makeEnv('kassa-reconcile-');
  reconcile = new ReconcileService({ db: env.db, now: () => new Date('2025-03-10T04:00:00.000Z') });
});
afterEach(async () => {
  await env.cleanup();
});

const pairsOf = (from: string, to: string) =>
  reconcile.run(from, to).tillVsReport.pairs.map((p) => [p.purchaseId ?? p.saleId, p.status, p.tillTiyn, p.reportTiyn]);

describe('till ↔ report', () => {
  beforeEach(async () => {
    paidSale(env.db, { id: 's-match', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-MATCH' });
    paidSale(env.db, { id: 's-diff', amountTiyn: 200_000, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P-DIFF' });
    paidSale(env.db, { id: 's-till', amountTiyn: 300_000, at: '2025-03-05T06:00:00.000Z', purchaseId: 'P-TILL' });
    paidSale(env.db, { id: 's-nopid', amountTiyn: 50_000, at: '2025-03-05T06:30:00.000Z', purchaseId: null });
    paidSale(env.db, { id: 's-demo', amountTiyn: 70_000, at: '2025-03-05T07:00:00.000Z', purchaseId: 'P-DEMO', mode: 'demo' });
    const report = reportCsv([
      { purchaseId: 'P-MATCH', date: '05.03.2025', time: '09:00:05', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' },
      { purchaseId: 'P-DIFF', date: '05.03.2025', time: '10:00:05', settlement: '06.03.2025', gross: '2 100,00', net: '2 079,00' },
      { purchaseId: 'P-REPORT', date: '05.03.2025', time: '12:00:00', settlement: '06.03.2025', gross: '400,00', net: '396,00' },
      { purchaseId: 'P-DEMO', date: '05.03.2025', time: '12:00:05', settlement: '06.03.2025', gross: '700,00', net: '693,00' },
    ]);
    expect((await importFile(env, writeFile(env, 'report.csv', report))).imported).toBe(4);
  });

  it('classifies every pair; problems first, then matched, each by time', () => {
    const view = reconcile.run('2025-03-05', '2025-03-05');
    expect(view.tillVsReport.pairs.map((p) => [p.purchaseId ?? p.saleId, p.status, p.tillTiyn, p.reportTiyn])).toEqual([
      ['P-DIFF', 'amount_differs', 200_000, 210_000],
      ['P-TILL', 'only_till', 300_000, null],
      ['s-nopid', 'only_till', 50_000, null], // paid without a Kaspi purchase id: cannot be in a report
      ['P-REPORT', 'only_report', null, 40_000],
      ['P-DEMO', 'only_report', null, 70_000], // the demo sale is not the till's real money
      ['P-MATCH', 'matched', 100_000, 100_000],
    ]);
    expect(view.tillVsReport.counts).toEqual({ matched: 1, amount_differs: 1, only_till: 2, only_report: 2 });
    expect(view.tillVsReport).toMatchObject({ truncated: false, tillTotalTiyn: 650_000, reportTotalTiyn: 420_000 });
    expect(view.tillVsReport.pairs.find((p) => p.saleId === 's-nopid')!.id).toBe('sale:s-nopid');
  });

  it('demo sales take part when asked for, and are counted as left out when not', () => {
    const service = new ReconcileService({ db: env.db });
    const left = service.run('2025-03-05', '2025-03-05');
    expect(left.tillVsReport.demoSalesLeftOut).toBe(1);
    expect(reconcileText(left, 'en')).toContain('  Demo sales of the period are left out (1): they never reach a real Kaspi report.'); // the CLI says it too
    const withDemo = service.run('2025-03-05', '2025-03-05', { includeDemo: true });
    expect(withDemo.tillVsReport.demoSalesLeftOut).toBe(0);
    const demo = withDemo.tillVsReport.pairs.find((p) => p.purchaseId === 'P-DEMO');
    expect(demo).toMatchObject({ status: 'matched', tillTiyn: 70_000 });
    // and it can be marked reconciled in that view
    expect(service.mark([demo!.id])).toBe(0);
    expect(service.mark([demo!.id], { includeDemo: true })).toBe(1);
    expect(service.run('2025-03-05', '2025-03-05', { includeDemo: true }).tillVsReport.pairs.find((p) => p.purchaseId === 'P-DEMO')!.reconciled).toBe(true);
  });

  it('a demo sale under a live sale\'s purchase id (the demo simulator repeats ids) is counted on its own, never dropped', () => {
    paidSale(env.db, { id: 's-demo-twin', amountTiyn: 9_900, at: '2025-03-05T03:00:00.000Z', purchaseId: 'P-MATCH', mode: 'demo' });
    const service = new ReconcileService({ db: env.db });
    const view = service.run('2025-03-05', '2025-03-05', { includeDemo: true }).tillVsReport;
    expect(view.pairs.filter((p) => p.purchaseId === 'P-MATCH').map((p) => [p.id, p.status, p.tillTiyn, p.reportTiyn])).toEqual([
      ['sale:s-demo-twin', 'only_till', 9_900, null],
      ['purchase:P-MATCH', 'matched', 100_000, 100_000], // the live sale keeps its report row
    ]);
    expect(view.tillTotalTiyn).toBe(650_000 + 70_000 + 9_900);
    // marking the pair the view lists as matched marks that pair (live sale ↔ report), not the demo twin's
    expect(service.mark(['purchase:P-MATCH'], { includeDemo: true })).toBe(1);
  });

  it('across a day edge the live sale, not an earlier demo twin, is the counterpart of the next day\'s report purchase', async () => {
    paidSale(env.db, { id: 's-twin', amountTiyn: 9_900, at: '2025-03-06T03:00:00.000Z', purchaseId: 'P-EDGE', mode: 'demo' });
    paidSale(env.db, { id: 's-live-late', amountTiyn: 100_000, at: '2025-03-06T18:59:30.000Z', purchaseId: 'P-EDGE' }); // 23:59:30 Almaty
    const next = reportCsv([{ purchaseId: 'P-EDGE', date: '07.03.2025', time: '00:00:10', settlement: '08.03.2025', gross: '1 000,00', net: '990,00' }]);
    await importFile(env, writeFile(env, 'edge.csv', next));
    const service = new ReconcileService({ db: env.db });
    const pair = service.run('2025-03-07', '2025-03-07', { includeDemo: true }).tillVsReport.pairs.find((p) => p.purchaseId === 'P-EDGE');
    expect(pair).toMatchObject({ saleId: 's-live-late', status: 'matched', tillTiyn: 100_000 });
  });

  it('a day is an Almaty day: a sale at 23:59 pairs with its report row of 00:00 the next day', async () => {
    // 2025-03-06 23:59:30 Almaty = 18:59:30Z
    paidSale(env.db, { id: 's-late', amountTiyn: 10_000, at: '2025-03-06T18:59:30.000Z', purchaseId: 'P-LATE' });
    const late = reportCsv([{ purchaseId: 'P-LATE', date: '07.03.2025', time: '00:00:20', settlement: '08.03.2025', gross: '100,00', net: '99,00' }]);
    await importFile(env, writeFile(env, 'late.csv', late));
    expect(pairsOf('2025-03-06', '2025-03-06')).toEqual([['P-LATE', 'matched', 10_000, 10_000]]);
    expect(pairsOf('2025-03-07', '2025-03-07')).toEqual([['P-LATE', 'matched', 10_000, 10_000]]);
    expect(pairsOf('2025-03-04', '2025-03-04')).toEqual([]);
    // 00:30 Almaty on 06.03 is still 05.03 in UTC: it belongs to 06.03
    paidSale(env.db, { id: 's-early', amountTiyn: 5_000, at: '2025-03-05T19:30:00.000Z', purchaseId: null });
    expect(pairsOf('2025-03-06', '2025-03-06')).toContainEqual(['s-early', 'only_till', 5_000, null]);
    expect(pairsOf('2025-03-05', '2025-03-05')).not.toContainEqual(['s-early', 'only_till', 5_000, null]);
  });

  it('a pair across a month end is listed in both months, each side counted in its own month only', async () => {
    // 31.03 23:58 Almaty = 18:58Z; Kaspi dates the purchase 01.04 00:01
    paidSale(env.db, { id: 's-eom', amountTiyn: 450_000, at: '2025-03-31T18:58:00.000Z', purchaseId: 'P-EOM' });
    const april = reportCsv([{ purchaseId: 'P-EOM', date: '01.04.2025', time: '00:01:00', settlement: '02.04.2025', gross: '4 500,00', net: '4 455,00' }]);
    await importFile(env, writeFile(env, 'april.csv', april));
    const march = reconcile.run('2025-03-31', '2025-03-31').tillVsReport;
    const next = reconcile.run('2025-04-01', '2025-04-30').tillVsReport;
    expect(march.pairs).toEqual([expect.objectContaining({ id: 'purchase:P-EOM', status: 'matched', counterpartOutside: 'report' })]);
    expect(next.pairs).toEqual([expect.objectContaining({ id: 'purchase:P-EOM', status: 'matched', counterpartOutside: 'till' })]);
    expect([march.tillTotalTiyn, march.reportTotalTiyn]).toEqual([450_000, 0]);
    expect([next.tillTotalTiyn, next.reportTotalTiyn]).toEqual([0, 450_000]);
    // the export adds up: its column sums less the row of sides dated outside are its Total row
    const exported = (await reconcile.export('2025-04-01', '2025-04-30', 'till-report', 'csv', 'en')).content.toString('utf8');
    const lines = exported.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines.slice(-2)).toEqual(['Of these, sides dated outside the period (not in Total);;;;;;4500,00;0,00;;;', 'Total;;;;;;0,00;4500,00;4500,00;;']);
    // the CLI explains the difference as the screen does
    expect(reconcileText(reconcile.run('2025-04-01', '2025-04-30'), 'en').join('\n')).toMatch(/Of this difference, 4\s500\s₸ comes from pairs whose other side is dated in the neighbouring period/);
    // both days in one range: an ordinary pair, counted once on each side
    const both = reconcile.run('2025-03-31', '2025-04-01').tillVsReport;
    expect(both.pairs).toEqual([expect.objectContaining({ id: 'purchase:P-EOM', counterpartOutside: null })]);
    expect([both.tillTotalTiyn, both.reportTotalTiyn]).toEqual([450_000, 450_000]);
    // the export's total row follows the screen
    const csv = (await reconcile.export('2025-04-01', '2025-04-30', 'till-report', 'csv', 'en')).content.toString('utf8');
    expect(csv.trim().split('\r\n').at(-1)).toMatch(/;0,00;4500,00;4500,00;/);
  });

  it('a refund is a pair of its own, dated by itself: a later month\'s refund changes nothing in the purchase\'s month', async () => {
    const march5 = reconcile.run('2025-03-05', '2025-03-05').tillVsReport;
    const refund = reportCsv([
      { purchaseId: 'P-MATCH', type: 'Возврат', date: '07.03.2025', time: '11:00:00', settlement: '08.03.2025', gross: '-250,00', net: '-247,50' },
    ]);
    await importFile(env, writeFile(env, 'refund.csv', refund));
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport).toEqual(march5); // the purchase's day as it was
    expect(pairsOf('2025-03-07', '2025-03-07')).toEqual([['P-MATCH', 'only_report', null, -25_000]]); // not recorded at the till
    doneRefund(env.db, { id: 'r-1', saleId: 's-match', amountTiyn: 25_000, at: '2025-03-07T06:00:00.000Z' });
    const march7 = reconcile.run('2025-03-07', '2025-03-07').tillVsReport;
    expect(march7.pairs).toEqual([
      expect.objectContaining({ id: 'refund:purchase:P-MATCH:r-1', kind: 'refund', status: 'matched', saleId: 's-match', tillTiyn: -25_000, reportTiyn: -25_000 }),
    ]);
    expect([march7.tillTotalTiyn, march7.reportTotalTiyn]).toEqual([-25_000, -25_000]);
    // the week: the money moved in it, refunds included
    const week = reconcile.run('2025-03-01', '2025-03-07').tillVsReport;
    expect([week.tillTotalTiyn, week.reportTotalTiyn]).toEqual([650_000 - 25_000, 420_000 - 25_000]);
    // a second refund at the till the same day, not in the report: that one is only on the till, the first still matches
    doneRefund(env.db, { id: 'r-2', saleId: 's-match', amountTiyn: 5_000, at: '2025-03-07T07:00:00.000Z' });
    expect(pairsOf('2025-03-07', '2025-03-07')).toEqual([
      ['P-MATCH', 'only_till', -5_000, null],
      ['P-MATCH', 'matched', -25_000, -25_000],
    ]);
    // refund pairs are not locked by "mark reconciled"
    expect(reconcile.mark(['refund:purchase:P-MATCH:r-1'])).toBe(0);
  });

  it('refunds pair one by one: two partial refunds, one of them across midnight, each match on its own day', async () => {
    doneRefund(env.db, { id: 'r-a', saleId: 's-diff', amountTiyn: 10_000, at: '2025-03-07T18:59:30.000Z' }); // 23:59:30 on 07.03
    doneRefund(env.db, { id: 'r-b', saleId: 's-diff', amountTiyn: 20_000, at: '2025-03-08T05:00:00.000Z' }); // 10:00 on 08.03
    const refunds = reportCsv([
      { purchaseId: 'P-DIFF', type: 'Возврат', date: '08.03.2025', time: '00:00:20', settlement: '09.03.2025', gross: '-100,00', net: '-99,00' },
      { purchaseId: 'P-DIFF', type: 'Возврат', date: '08.03.2025', time: '10:00:10', settlement: '09.03.2025', gross: '-200,00', net: '-198,00' },
    ]);
    await importFile(env, writeFile(env, 'refunds.csv', refunds));
    expect(pairsOf('2025-03-07', '2025-03-07')).toEqual([['P-DIFF', 'matched', -10_000, -10_000]]);
    expect(pairsOf('2025-03-08', '2025-03-08')).toEqual([
      ['P-DIFF', 'matched', -10_000, -10_000],
      ['P-DIFF', 'matched', -20_000, -20_000],
    ]);
    const day8 = reconcile.run('2025-03-08', '2025-03-08').tillVsReport;
    expect([day8.tillTotalTiyn, day8.reportTotalTiyn]).toEqual([-20_000, -30_000]); // the 23:59 refund counts on 07.03
    expect(new Set(day8.pairs.map((p) => p.id)).size).toBe(2);
  });

  it('a refund at 23:59 and its report row at 00:00 the next day pair across the two days', async () => {
    doneRefund(env.db, { id: 'r-late', saleId: 's-diff', amountTiyn: 10_000, at: '2025-03-07T18:59:30.000Z' }); // 23:59:30 Almaty
    const refund = reportCsv([
      { purchaseId: 'P-DIFF', type: 'Возврат', date: '08.03.2025', time: '00:00:20', settlement: '09.03.2025', gross: '-100,00', net: '-99,00' },
    ]);
    await importFile(env, writeFile(env, 'refund.csv', refund));
    const day7 = reconcile.run('2025-03-07', '2025-03-07').tillVsReport;
    const day8 = reconcile.run('2025-03-08', '2025-03-08').tillVsReport;
    expect(day7.pairs).toEqual([expect.objectContaining({ kind: 'refund', status: 'matched', counterpartOutside: 'report' })]);
    expect(day8.pairs).toEqual([expect.objectContaining({ kind: 'refund', status: 'matched', counterpartOutside: 'till' })]);
    expect([day7.tillTotalTiyn, day7.reportTotalTiyn, day8.tillTotalTiyn, day8.reportTotalTiyn]).toEqual([-10_000, 0, 0, -10_000]);
    // two days away is no counterpart: each is alone in its own day
    expect(pairsOf('2025-03-06', '2025-03-06')).toEqual([]);
  });

  it('marked pairs are locked: reconciled while unchanged, never offered as near duplicates', async () => {
    expect(reconcile.mark(['purchase:P-MATCH', 'purchase:P-DIFF', 'purchase:P-REPORT', 'sale:s-nopid', 'purchase:NOPE'])).toBe(1);
    expect(reconcile.mark(['purchase:P-MATCH'])).toBe(0); // already locked
    // a mark taken back (made by mistake), then made again
    expect(reconcile.unmark(['purchase:P-MATCH', 'purchase:NOPE'])).toBe(1);
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!.reconciled).toBe(false);
    expect(reconcile.mark(['purchase:P-MATCH'])).toBe(1);
    const view = reconcile.run('2025-03-05', '2025-03-05');
    expect(view.tillVsReport.pairs.filter((p) => p.reconciled).map((p) => p.id)).toEqual(['purchase:P-MATCH']);
    expect(env.db.prepare('SELECT pair_id, sale_id, till_tiyn, report_tiyn, marked_at FROM reconciled_pairs').all()).toEqual([
      { pair_id: 'purchase:P-MATCH', sale_id: 's-match', till_tiyn: 100_000, report_tiyn: 100_000, marked_at: '2025-03-10T04:00:00.000Z' },
    ]);
    // a later file with the same amount on the same day under another id: no suggestion against the locked row
    const lookalike = reportCsv([{ purchaseId: 'P-OTHER', date: '05.03.2025', time: '18:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' }]);
    const preview = await env.imports.preview(register(env, writeFile(env, 'lookalike.csv', lookalike)));
    expect(preview.nearDuplicates).toEqual([]);
    // but a copy of the locked purchase itself under another id (the same month saved without its times) is named
    const copy = reportCsv([{ purchaseId: 'P-MATCH', date: '05.03.2025', time: '', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' }]);
    const copied = await env.imports.preview(register(env, writeFile(env, 'copy.csv', copy)));
    expect(copied.duplicates).toBe(0);
    expect(copied.nearDuplicates.map((d) => [d.label, d.existingLabel])).toEqual([['P-MATCH', 'P-MATCH']]);
    // imported all the same, then undone: the mark stays (the first report still holds the purchase), and the undo question says none reopens
    const copyBatch = (await importFile(env, writeFile(env, 'copy2.csv', copy))).batch!;
    expect(env.imports.undoImpact(copyBatch.id)).toMatchObject({ deleted: 1, reopenedPairs: 0 });
    expect(env.imports.batches().find((b) => b.id === copyBatch.id)).toMatchObject({ reconciledPairs: 0 });
    env.imports.undo(copyBatch.id);
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!.reconciled).toBe(true);
    await importFile(env, writeFile(env, 'lookalike2.csv', lookalike));
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!.reconciled).toBe(true);
    // a later refund is a pair of its own: the purchase stays as the manager confirmed it
    doneRefund(env.db, { id: 'r-2', saleId: 's-match', amountTiyn: 10_000, at: '2025-03-07T06:00:00.000Z' });
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!.reconciled).toBe(true);
    // next month's report holds only the refund of that purchase: its undo reopens no mark, and says none
    const april = reportCsv([{ purchaseId: 'P-MATCH', type: 'Возврат', date: '02.04.2025', time: '10:00:00', settlement: '03.04.2025', gross: '-100,00', net: '-99,00' }]);
    const imported = await importFile(env, writeFile(env, 'april.csv', april));
    expect(imported.batch).toMatchObject({ rows: 1, reconciledPairs: 0 }); // the one batch read on its own
    const aprilBatch = env.imports.batches().find((b) => b.fileName === 'april.csv')!;
    expect(aprilBatch).toMatchObject({ rows: 1, reconciledPairs: 0 }); // and in the list
    env.imports.undo(aprilBatch.id);
    expect(reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!.reconciled).toBe(true);
    // the report's side changes (its batch undone): the lock no longer vouches for the pair
    const batch = env.db.prepare("SELECT id FROM import_batches WHERE file_name = 'report.csv'").get() as { id: number };
    // the history says how many of the batch's pairs are marked (its Undo asks with that number)
    expect(env.imports.batches().find((b) => b.id === String(batch.id))).toMatchObject({ reconciledPairs: 1 });
    expect(env.imports.batches().find((b) => b.fileName === 'lookalike2.csv')).toMatchObject({ reconciledPairs: 0 });
    env.imports.undo(String(batch.id));
    expect(env.imports.batches().find((b) => b.id === String(batch.id))).toMatchObject({ reconciledPairs: 0 }); // undone: nothing of it is left
    const changed = reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.find((p) => p.id === 'purchase:P-MATCH')!;
    expect(changed).toMatchObject({ status: 'only_till', reconciled: false });
  });

  it('lists at most 5000 pairs and says it truncated', () => {
    const insert = env.db.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, 'purchase', '2025-03-05T12:00:00+05:00', '2025-03-05', '2025-03-06', 100, 99)`,
    );
    env.db.transaction(() => {
      for (let i = 0; i < 5100; i++) insert.run(`x${i}`, i + 1, `BULK-${i}`);
    })();
    const view = reconcile.run('2025-03-05', '2025-03-05');
    expect(view.tillVsReport.pairs).toHaveLength(5000);
    expect(view.tillVsReport.truncated).toBe(true);
    expect(view.tillVsReport.counts.only_report).toBe(5102);
    // the sums per status cover every pair, listed or not, and add up to the totals
    const listed = view.tillVsReport.pairs.filter((p) => p.status === 'only_report').reduce((s, p) => s + p.reportTiyn!, 0);
    expect(view.tillVsReport.sums.only_report.reportTiyn).toBeGreaterThan(listed);
    const sums = Object.values(view.tillVsReport.sums);
    expect(sums.reduce((s, x) => s + x.reportTiyn, 0)).toBe(view.tillVsReport.reportTotalTiyn);
    expect(sums.reduce((s, x) => s + x.tillTiyn, 0)).toBe(view.tillVsReport.tillTotalTiyn);
    // the matched pairs came after 5000 problems: asked for by status, they are all listed (to be marked)
    expect(view.tillVsReport.counts.matched).toBeGreaterThan(0);
    expect(view.tillVsReport.pairs.some((p) => p.status === 'matched')).toBe(false);
    const matched = reconcile.run('2025-03-05', '2025-03-05', { status: 'matched' }).tillVsReport;
    expect(matched).toMatchObject({ truncated: false, listedStatus: 'matched', counts: view.tillVsReport.counts, sums: view.tillVsReport.sums });
    expect(matched.pairs.map((p) => p.status)).toEqual(Array(view.tillVsReport.counts.matched).fill('matched'));
    expect(reconcile.run('2025-03-05', '2025-03-05', { status: 'only_report' }).tillVsReport).toMatchObject({ truncated: true, listedStatus: 'only_report' });
  });

  it('a cut list of matched pairs lists those not marked yet first: marking the listed ones brings up the rest', () => {
    const insert = env.db.prepare(
      `INSERT INTO report_rows (batch_id, source, external_id, line, purchase_id, operation_type, operation_at, operation_date, settlement_date, gross_tiyn, net_tiyn)
       VALUES (1, 'kaspi-report', ?, ?, ?, 'purchase', ?, '2025-03-20', '2025-03-21', 100000, 99000)`,
    );
    env.db.transaction(() => {
      for (let i = 0; i < 5100; i++) {
        const at = new Date(Date.UTC(2025, 2, 20, 0) + i * 10_000); // every 10 s on 20.03
        paidSale(env.db, { id: `busy-${i}`, amountTiyn: 100_000, at: at.toISOString(), purchaseId: `BUSY-${i}` });
        insert.run(`busy-${i}`, i + 1, `BUSY-${i}`, `${new Date(at.getTime() + 5 * 3_600_000).toISOString().slice(0, 19)}+05:00`);
      }
    })();
    const open = () => reconcile.run('2025-03-20', '2025-03-20', { status: 'matched' }).tillVsReport.pairs.filter((p) => !p.reconciled).map((p) => p.id);
    const first = open();
    expect(first).toHaveLength(5000);
    expect(reconcile.mark(first)).toBe(5000);
    const rest = open();
    expect(rest).toHaveLength(100);
    expect(reconcile.mark(rest)).toBe(100);
    expect(open()).toEqual([]);
  });

  it('refuses a reversed or malformed range', () => {
    expect(() => reconcile.run('2025-03-06', '2025-03-05')).toThrow(/invalid_request/);
    expect(() => reconcile.run('2025-3-6', '2025-03-07')).toThrow(/invalid_request/);
  });
});

describe('report ↔ bank', () => {
  beforeEach(async () => {
    const report = reportCsv([
      { purchaseId: 'A', date: '05.03.2025', time: '09:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' },
      { purchaseId: 'B', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '2 000,00', net: '1 980,00' },
      { purchaseId: 'C', date: '06.03.2025', time: '10:00:00', settlement: '07.03.2025', gross: '500,00', net: '495,00' },
      { purchaseId: 'A', type: 'Возврат', date: '06.03.2025', time: '11:00:00', settlement: '07.03.2025', gross: '-100,00', net: '-99,00' },
      { purchaseId: 'D', date: '07.03.2025', time: '10:00:00', settlement: '08.03.2025', gross: '300,00', net: '297,00' },
    ]);
    await importFile(env, writeFile(env, 'report.csv', report));
  });

  it('matches settlement days to Kaspi credits and shows the differences', async () => {
    const statement = statement1c([
      { number: '1', date: '06.03.2025', credit: '2970.00' }, // = 990 + 1 980
      { number: '2', date: '07.03.2025', credit: '390.00' }, // 396 expected (495 − 99): 6 ₸ short
      { number: '3', date: '07.03.2025', credit: '5000.00', payer: 'Иванов Иван', payerBin: '900101300126', purpose: 'Перевод' },
      { number: '4', date: '07.03.2025', debit: '1000.00' },
      { number: '5', date: '09.03.2025', credit: '1234.00', payerBin: '971240001315', payer: 'АО Каспи Банк' }, // nothing settles that day
    ]);
    await importFile(env, writeFile(env, 'statement.txt', statement));
    const view = reconcile.run('2025-03-06', '2025-03-09');
    expect(view.reportVsBank.days).toEqual([
      { date: '2025-03-06', reportNetTiyn: 297_000, bankCreditTiyn: 297_000, differenceTiyn: 0, matched: true, noStatement: false },
      { date: '2025-03-07', reportNetTiyn: 39_600, bankCreditTiyn: 39_000, differenceTiyn: -600, matched: false, noStatement: false },
      { date: '2025-03-08', reportNetTiyn: 29_700, bankCreditTiyn: 0, differenceTiyn: -29_700, matched: false, noStatement: false },
      { date: '2025-03-09', reportNetTiyn: 0, bankCreditTiyn: 123_400, differenceTiyn: 123_400, matched: false, noStatement: false },
    ]);
    expect(view.reportVsBank).toMatchObject({ reportNetTotalTiyn: 366_300, bankCreditTotalTiyn: 459_400, differenceTiyn: 93_100 });
    expect(reconcile.run('2025-03-06', '2025-03-06').reportVsBank.days).toHaveLength(1);
  });

  it('report rows without a settlement day are named: at the import, and by leg 2 (screen and CLI), not left out unseen', async () => {
    const withDay = reportCsv([{ purchaseId: 'P-U1', date: '05.03.2025', time: '10:00:00', settlement: '', gross: '1 000,00', net: '990,00' }]);
    const noColumn = withDay.replace(/;Дата учета операции/, '').replace(/(;10:00:00);/, '$1'); // the column and its cell gone
    const imported = await importFile(env, writeFile(env, 'no-settlement.csv', noColumn));
    expect(imported).toMatchObject({ phase: 'done', imported: 1 });
    expect(imported.problems.map((p) => p.code)).toContain('no_settlement_date');
    const view = reconcile.run('2025-03-01', '2025-03-31');
    expect(view.reportVsBank.unsettled).toEqual({ rows: 1, netTiyn: 99_000 });
    expect(reconcileText(view, 'en').join('\n')).toMatch(/Report rows of the period without a settlement day: 1 \(990\s₸ net\)/);
    expect(reconcile.run('2025-04-01', '2025-04-30').reportVsBank.unsettled).toEqual({ rows: 0, netTiyn: 0 });
  });

  it('a settlement day no imported statement reaches says its statement is missing, not that Kaspi did not pay', async () => {
    const statement = statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }]); // ends on the 6th
    const before = reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days;
    expect(before.map((d) => [d.date, d.noStatement])).toEqual([['2025-03-06', true], ['2025-03-07', true], ['2025-03-08', true]]); // none imported yet
    await importFile(env, writeFile(env, 'statement.txt', statement));
    const days = reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days;
    expect(days.map((d) => [d.date, d.matched, d.noStatement])).toEqual([
      ['2025-03-06', true, false],
      ['2025-03-07', false, true], // after the statement's last day: missing, not unpaid
      ['2025-03-08', false, true],
    ]);
    expect(reconcileText(reconcile.run('2025-03-07', '2025-03-07'), 'en').at(-1)?.replace(/\s/g, ' ')).toBe('  07.03.2025: report 396 ₸, bank 0 ₸, no statement');
    expect(reconcileText(reconcile.run('2025-03-07', '2025-03-07'), 'en').join('\n')).toMatch(/Days without a bank statement: 1 \(report 396\s₸\)/);
  });

  it("another bank's statement of the month (no Kaspi credit, no Kaspi account) leaves the days without a statement; a Kaspi account's covers them, movements or not", async () => {
    const halyk = statement1c([{ number: '7', date: '06.03.2025', credit: '5000.00', payer: 'ТОО Поставщик', purpose: 'Оплата по договору' }], ['01.03.2025', '31.03.2025'])
      .replaceAll('KZ18722S000012345678', 'KZ406010000000123456');
    expect(await importFile(env, writeFile(env, 'halyk.txt', halyk))).toMatchObject({ phase: 'done', imported: 1 });
    expect(reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days.map((d) => [d.date, d.bankCreditTiyn, d.noStatement])).toEqual([
      ['2025-03-06', 0, true], ['2025-03-07', 0, true], ['2025-03-08', 0, true],
    ]);
    await importFile(env, writeFile(env, 'kaspi-quiet.txt', statement1c([], ['07.03.2025', '08.03.2025']))); // the Kaspi account, no movements
    expect(reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days.map((d) => [d.date, d.noStatement])).toEqual([
      ['2025-03-06', true], ['2025-03-07', false], ['2025-03-08', false],
    ]);
  });

  it("a statement covers the period it declares, also the days after its last Kaspi credit; an undone one covers nothing; a month between two statements has none", async () => {
    // the statement for 01–08.03 declares it; Kaspi's last credit in it came on the 6th
    const month = statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }], ['01.03.2025', '08.03.2025']);
    const imported = await importFile(env, writeFile(env, 'statement.txt', month));
    const days = () => reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days.map((d) => [d.date, d.matched, d.noStatement]);
    expect(days()).toEqual([
      ['2025-03-06', true, false],
      ['2025-03-07', false, false], // the statement covers the day and Kaspi paid nothing: a real difference
      ['2025-03-08', false, false],
    ]);
    env.imports.undo(imported.batch!.id);
    expect(days()).toEqual([['2025-03-06', false, true], ['2025-03-07', false, true], ['2025-03-08', false, true]]);
    // statements for February and April, none for March
    await importFile(env, writeFile(env, 'feb.txt', statement1c([{ number: '2', date: '20.02.2025', credit: '10.00' }], ['01.02.2025', '28.02.2025'])));
    await importFile(env, writeFile(env, 'apr.txt', statement1c([{ number: '3', date: '20.04.2025', credit: '10.00' }], ['01.04.2025', '30.04.2025'])));
    expect(days().map(([, , none]) => none)).toEqual([true, true, true]);
  });

  it('a statement cut short claims no days past its rows; the complete file imported after it claims its period though all its rows are stored', async () => {
    const days = (from: string, to: string) => reconcile.run(from, to).reportVsBank.days.map((d) => [d.date, d.noStatement]);
    // a download that stopped between documents (no КонецФайла): its header's period is not taken at its word
    const full = statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }, { number: '2', date: '07.03.2025', credit: '396.00' }], ['01.03.2025', '08.03.2025']);
    const cut = await importFile(env, writeFile(env, 'cut.txt', full.slice(0, full.lastIndexOf('СекцияДокумент='))));
    expect(cut).toMatchObject({ phase: 'done', imported: 1 });
    expect(days('2025-03-06', '2025-03-08')).toEqual([['2025-03-06', false], ['2025-03-07', true], ['2025-03-08', true]]);
    env.imports.undo(cut.batch!.id);

    // the same cut by the end of the file: its rows' day only; then the whole file adds no row, but its period
    const first = statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }], ['01.03.2025', '08.03.2025']);
    await importFile(env, writeFile(env, 'cut-2.txt', first.replace('КонецФайла\r\n', '')));
    expect(days('2025-03-06', '2025-03-08')).toEqual([['2025-03-06', false], ['2025-03-07', true], ['2025-03-08', true]]);
    const whole = await importFile(env, writeFile(env, 'whole.txt', first));
    expect(whole).toMatchObject({ phase: 'done', imported: 0, duplicates: 1, batch: { rows: 0, sumTiyn: 0 } });
    expect(humanOf(summarizeOutcome(whole), 'whole.txt', 'en').out).toEqual([
      `whole.txt: 1C statement, rows: 1: nothing new (1 already imported), but the statement’s period is recorded for reconciliation: batch ${whole.batch!.id}`,
    ]);
    expect(days('2025-03-06', '2025-03-08')).toEqual([['2025-03-06', false], ['2025-03-07', false], ['2025-03-08', false]]);
    // once its period is covered, the same file again makes no batch
    expect(await importFile(env, writeFile(env, 'whole-again.txt', first))).toMatchObject({ phase: 'done', imported: 0, batch: null });
    env.imports.undo(whole.batch!.id);
    expect(days('2025-03-06', '2025-03-08')).toEqual([['2025-03-06', false], ['2025-03-07', true], ['2025-03-08', true]]);
  });

  it('a month statement whose rows a week statement already brought covers the month; a statement without movements covers its period', async () => {
    await importFile(env, writeFile(env, 'report-15.csv', reportCsv([{ purchaseId: 'P-15', date: '14.03.2025', time: '10:00:00', settlement: '15.03.2025', gross: '400,00', net: '396,00' }])));
    const x = { number: '1', date: '06.03.2025', credit: '2970.00' };
    await importFile(env, writeFile(env, 'week.txt', statement1c([x], ['01.03.2025', '07.03.2025'])));
    const fifteenth = () => reconcile.run('2025-03-15', '2025-03-15').reportVsBank.days.map((d) => [d.date, d.matched, d.noStatement]);
    expect(fifteenth()).toEqual([['2025-03-15', false, true]]);
    const monthFile = writeFile(env, 'month.txt', statement1c([x], ['01.03.2025', '31.03.2025']));
    const preview = await env.imports.preview(register(env, monthFile));
    expect(preview).toMatchObject({ newRows: 0, duplicates: 1, recordsPeriod: true });
    expect(humanOf(summarizePreview(preview, false, 'en'), 'month.txt', 'en').out.at(-1)).toBe('the import would also record the statement’s period for reconciliation (its days have no statement yet)');
    expect(JSON.parse(jsonOf(summarizePreview(preview, false, 'en')))).toMatchObject({ imported: 0, recordsPeriod: true, dryRun: true });
    const month = await importFile(env, monthFile);
    expect(month).toMatchObject({ imported: 0, batch: { rows: 0 } });
    expect(await env.imports.preview(register(env, monthFile))).toMatchObject({ newRows: 0, recordsPeriod: false }); // covered now
    expect(fifteenth()).toEqual([['2025-03-15', false, false]]); // Kaspi did not pay the 15th
    expect(env.imports.undoImpact(month.batch!.id)).toMatchObject({ deleted: 0, kept: 0, periodFrom: '2025-03-01', periodTo: '2025-03-31' });
    env.imports.undo(month.batch!.id);
    // a statement whose only row is invalid, imported without it: no word on its days
    const broken = writeFile(env, 'broken.txt', statement1c([{ number: '9', date: '31.02.2025', credit: '5.00' }], ['08.03.2025', '31.03.2025']));
    expect(await env.imports.preview(register(env, broken))).toMatchObject({ rows: 0, invalidCount: 1, recordsPeriod: false });
    expect(await importFile(env, broken, { acceptValid: true })).toMatchObject({ imported: 0, batch: null });
    expect(fifteenth()).toEqual([['2025-03-15', false, true]]);
    const empty = await importFile(env, writeFile(env, 'quiet.txt', statement1c([], ['08.03.2025', '31.03.2025'])));
    expect(empty).toMatchObject({ phase: 'done', rows: 0, imported: 0, batch: { rows: 0 } });
    expect(fifteenth()).toEqual([['2025-03-15', false, false]]);
  });

  it('a statement with a row dated outside the period it declares claims its period, not the days up to that row', async () => {
    await importFile(env, writeFile(env, 'report-04.csv', reportCsv([{ purchaseId: 'P-A', date: '09.04.2025', time: '10:00:00', settlement: '10.04.2025', gross: '400,00', net: '396,00' }])));
    const march = statement1c([{ number: '1', date: '06.03.2025', credit: '100.00' }, { number: '2', date: '20.04.2025', credit: '50.00' }], ['01.03.2025', '31.03.2025']);
    const out = await importFile(env, writeFile(env, 'march.txt', march));
    expect(out.problems.map((p) => p.code)).toContain('outside_period');
    // nothing tells what Kaspi paid on 10.04: its statement is missing
    expect(reconcile.run('2025-04-10', '2025-04-10').reportVsBank.days.map((d) => [d.date, d.noStatement])).toEqual([['2025-04-10', true]]);
  });

  it("undoing a statement hands the rows a later statement's file had too to that statement: its days keep their credits", async () => {
    const days = (from: string, to: string) => reconcile.run(from, to).reportVsBank.days.map((d) => [d.date, d.matched, d.noStatement]);
    // a.txt: 01–06; b.txt: 06–08, its row of the 6th left out as already imported; Kaspi paid nothing on the 8th
    const a = await importFile(env, writeFile(env, 'a.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }], ['01.03.2025', '06.03.2025'])));
    const b = await importFile(env, writeFile(env, 'b.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }, { number: '2', date: '07.03.2025', credit: '396.00' }], ['06.03.2025', '08.03.2025'])));
    const paid = [['2025-03-06', true, false], ['2025-03-07', true, false], ['2025-03-08', false, false]];
    expect(days('2025-03-06', '2025-03-08')).toEqual(paid);
    env.imports.undo(a.batch!.id);
    expect(days('2025-03-06', '2025-03-08')).toEqual(paid);
    // b.txt now holds both its rows: the history counts them, its undo takes them
    expect(env.imports.batches().find((x) => x.id === b.batch!.id)).toMatchObject({ rows: 2, sumTiyn: 336_600 });
    env.imports.undo(b.batch!.id);
    expect(days('2025-03-06', '2025-03-08')).toEqual([['2025-03-06', false, true], ['2025-03-07', false, true], ['2025-03-08', false, true]]);
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM statement_rows').get()).toEqual({ n: 0 });
    await importFile(env, writeFile(env, 'a-again.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }], ['01.03.2025', '06.03.2025'])));
    expect(days('2025-03-06', '2025-03-06')).toEqual([['2025-03-06', true, false]]); // back with its row
  });

  it("undoing a statement on a day the later statement has a credit of its own too: the day keeps both", async () => {
    await importFile(env, writeFile(env, 'r.csv', reportCsv([
      { purchaseId: 'P-1', date: '09.03.2025', time: '10:00:00', settlement: '10.03.2025', gross: '10,00', net: '10,00' },
      { purchaseId: 'P-2', date: '09.03.2025', time: '11:00:00', settlement: '10.03.2025', gross: '5,00', net: '5,00' },
    ])));
    const x = { number: '1', date: '10.03.2025', credit: '10.00' };
    const y = { number: '2', date: '10.03.2025', credit: '5.00' };
    const a = await importFile(env, writeFile(env, 'a.txt', statement1c([x], ['10.03.2025', '10.03.2025'])));
    await importFile(env, writeFile(env, 'b.txt', statement1c([x, y], ['01.03.2025', '31.03.2025'])));
    const tenth = () => reconcile.run('2025-03-10', '2025-03-10').reportVsBank.days.map((d) => [d.date, d.bankCreditTiyn, d.differenceTiyn, d.noStatement]);
    expect(tenth()).toEqual([['2025-03-10', 1500, 0, false]]);
    env.imports.undo(a.batch!.id);
    expect(tenth()).toEqual([['2025-03-10', 1500, 0, false]]);
  });

  it('a debit left out as already imported takes nothing: a day is judged by its credits', async () => {
    await importFile(env, writeFile(env, 'report-12.csv', reportCsv([{ purchaseId: 'P-12', date: '11.03.2025', time: '10:00:00', settlement: '12.03.2025', gross: '400,00', net: '396,00' }])));
    const rent = { number: '3', date: '12.03.2025', debit: '500.00' };
    const a = await importFile(env, writeFile(env, 'a.txt', statement1c([rent], ['12.03.2025', '12.03.2025'])));
    await importFile(env, writeFile(env, 'b.txt', statement1c([rent, { number: '4', date: '20.03.2025', credit: '5.00' }], ['01.03.2025', '31.03.2025']))); // the rent left out
    env.imports.undo(a.batch!.id);
    // b.txt is imported and shows no Kaspi credit on the 12th: Kaspi did not pay it
    expect(reconcile.run('2025-03-12', '2025-03-12').reportVsBank.days.map((d) => [d.date, d.matched, d.noStatement])).toEqual([['2025-03-12', false, false]]);
  });

  it('a row several statements had goes from one to the next as they are undone, in any order, and with the last of them', async () => {
    await importFile(env, writeFile(env, 'report-12.csv', reportCsv([{ purchaseId: 'P-12', date: '11.03.2025', time: '10:00:00', settlement: '12.03.2025', gross: '400,00', net: '396,00' }])));
    const x = { number: '1', date: '10.03.2025', credit: '10.00' };
    const y = { number: '2', date: '12.03.2025', credit: '396.00' }; // Kaspi paid the 12th
    const a = await importFile(env, writeFile(env, 'a.txt', statement1c([x], ['01.03.2025', '31.03.2025'])));
    const b = await importFile(env, writeFile(env, 'b.txt', statement1c([x, y], ['05.03.2025', '20.03.2025']))); // x left out
    const c = await importFile(env, writeFile(env, 'c.txt', statement1c([x, y], ['01.03.2025', '31.03.2025']))); // x and y left out
    expect(c).toMatchObject({ imported: 0, batch: null }); // a.txt covers its period already
    env.imports.undo(a.batch!.id); // x goes to b.txt
    const d = await importFile(env, writeFile(env, 'd.txt', statement1c([x, y], ['01.03.2025', '31.03.2025']))); // now it covers more
    expect(d).toMatchObject({ imported: 0, batch: { rows: 0 } });
    const twelfth = () => reconcile.run('2025-03-12', '2025-03-12').reportVsBank.days.map((r) => [r.date, r.matched, r.noStatement]);
    expect(twelfth()).toEqual([['2025-03-12', true, false]]);
    env.imports.undo(b.batch!.id); // x and y go to d.txt
    expect(twelfth()).toEqual([['2025-03-12', true, false]]);
    expect(env.imports.batches().find((r) => r.id === d.batch!.id)).toMatchObject({ rows: 2, sumTiyn: 40_600 });
    env.imports.undo(d.batch!.id);
    expect(twelfth()).toEqual([['2025-03-12', false, true]]);
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM statement_rows').get()).toEqual({ n: 0 });
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM import_skips').get()).toEqual({ n: 0 });
  });

  it('a statement imported as 1C and again as a CSV mapped without an account counts once', async () => {
    await importFile(env, writeFile(env, 'statement.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }])));
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;2 970,00;Зачисление по операциям Kaspi Pay\r\n08.03.2025;297,00;Зачисление по операциям Kaspi Pay\r\n';
    const mapping = {
      delimiter: ';' as const, encoding: 'utf-8' as const, headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy' as const,
      amountColumn: 'Сумма', decimalSeparator: ',' as const, descriptionColumn: 'Назначение', // no account
    };
    const done = await importFile(env, writeFile(env, 'statement.csv', csv), { mapping });
    expect(done, JSON.stringify([done.failure, done.invalid])).toMatchObject({ phase: 'done', imported: 2 });
    expect(env.db.prepare("SELECT COUNT(*) AS n FROM statement_rows WHERE account = 'unspecified'").get()).toEqual({ n: 2 });
    expect(reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days).toEqual([
      { date: '2025-03-06', reportNetTiyn: 297_000, bankCreditTiyn: 297_000, differenceTiyn: 0, matched: true, noStatement: false },
      { date: '2025-03-07', reportNetTiyn: 39_600, bankCreditTiyn: 0, differenceTiyn: -39_600, matched: false, noStatement: false },
      // no account has a statement that day: the CSV's credit counts
      { date: '2025-03-08', reportNetTiyn: 29_700, bankCreditTiyn: 29_700, differenceTiyn: 0, matched: true, noStatement: false },
    ]);
  });

  it('a CSV without an account never drops the credits of a day with several named accounts', async () => {
    // two accounts with Kaspi Gold lines only (the least detailed source), entered as the import leaves them
    const batch = Number(env.db.prepare("INSERT INTO import_batches (file_name, format, created_at) VALUES ('gold', 'kaspi-gold', '2025-03-09')").run().lastInsertRowid);
    const gold = env.db.prepare(
      "INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account, purpose) VALUES (?, 'kaspi-gold', ?, 1, '2025-03-06', ?, ?, 'Зачисление Kaspi Pay')",
    );
    gold.run(batch, 'gold|A', 100_000, 'KZ-A');
    gold.run(batch, 'gold|B', 197_000, 'KZ-B');
    // a copy of account A's statement, mapped without an account (a more detailed source)
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;1 000,00;Зачисление по операциям Kaspi Pay\r\n';
    const mapping = {
      delimiter: ';' as const, encoding: 'utf-8' as const, headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy' as const,
      amountColumn: 'Сумма', decimalSeparator: ',' as const, descriptionColumn: 'Назначение',
    };
    expect(await importFile(env, writeFile(env, 'a-copy.csv', csv), { mapping })).toMatchObject({ phase: 'done', imported: 1 });
    expect(reconcile.run('2025-03-06', '2025-03-06').reportVsBank.days).toEqual([
      { date: '2025-03-06', reportNetTiyn: 297_000, bankCreditTiyn: 297_000, differenceTiyn: 0, matched: true, noStatement: false },
    ]);
  });

  it('Kaspi Bank is recognised in any letter case, Cyrillic too; a payer BIN decides where present', async () => {
    const statement = statement1c([
      { number: '1', date: '06.03.2025', credit: '1000.00', payer: 'АО "Каспи банк"' },
      { number: '2', date: '06.03.2025', credit: '1970.00', payer: 'КАСПИ БАНК АО' },
      { number: '3', date: '07.03.2025', credit: '396.00', payer: 'АО «Kaspi Bank»', payerBin: '971240001315' },
      // a BIN that is not Kaspi Bank's: the name does not make it a settlement
      { number: '4', date: '07.03.2025', credit: '50.00', payer: 'ТОО Каспи Банк Сервис', payerBin: '123456789012' },
      // Kaspi Bank's BIN under any name
      { number: '5', date: '08.03.2025', credit: '297.00', payer: 'JSC KB', payerBin: '971240001315' },
      { number: '6', date: '08.03.2025', credit: '10.00', payer: 'Иванов Иван', purpose: 'Каспи банк перевод' },
    ]);
    await importFile(env, writeFile(env, 'statement.txt', statement));
    expect(reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days.map((d) => [d.date, d.bankCreditTiyn, d.matched])).toEqual([
      ['2025-03-06', 297_000, true],
      ['2025-03-07', 39_600, true],
      ['2025-03-08', 29_700, true],
    ]);
  });

  it('credits without a payer count when their purpose names Kaspi Pay, in any letter case', async () => {
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;2 000,00;ЗАЧИСЛЕНИЕ ПО ОПЕРАЦИЯМ КАСПИ ПЭЙ\r\n06.03.2025;970,00;зачисление kaspi pay\r\n';
    const mapping = {
      delimiter: ';' as const, encoding: 'utf-8' as const, headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy' as const,
      amountColumn: 'Сумма', decimalSeparator: ',' as const, descriptionColumn: 'Назначение', account: 'KZ00OTHER',
    };
    await importFile(env, writeFile(env, 'upper.csv', csv), { mapping });
    expect(reconcile.run('2025-03-06', '2025-03-06').reportVsBank.days[0]).toMatchObject({ bankCreditTiyn: 297_000, matched: true });
  });

  it('a Kaspi credit the bank reverses is netted against it (MT940 RC, a negative credit in a mapped CSV); a reversed debit is no credit', async () => {
    const mt940 = [
      ':20:SYN20250306', ':25:KZ18722S000012345678', ':28C:61/1', ':60F:C250305KZT100000,00',
      ':61:2503060306C2970,00NTRFNONREF//SYN0001', ':86:190 Зачисление по операциям Kaspi Pay за 05.03.2025',
      ':61:2503060306RC2970,00NTRFNONREF//SYN0002', ':86:190 Сторно: Зачисление по операциям Kaspi Pay за 05.03.2025',
      ':61:2503070307C396,00NTRFNONREF//SYN0003', ':86:190 Зачисление по операциям Kaspi Pay за 06.03.2025',
      ':61:2503070307RD50,00NTRFNONREF//SYN0004', ':86:190 Сторно списания: комиссия Kaspi Pay',
      ':62F:C250307KZT100446,00', '-',
    ].join('\r\n');
    expect(await importFile(env, writeFile(env, 'reversed.txt', mt940))).toMatchObject({ phase: 'done', imported: 4 });
    expect(env.db.prepare("SELECT amount_tiyn, reversal FROM statement_rows WHERE source = 'mt940' ORDER BY line").all()).toEqual([
      { amount_tiyn: 297_000, reversal: 0 }, { amount_tiyn: -297_000, reversal: 1 }, { amount_tiyn: 39_600, reversal: 0 }, { amount_tiyn: 5_000, reversal: 1 },
    ]);
    const csv = 'Дата;Приход;Расход;Назначение\r\n08.03.2025;297,00;;Зачисление по операциям Kaspi Pay\r\n08.03.2025;-297,00;;Сторно зачисления Kaspi Pay\r\n08.03.2025;;100,00;Kaspi Pay комиссия\r\n';
    const mapping = {
      delimiter: ';' as const, encoding: 'utf-8' as const, headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy' as const,
      creditColumn: 'Приход', debitColumn: 'Расход', decimalSeparator: ',' as const, descriptionColumn: 'Назначение', account: 'KZ00OTHER',
    };
    expect(await importFile(env, writeFile(env, 'reversed.csv', csv), { mapping })).toMatchObject({ phase: 'done', imported: 3 });
    expect(reconcile.run('2025-03-06', '2025-03-08').reportVsBank.days.map((d) => [d.date, d.bankCreditTiyn, d.matched])).toEqual([
      ['2025-03-06', 0, false], // credited, then taken back
      ['2025-03-07', 39_600, true], // the reversed debit is no settlement
      ['2025-03-08', 0, false], // the debit is no credit either way
    ]);
  });

  it('credits without a payer count only when their purpose names Kaspi Pay', async () => {
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;2 970,00;Зачисление по операциям Kaspi Pay\r\n06.03.2025;100,00;Возврат долга\r\n';
    const mapping = {
      delimiter: ';' as const, encoding: 'utf-8' as const, headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy' as const,
      amountColumn: 'Сумма', decimalSeparator: ',' as const, descriptionColumn: 'Назначение', account: 'KZ00OTHER',
    };
    await importFile(env, writeFile(env, 'other.csv', csv), { mapping });
    expect(reconcile.run('2025-03-06', '2025-03-06').reportVsBank.days).toEqual([
      { date: '2025-03-06', reportNetTiyn: 297_000, bankCreditTiyn: 297_000, differenceTiyn: 0, matched: true, noStatement: false },
    ]);
  });
});

describe('a long period', () => {
  it('lists every settlement day of 18 months (500 days: none cut), so the notes cover them all; over ten years is refused', async () => {
    const dmy = (ms: number) => new Date(ms).toISOString().slice(0, 10).split('-').reverse().join('.');
    const start = Date.UTC(2024, 0, 1);
    const lines: ReportLine[] = Array.from({ length: 500 }, (_, i) => ({
      purchaseId: `P-DAY-${i}`,
      date: dmy(start + i * 86_400_000),
      time: '12:00:00',
      settlement: dmy(start + (i + 1) * 86_400_000),
      gross: '100,00',
      net: '99,00',
    }));
    expect((await importFile(env, writeFile(env, 'long.csv', reportCsv(lines)))).imported).toBe(500);
    const leg = reconcile.run('2024-01-01', '2025-06-30').reportVsBank;
    expect(leg.days).toHaveLength(500);
    expect(leg.days.at(-1)!.date).toBe('2025-05-15');
    expect(daysWithoutStatement(leg)).toEqual({ days: 500, reportNetTiyn: 4_950_000 });
    expect(reconcileText(reconcile.run('2024-01-01', '2025-06-30'), 'en').join('\n')).toContain('settlement days: 500');
    expect(() => reconcile.run('2015-01-01', '2024-12-31')).not.toThrow(); // ten years to the day
    expect(() => reconcile.run('2015-01-01', '2025-01-01')).toThrow(expect.objectContaining({ code: 'reconcile_period_too_long', params: { years: 10 } }));
  });
});
