// Reconciliation cases mutation testing found unpinned: refunds paired by amount and nearest time,
// summed and dated by the first when left over, demo refunds left out; purchases of several report
// rows summed and dated by the first; unpaid sales left out; one mark taken back leaves the others;
// Almaty days before 2024-03-01 (UTC+6); which source of one account's day counts (1C over MT940, a
// CSV copy of a named CSV once); payers whose name only starts like Kaspi's, a credit naming no payer
// and no purpose; and the export's reconciled column, ';' quoting and amounts such as 0,57 ₸ whose
// tenge value is not exact in binary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { importFile, makeEnv, writeFile, type Env } from '../imports/helpers.js';
import { SalesRepo } from '../../../main/store/sales-repo.js';
import { doneRefund, paidSale, reportCsv, statement1c } from './helpers.js';

const ACCOUNT = 'KZ18722S000012345678'; // the account statement1c() writes

let env: Env;
let reconcile: ReconcileService;
beforeEach(() => {
  env = makeEnv('kassa-reconcile-gaps-');
  reconcile = new ReconcileService({ db: env.db, now: () => new Date('2025-03-10T04:00:00.000Z') });
});
afterEach(async () => {
  await env.cleanup();
});

const csvMapping = (account?: string) => ({
  delimiter: ';' as const,
  encoding: 'utf-8' as const,
  headerRow: 1,
  dateColumn: 'Дата',
  dateFormat: 'dd.mm.yyyy' as const,
  amountColumn: 'Сумма',
  decimalSeparator: ',' as const,
  descriptionColumn: 'Назначение',
  ...(account === undefined ? {} : { account }),
});

