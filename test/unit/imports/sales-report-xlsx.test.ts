// Sales reports as .xlsx, generated with exceljs at test time: metadata rows, a header found by
// content (row 7, row 18), Date cells, Excel serial numbers, text dates, an "Итого" row, a cover sheet.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../main/services/imports/detect-format.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { REPORT_HEADER, chunked, excelSerial, expectFailure, expectOk, sum, workbookBytes } from './helpers.js';

const wallDate = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
const timeOnly = (hh: number, mm: number, ss: number) => new Date(Date.UTC(1899, 11, 30, hh, mm, ss));

async function standardReport(): Promise<Buffer> {
  return workbookBytes((wb) => {
    wb.addWorksheet('Инфо').getCell('A1').value = 'Отчёт сформирован в Kaspi Business';
    const ws = wb.addWorksheet('Отчет по продажам');
    ws.getCell('B1').value = 'Период:';
    ws.getCell('C1').value = '01.03.2025 - 02.03.2025';
    ws.getCell('B2').value = 'ИИН/БИН:';
    ws.getCell('C2').value = '200340001238';
    ws.getCell('B3').value = 'Наименование:';
    ws.getCell('C3').value = 'ТОО «Тестовый магазин»';
    ws.getRow(7).values = REPORT_HEADER;
    // Date cells with date/time formats
    ws.getRow(8).values = [1, 13000000101, wallDate(2025, 3, 1), timeOnly(10, 15, 2), wallDate(2025, 3, 2), 'Покупка', 'QR', 4500, 4455, 45, 0, null, 'Кофе 250 г, 3 шт.'];
    ws.getCell('C8').numFmt = 'dd.mm.yyyy';
    ws.getCell('D8').numFmt = 'hh:mm:ss';
    ws.getCell('E8').numFmt = 'dd.mm.yyyy';
    // Excel serial numbers without a date format, text time and text amounts with NBSP groups
    ws.getRow(9).values = [2, '13000000102', excelSerial(2025, 3, 1), '12:40:45', excelSerial(2025, 3, 2), 'Покупка', 'Карта', '12\u00a0000,00', '11 820,00', '180,00', '0,00', '440043******1234', 'Чайник'];
    // text dates, a time as a day fraction, negative refund numbers, a rich-text type, a formula fee
    ws.getRow(10).values = [3, '13000000101', '02.03.2025', (9 * 3600 + 5 * 60 + 10) / 86400, '03.03.2025', { richText: [{ text: 'Воз' }, { text: 'врат' }] }, 'QR', -1500, -1485, { formula: '-15', result: -15 }, 0, null, 'Кофе 250 г, 1 шт.'];
    // before 2024-03-01 Almaty was UTC+6 (and 2024-02-29 exists)
    ws.getRow(11).values = [4, '13000000103', wallDate(2024, 2, 29, 23, 30, 0), null, wallDate(2024, 3, 1), 'Покупка', 'QR', 1000, 990, 10, 0, null, null];
    ws.getCell('C11').numFmt = 'dd.mm.yyyy hh:mm:ss';
    ws.getRow(12).values = ['Итого', null, null, null, null, null, null, 16000, 15780, 220, 0];
    ws.getRow(14).values = ['Исполнитель: Kaspi Business'];
  });
}

