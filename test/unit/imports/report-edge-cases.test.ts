// Sales reports that used to be dropped or mis-read without a word: a sub-tiyn fee in an .xlsx
// (rounded, with a warning, when the net column is there), a report on several sheets, a data row
// after "Итого", and slash dates whose day/month order is decided once per file.
import { describe, expect, it } from 'vitest';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { REPORT_HEADER, excelSerial, expectOk, reportCsv, utf8, workbookBytes } from './helpers.js';

const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);
const at = (r: { rows: { operationAt: string; settlementDate: string | null }[] }) => r.rows.map((x) => [x.operationAt.slice(0, 10), x.settlementDate]);

describe('(a) a fee with sub-tiyn digits', () => {
  const book = (fee: number, net: number | null) =>
    workbookBytes((wb) => {
      const ws = wb.addWorksheet('Отчет');
      const header = net === null ? REPORT_HEADER.filter((h) => !h.startsWith('Сумма к зачислению')) : REPORT_HEADER;
      ws.addRow(header);
      const row = [1, '13000000101', excelSerial(2025, 3, 1), '10:15:02', '02.03.2025', 'Покупка', 'QR', 4455, 4412.68, fee, 0];
      ws.addRow(net === null ? row.filter((_, i) => i !== 8) : row);
      ws.addRow([2, '13000000102', excelSerial(2025, 3, 1), '11:00:00', '02.03.2025', 'Покупка', 'QR', 1000, 990, 10.005, 0]);
    });

  it('is rounded half-up to tiyn with one warning when the net column is present', async () => {
    const r = expectOk(await parseSalesReport(await book(42.3225, 4412.68)));
    expect(r.invalid).toEqual([]);
    expect(r.rows.map((x) => [x.purchaseId, x.netTiyn, x.feeTiyn])).toEqual([
      ['13000000101', 441_268, 4232],
      ['13000000102', 99_000, 1001], // 10.005 → 10.01: half up
    ]);
    expect(r.problems).toEqual([{ code: 'fee_rounded', params: { line: 2 } }]);
  });

  it('is still refused when the net has to be derived from it, and gross/net are never rounded', async () => {
    const derived = expectOk(await parseSalesReport(await book(42.3225, null)));
    expect(derived.invalid.map((i) => [i.line, i.reason.code])).toEqual([[2, 'too_many_decimals'], [3, 'too_many_decimals']]);
    const csv = reportCsv(['1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,005;4 455,00;45,00;0,00;;']);
    expect(expectOk(await parseSalesReport(utf8(csv))).invalid.map((i) => i.reason.code)).toEqual(['too_many_decimals']);
  });
});

describe('(b) a report on several sheets', () => {
  it('imports the first report sheet and warns that the others were not read', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Обложка').getCell('A1').value = 'Kaspi Business';
      const one = wb.addWorksheet('Март 1');
      one.addRow(REPORT_HEADER);
      one.addRow([1, '13000000101', '01.03.2025', '10:15:02', '02.03.2025', 'Покупка', 'QR', 4500, 4455, 45, 0]);
      const two = wb.addWorksheet('Март 2');
      two.addRow(['Отчёт, продолжение']);
      two.addRow(REPORT_HEADER);
      two.addRow([2, '13000000102', '02.03.2025', '10:15:02', '03.03.2025', 'Покупка', 'QR', 1000, 990, 10, 0]);
      wb.addWorksheet('Сводка').getCell('A1').value = 'Итого';
    });
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.rows.map((x) => x.purchaseId)).toEqual(['13000000101']);
    expect(r.problems).toEqual([{ code: 'report_in_other_sheets', params: { sheet: 'Март 1', others: 'Март 2' } }]);
  });
});

describe('(c) rows after "Итого"', () => {
  it('a data-like row after the total is reported, not dropped in silence', async () => {
    const csv = reportCsv([
      '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;',
      'Итого;;;;;;;4 500,00;4 455,00;45,00;0,00;;',
      'Подпись;;;;;;;;;;;;',
      '2;13000000101;02.03.2025;09:05:10;03.03.2025;Возврат;QR;-1 500,00;-1 485,00;-15,00;0,00;;',
    ]);
    const r = expectOk(await parseSalesReport(utf8(csv)));
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([{ code: 'content_after_table', params: { line: 9 } }]);
  });

  it('text after the total (a signature) is no warning', async () => {
    const csv = reportCsv(['1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;', 'Итого;;;;;;;4 500,00;4 455,00;;;;', 'Главный бухгалтер;;;;;;;;;;;;']);
    expect(codes(expectOk(await parseSalesReport(utf8(csv))))).toEqual([]);
  });
});