describe('report ↔ bank: which credits count', () => {
  beforeEach(async () => {
    const report = reportCsv([
      { purchaseId: 'A', date: '05.03.2025', time: '09:00:00', settlement: '06.03.2025', gross: '3 000,00', net: '2 970,00' },
    ]);
    expect((await importFile(env, writeFile(env, 'report.csv', report))).imported).toBe(1);
  });

  const day6 = () => reconcile.run('2025-03-06', '2025-03-06').reportVsBank.days.map((d) => [d.date, d.reportNetTiyn, d.bankCreditTiyn]);

  it('one account and day read from 1C and from MT940: the 1C statement counts, whichever reads more', async () => {
    expect((await importFile(env, writeFile(env, 'st.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }])))).imported).toBe(1);
    const mt940 = [
      ':20:S1', `:25:${ACCOUNT}`, ':28C:1', ':60F:C250306KZT0,00',
      ':61:250306C2970,00NTRFREF1//B1', ':86:190 Зачисление по операциям Kaspi Pay',
      ':61:250306C500,00NTRFREF2//B2', ':86:190 Зачисление по операциям Kaspi Pay',
      ':62F:C250306KZT3470,00', '-',
    ].join('\r\n') + '\r\n';
    const done = await importFile(env, writeFile(env, 'st.sta', mt940));
    expect(done, JSON.stringify([done.failure, done.invalid])).toMatchObject({ phase: 'done', imported: 2 });
    expect(day6()).toEqual([['2025-03-06', 297_000, 297_000]]);
  });

  it('a CSV statement imported with its account and again mapped without one counts once', async () => {
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;2 970,00;Зачисление по операциям Kaspi Pay\r\n';
    expect(await importFile(env, writeFile(env, 'named.csv', csv), { mapping: csvMapping('KZ00OTHER') })).toMatchObject({ phase: 'done', imported: 1 });
    expect(await importFile(env, writeFile(env, 'loose.csv', csv), { mapping: csvMapping() })).toMatchObject({ phase: 'done', imported: 1 });
    expect(day6()).toEqual([['2025-03-06', 297_000, 297_000]]);
  });

  it('a payer whose name only begins like Kaspi\'s ("Каспий") is not Kaspi Bank', async () => {
    const statement = statement1c([
      { number: '1', date: '06.03.2025', credit: '2970.00' },
      { number: '2', date: '06.03.2025', credit: '800.00', payer: 'ТОО «Каспий Ойл»', purpose: 'Оплата по договору' },
      { number: '3', date: '06.03.2025', credit: '50.00', payer: 'ИП Kaspiyskiy', purpose: 'Оплата' },
    ]);
    expect((await importFile(env, writeFile(env, 'st.txt', statement))).imported).toBe(3);
    expect(day6()).toEqual([['2025-03-06', 297_000, 297_000]]);
  });

  it('a credit naming neither a payer nor a purpose is not taken for Kaspi\'s', async () => {
    const csv = 'Дата;Сумма;Назначение\r\n06.03.2025;2 970,00;Зачисление по операциям Kaspi Pay\r\n06.03.2025;100,00;\r\n';
    expect(await importFile(env, writeFile(env, 'st.csv', csv), { mapping: csvMapping('KZ00OTHER') })).toMatchObject({ phase: 'done', imported: 2 });
    expect(day6()).toEqual([['2025-03-06', 297_000, 297_000]]);
  });
});

describe('till ↔ report export', () => {
  it('a marked pair reads "yes" in the reconciled column; a ";" in an id is quoted; 0,57 ₸ is written 0,57', async () => {
    paidSale(env.db, { id: 'sale-1', amountTiyn: 57, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P;1' });
    paidSale(env.db, { id: 'sale-2', amountTiyn: 201, at: '2025-03-05T06:00:00.000Z', purchaseId: 'P-2' });
    const report = reportCsv([
      { purchaseId: 'P;1', date: '05.03.2025', time: '10:00:05', settlement: '06.03.2025', gross: '0,57', net: '0,57' },
      { purchaseId: 'P-2', date: '05.03.2025', time: '11:00:05', settlement: '06.03.2025', gross: '2,01', net: '2,01' },
    ]).replace('P;1', '"P;1"');
    expect((await importFile(env, writeFile(env, 'report.csv', report))).imported).toBe(2);
    expect(reconcile.mark(['purchase:P;1'])).toBe(1);
    const lines = (await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv')).content.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(1)).toEqual([
      'Совпадает;Покупка;"P;1";000001;sale-1;05.03.2025 10:00:00;0,57;0,57;0,00;Да;',
      'Совпадает;Покупка;P-2;000002;sale-2;05.03.2025 11:00:00;2,01;2,01;0,00;Нет;',
      'Итого;;;;;;2,58;2,58;0,00;;',
      '',
    ]);
  });
});

describe('till ↔ report: refunds', () => {
  beforeEach(() => {
    paidSale(env.db, { id: 's-1', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-1' });
  });

  const refundRow = (date: string, time: string, gross: string, purchaseId = 'P-1') =>
    ({ purchaseId, type: 'Возврат' as const, date, time, settlement: date, gross, net: gross });
  const refunds = (from: string, to: string, scope = {}) =>
    reconcile.run(from, to, scope).tillVsReport.pairs.filter((p) => p.kind === 'refund').map((p) => [p.status, p.tillTiyn, p.reportTiyn, p.counterpartOutside]);

  it('a till refund pairs with the report refund of its amount, not with a nearer one of another amount', async () => {
    doneRefund(env.db, { id: 'r-a', saleId: 's-1', amountTiyn: 10_000, at: '2025-03-07T05:00:00.000Z' }); // 10:00 on 07.03
    await importFile(env, writeFile(env, 'r.csv', reportCsv([refundRow('07.03.2025', '10:00:30', '-200,00'), refundRow('07.03.2025', '18:00:00', '-100,00')])));
    expect(refunds('2025-03-07', '2025-03-07')).toEqual([
      ['only_report', null, -20_000, null],
      ['matched', -10_000, -10_000, null],
    ]);
  });

  it('of two report refunds of the same amount, the one nearest in time pairs', async () => {
    doneRefund(env.db, { id: 'r-a', saleId: 's-1', amountTiyn: 10_000, at: '2025-03-07T05:00:00.000Z' }); // 10:00 on 07.03
    doneRefund(env.db, { id: 'r-b', saleId: 's-1', amountTiyn: 10_000, at: '2025-03-08T04:00:00.000Z' }); // 09:00 on 08.03
    await importFile(env, writeFile(env, 'r.csv', reportCsv([refundRow('07.03.2025', '10:00:20', '-100,00'), refundRow('08.03.2025', '09:00:20', '-100,00')])));
    expect(refunds('2025-03-07', '2025-03-07')).toEqual([['matched', -10_000, -10_000, null]]);
    expect(refunds('2025-03-08', '2025-03-08')).toEqual([['matched', -10_000, -10_000, null]]);
  });

  it('refunds left unpaired on both sides are one amount_differs pair of the sums, dated and named by the first', async () => {
    doneRefund(env.db, { id: 'r-a', saleId: 's-1', amountTiyn: 10_000, at: '2025-03-07T04:00:00.000Z' }); // 09:00
    doneRefund(env.db, { id: 'r-b', saleId: 's-1', amountTiyn: 5_000, at: '2025-03-07T07:00:00.000Z' }); // 12:00
    await importFile(env, writeFile(env, 'r.csv', reportCsv([refundRow('07.03.2025', '10:00:00', '-200,00')])));
    const pairs = reconcile.run('2025-03-07', '2025-03-07').tillVsReport.pairs.filter((p) => p.kind === 'refund');
    expect(pairs).toEqual([
      expect.objectContaining({ id: 'refund:purchase:P-1:r-a', status: 'amount_differs', tillTiyn: -15_000, reportTiyn: -20_000, at: '2025-03-07T09:00:00+05:00' }),
    ]);
  });

  it('a report refund with no till refund is listed on its own day only, not on the day before', async () => {
    await importFile(env, writeFile(env, 'r.csv', reportCsv([refundRow('08.03.2025', '10:00:00', '-100,00')])));
    expect(refunds('2025-03-07', '2025-03-07')).toEqual([]);
    expect(refunds('2025-03-08', '2025-03-08')).toEqual([['only_report', null, -10_000, null]]);
  });

  it('a demo sale\'s refund is left out with the demo sale, and pairs when demo sales are included', async () => {
    paidSale(env.db, { id: 's-demo', amountTiyn: 50_000, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P-D', mode: 'demo' });
    doneRefund(env.db, { id: 'r-d', saleId: 's-demo', amountTiyn: 5_000, at: '2025-03-07T05:00:00.000Z' });
    await importFile(env, writeFile(env, 'r.csv', reportCsv([refundRow('07.03.2025', '10:00:10', '-50,00', 'P-D')])));
    expect(refunds('2025-03-07', '2025-03-07')).toEqual([['only_report', null, -5_000, null]]);
    expect(refunds('2025-03-07', '2025-03-07', { includeDemo: true })).toEqual([['matched', -5_000, -5_000, null]]);
  });
});

describe('till ↔ report: purchases', () => {
  const purchaseRow = (purchaseId: string, time: string, gross: string) => ({ purchaseId, date: '05.03.2025', time, settlement: '06.03.2025', gross, net: gross });

  it('a purchase in several report rows is their sum, dated by the first; a sale not paid is no till side', async () => {
    paidSale(env.db, { id: 's-2', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-2' });
    const sales = new SalesRepo(env.db);
    sales.insert({ id: 's-gone', amountTiyn: 70_000, description: null, mode: 'live', externalIdPrefix: 'kassa', at: '2025-03-05T06:00:00.000Z' });
    sales.transition('s-gone', 'qr_shown', { qr_shown_at: '2025-03-05T06:00:00.000Z' }, '2025-03-05T06:00:00.000Z');
    sales.transition('s-gone', 'cancelled', { finished_at: '2025-03-05T06:01:00.000Z' }, '2025-03-05T06:01:00.000Z');
    const report = reportCsv([
      purchaseRow('P-2', '09:00:05', '600,00'),
      purchaseRow('P-2', '09:10:05', '400,00'),
      purchaseRow('P-3', '12:00:00', '200,00'), // the later row first, in the file and by amount
      purchaseRow('P-3', '11:00:00', '300,00'),
    ]);
    expect((await importFile(env, writeFile(env, 'report.csv', report))).imported).toBe(4);
    const pairs = reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs;
    expect(pairs.map((p) => [p.id, p.status, p.tillTiyn, p.reportTiyn, p.at])).toEqual([
      ['purchase:P-3', 'only_report', null, 50_000, '2025-03-05T11:00:00+05:00'],
      ['purchase:P-2', 'matched', 100_000, 100_000, '2025-03-05T09:00:00+05:00'],
    ]);
  });

  it('taking one mark back leaves the others', async () => {
    paidSale(env.db, { id: 's-2', amountTiyn: 100_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'P-2' });
    paidSale(env.db, { id: 's-3', amountTiyn: 50_000, at: '2025-03-05T05:00:00.000Z', purchaseId: 'P-3' });
    await importFile(env, writeFile(env, 'report.csv', reportCsv([purchaseRow('P-2', '09:00:05', '1 000,00'), purchaseRow('P-3', '10:00:05', '500,00')])));
    expect(reconcile.mark(['purchase:P-2', 'purchase:P-3'])).toBe(2);
    expect(reconcile.unmark(['purchase:P-2'])).toBe(1);
    const marked = reconcile.run('2025-03-05', '2025-03-05').tillVsReport.pairs.filter((p) => p.reconciled).map((p) => p.id);
    expect(marked).toEqual(['purchase:P-3']);
  });

  it('before 2024-03-01 an Almaty day starts at 18:00 UTC (UTC+6): a sale at 00:30 belongs to its own day', () => {
    paidSale(env.db, { id: 's-old', amountTiyn: 10_000, at: '2024-02-10T18:30:00.000Z', purchaseId: null }); // 11.02.2024 00:30 Almaty
    const ids = (day: string) => reconcile.run(day, day).tillVsReport.pairs.map((p) => p.id);
    expect(ids('2024-02-11')).toEqual(['sale:s-old']);
    expect(ids('2024-02-10')).toEqual([]);
  });
});