describe('sales report .xlsx', () => {
  it('finds the header at row 7 by content and reads Date cells, serials and text', async () => {
    const r = expectOk(await parseSalesReport(await standardReport(), { fileName: 'report.xlsx' }));
    expect(r.invalid).toEqual([]);
    // row 11 (29.02.2024) lies outside the report's own period: imported, and named
    expect(r.problems).toEqual([{ code: 'outside_period', params: { count: 1, line: 11, fromDay: '2025-03-01', toDay: '2025-03-02' } }]);
    expect(r.rows.map((x) => x.line)).toEqual([8, 9, 10, 11]);
    expect(r.rows.map((x) => x.operationAt)).toEqual([
      '2025-03-01T10:15:02+05:00',
      '2025-03-01T12:40:45+05:00',
      '2025-03-02T09:05:10+05:00',
      '2024-02-29T23:30:00+06:00',
    ]);
    expect(r.rows.map((x) => x.settlementDate)).toEqual(['2025-03-02', '2025-03-02', '2025-03-03', '2024-03-01']);
    expect(r.rows.map((x) => x.purchaseId)).toEqual(['13000000101', '13000000102', '13000000101', '13000000103']);
    expect(r.rows.map((x) => x.operationType)).toEqual(['purchase', 'purchase', 'refund', 'purchase']);
    expect(sum(r.rows.map((x) => x.grossTiyn))).toBe(1_600_000);
    expect(sum(r.rows.map((x) => x.netTiyn))).toBe(1_578_000);
    expect(r.rows[2]!.feeTiyn).toBe(-1_500);
    expect(r.meta).toMatchObject({
      container: 'xlsx',
      sheet: 'Отчет по продажам',
      headerLine: 7,
      period: { from: '2025-03-01', to: '2025-03-02' },
      bin: '200340001238',
      shopName: 'ТОО «Тестовый магазин»',
      dataRows: 4,
    });
  });

  it('gives the same ids as the CSV copy of the same rows', async () => {
    const r = expectOk(await parseSalesReport(await standardReport()));
    expect(r.rows[0]!.externalId).toBe('kaspi-report|13000000101|purchase|2025-03-01T10:15:02');
  });

  it('reads a streamed workbook (chunks) the same way', async () => {
    const bytes = await standardReport();
    const r = expectOk(await parseSalesReport(chunked(bytes, 4096)));
    expect(r.rows).toHaveLength(4);
  });

  it('finds a header at row 18 with a combined date-time column and no net column (net derived)', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Каспи продажи');
      for (let r = 1; r <= 17; r++) ws.getCell(`A${r}`).value = r === 2 ? 'Выписка по продажам' : null;
      ws.getRow(18).values = ['№', 'Номер заказа', 'Дата и время операции', 'Тип операции', 'Сумма операции', 'Комиссия за операции (т)'];
      ws.getRow(19).values = [1, '555', wallDate(2025, 5, 10, 18, 0, 1), 'Покупка', 2000, 20];
      ws.getRow(20).values = [2, '556', '10.05.2025 18:05', 'Покупка', 3000.5, 30];
    });
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.meta.headerLine).toBe(18);
    expect(r.rows.map((x) => [x.operationAt, x.grossTiyn, x.netTiyn, x.settlementDate])).toEqual([
      ['2025-05-10T18:00:01+05:00', 200_000, 198_000, null],
      ['2025-05-10T18:05:00+05:00', 300_050, 297_050, null],
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(['net_derived', 'no_settlement_date']); // a report without the column: said
  });

  it('an Excel error or a formula never calculated is named in the row\'s reason, not called missing', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(6).values = REPORT_HEADER;
      ws.getRow(7).values = [1, '1', excelSerial(2025, 3, 1), '10:00:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
      ws.getRow(7).getCell(8).value = { error: '#VALUE!' } as never;
      ws.getRow(8).values = [2, '2', excelSerial(2025, 3, 1), '10:00:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
      ws.getRow(8).getCell(9).value = { formula: 'H8-J8' } as never; // saved without its result
      ws.getRow(9).values = [3, '3', excelSerial(2025, 3, 1), '10:00:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
      ws.getRow(9).getCell(9).value = { formula: 'H9-J9', result: 99 } as never; // calculated: read as its value
    });
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.rows.map((x) => [x.line, x.netTiyn])).toEqual([[9, 9_900]]);
    expect(r.invalid.map((i) => [i.line, i.reason.params?.value])).toEqual([
      [7, '#VALUE!'],
      [8, '=H8-J8'],
    ]);
  });

  it('reports invalid cells with their Excel row number', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(6).values = REPORT_HEADER;
      ws.getRow(7).values = [1, '1', '31.02.2025', '10:00:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
      ws.getRow(8).values = [2, '2', excelSerial(2025, 3, 1), '10:00:00', '01.03.2025', 'Покупка', 'QR', 100.005, 99, 1, 0];
      ws.getRow(9).values = [3, '3', excelSerial(2025, 3, 1), '25:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
      ws.getRow(10).values = [4, '4', excelSerial(2025, 3, 1), '10:00', '01.03.2025', 'Кредит', 'QR', 100, 99, 1, 0];
      ws.getRow(11).values = [5, '5', excelSerial(2025, 3, 1), '10:00', '01.03.2025', 'Покупка', 'QR', 100, 99, 1, 0];
    });
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.rows.map((x) => x.line)).toEqual([11]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [7, 'bad_date'],
      [8, 'too_many_decimals'],
      [9, 'bad_time'],
      [10, 'unknown_operation_type'],
    ]);
    expect(r.invalid[0]!.reason.params).toEqual({ field: 'Дата операции', value: '31.02.2025' });
  });

  it('refuses a workbook without a report header', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Лист1').getCell('A1').value = 'просто таблица';
    });
    expectFailure(await parseSalesReport(bytes), 'no_header');
    expect(await detectFormat(bytes, 'x.xlsx')).toMatchObject({ format: 'unknown', reason: { code: 'no_header' } });
  });

  it('is detected as a Kaspi report xlsx', async () => {
    expect(await detectFormat(await standardReport(), 'whatever.bin')).toMatchObject({ format: 'kaspi-report', container: 'xlsx' });
  });
});
