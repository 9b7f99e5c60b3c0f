// Sales report rows and JSON seed items: cases mutation testing found unpinned — the purchase id
// length limit, a date cell that holds only a time, a zero fee kept as 0, and the JSON amount and
// id rules (zero, "12.000" as tenge with a dot decimal, a number too small to write, non-integer ids).
import { describe, expect, it } from 'vitest';
import { parseJsonPayments } from '../../../main/services/imports/json-payments-parser.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { REPORT_HEADER, expectOk, reportCsv, utf8, workbookBytes } from './helpers.js';

describe('sales report rows', () => {
  it('a purchase id longer than 64 characters is bad_value; 64 is fine', async () => {
    const id64 = '1'.repeat(64);
    const id65 = '2'.repeat(65);
    const csv = reportCsv([
      `1;${id64};01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;`,
      `2;${id65};01.03.2025;10:16:02;02.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;`,
    ]);
    const r = expectOk(await parseSalesReport(utf8(csv)));
    expect(r.rows.map((x) => x.purchaseId)).toEqual([id64]);
    expect(r.invalid.map((i) => [i.reason.code, i.reason.params?.field])).toEqual([['bad_value', 'Номер заказа (ID/RRN)']]);
  });

  it('an operation date cell that holds only a time (Excel day 0) is bad_date, never a row without a day', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Отчет по продажам');
      ws.getRow(1).values = REPORT_HEADER;
      ws.getRow(2).values = [1, '13000000101', new Date(Date.UTC(1899, 11, 30, 10, 15, 2)), '10:15:02', '02.03.2025', 'Покупка', 'QR', 4500, 4455, 45, 0, null, null];
      ws.getCell('C2').numFmt = 'hh:mm:ss';
      ws.getRow(3).values = [2, '13000000102', (10 * 3600) / 86400, '10:00:00', '02.03.2025', 'Покупка', 'QR', 1000, 990, 10, 0, null, null];
      ws.getRow(4).values = [3, '13000000103', '01.03.2025', '11:00:00', '02.03.2025', 'Покупка', 'QR', 2000, 1980, 20, 0, null, null];
    });
    const r = expectOk(await parseSalesReport(bytes, { fileName: 'report.xlsx' }));
    expect(r.rows.map((x) => [x.purchaseId, x.operationAt])).toEqual([['13000000103', '2025-03-01T11:00:00+05:00']]);
    expect(r.invalid.map((i) => [i.line, i.reason.code, i.reason.params?.field])).toEqual([
      [2, 'bad_date', 'Дата операции'],
      [3, 'bad_date', 'Дата операции'],
    ]);
  });

  it('fee cells of 0,00 give a fee of 0, not a missing fee', async () => {
    const csv = reportCsv(['1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 500,00;0,00;0,00;;']);
    const r = expectOk(await parseSalesReport(utf8(csv)));
    expect(r.rows.map((x) => [x.netTiyn, x.feeTiyn])).toEqual([[450_000, 0]]);
    expect('feeTiyn' in r.rows[0]!).toBe(true);
  });
});

describe('JSON seed payments', () => {
  it('an amount of 0 is non_positive_amount (as a number and as text)', async () => {
    const r = expectOk(await parseJsonPayments(utf8(JSON.stringify([
      { orderId: 'A', amount: 0, status: 'paid' },
      { orderId: 'B', amount: '0.00', status: 'paid' },
    ]))));
    expect(r.rows).toEqual([]);
    expect(r.invalid.map((i) => [i.line, i.reason.code, i.reason.params?.field])).toEqual([
      [1, 'non_positive_amount', 'amount'],
      [2, 'non_positive_amount', 'amount'],
    ]);
  });

  it('a numeric string is tenge with a dot decimal: "12.000" is twelve tenge, not refused as a thousands group', async () => {
    const r = expectOk(await parseJsonPayments(utf8(JSON.stringify([
      { orderId: 'A', amount: '12.000', status: 'paid' },
      { orderId: 'B', amount: '1.500', status: 'paid' },
    ]))));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_200, 150]);
  });

  it('a number too small to print as digits (1e-7) is sub-tiyn: too_many_decimals', async () => {
    const r = expectOk(await parseJsonPayments(utf8('[{"orderId": "A", "amount": 1e-7, "status": "paid"}]')));
    expect(r.invalid.map((i) => [i.reason.code, i.reason.params?.field])).toEqual([['too_many_decimals', 'amount']]);
  });

  it('a numeric id must be a non-negative integer: 1.5 and -3 are bad_value, never the ids "1.5" / "-3"', async () => {
    const r = expectOk(await parseJsonPayments(utf8(JSON.stringify([
      { orderId: 1.5, amount: 10, status: 'paid' },
      { orderId: -3, amount: 10, status: 'paid' },
      { orderId: 'C', amount: 10, status: 'paid', transactionId: 2.5 },
      { orderId: 7, amount: 10, status: 'paid', transactionId: 0 },
    ]))));
    expect(r.rows.map((x) => [x.orderId, x.transactionId])).toEqual([['7', '0']]);
    expect(r.invalid.map((i) => [i.line, i.reason.code, i.reason.params?.field])).toEqual([
      [1, 'bad_value', 'orderId'],
      [2, 'bad_value', 'orderId'],
      [3, 'bad_value', 'transactionId'],
    ]);
  });
});