describe('(d) slash dates: one order per file', () => {
  const file = (dates: [string, string][]) =>
    utf8(reportCsv(dates.map(([d, s], i) => `${i + 1};1300000010${i};${d};10:15:0${i};${s};Покупка;QR;100,00;99,00;1,00;0,00;;`), { preamble: [';Период:;01.01.2025 - 31.03.2025', ';ИИН/БИН:;200340001238', ';Наименование:;ТОО «Тестовый магазин»', ''] }));

  it('day-first when a first part is above 12', async () => {
    const r = expectOk(await parseSalesReport(file([['3/1/2025', '4/1/2025'], ['13/1/2025', '14/1/2025']])));
    expect(at(r)).toEqual([['2025-01-03', '2025-01-04'], ['2025-01-13', '2025-01-14']]);
    expect(codes(r)).toEqual([]);
  });

  it('month-first, with a warning, when a second part is above 12 — also for the rows before it', async () => {
    const r = expectOk(await parseSalesReport(file([['3/1/2025', '3/2/2025'], ['3/14/2025', '3/15/2025']])));
    expect(r.invalid).toEqual([]);
    expect(at(r)).toEqual([['2025-03-01', '2025-03-02'], ['2025-03-14', '2025-03-15']]);
    expect(r.problems).toEqual([{ code: 'slash_dates_month_first', params: { line: 7 } }]); // the row that told
  });

  it('day-first with a warning when nothing tells', async () => {
    const r = expectOk(await parseSalesReport(file([['3/1/2025', '4/1/2025'], ['5/1/2025', '']])));
    expect(at(r)).toEqual([['2025-01-03', '2025-01-04'], ['2025-01-05', null]]);
    expect(r.problems).toEqual([{ code: 'ambiguous_slash_dates', params: { line: 6 } }]); // the first one
  });

  it('dotted dates are not affected', async () => {
    const r = expectOk(await parseSalesReport(file([['03.01.2025', '04.01.2025']])));
    expect(at(r)).toEqual([['2025-01-03', '2025-01-04']]);
    expect(codes(r)).toEqual([]);
  });
});

describe('(e) an empty time cell', () => {
  it('two partial refunds of one purchase on one day, neither with a time: both kept, told apart by amount', async () => {
    const r = expectOk(
      await parseSalesReport(
        utf8(
          reportCsv([
            '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;',
            '2;13000000101;02.03.2025;;03.03.2025;Возврат;QR;-1 500,00;-1 485,00;-15,00;0,00;;',
            '3;13000000101;02.03.2025;;03.03.2025;Возврат;QR;-1 000,00;-990,00;-10,00;0,00;;',
          ]),
        ),
      ),
    );
    expect(r.invalid).toEqual([]);
    expect(r.rows.map((x) => [x.operationType, x.grossTiyn])).toEqual([
      ['purchase', 450_000],
      ['refund', -150_000],
      ['refund', -100_000],
    ]);
    // the first keeps the id such a row always had: a report imported before still matches on re-import
    expect(r.rows[1]!.externalId).toBe('kaspi-report|13000000101|refund|2025-03-02T00:00:00');
    expect(new Set(r.rows.map((x) => x.externalId)).size).toBe(3);
  });
});

describe('(f) a CSV cut off inside a row (an interrupted download)', () => {
  it('is an invalid row, not a purchase with a net of 11 ₸; trailing text cells may still be left out', async () => {
    const text = reportCsv([
      '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00', // card and details left out: fine
      '2;13000000102;01.03.2025;12:40:45;02.03.2025;Покупка;Карта;12 000,00;11', // cut inside the net
    ]);
    const r = expectOk(await parseSalesReport(utf8(text.slice(0, -2)))); // and no final line end
    expect(r.rows.map((x) => [x.purchaseId, x.netTiyn])).toEqual([['13000000101', 445_500]]);
    expect(r.invalid).toEqual([{ line: 7, reason: { code: 'too_few_columns', params: { expected: 11, actual: 9 } } }]);
  });
});
