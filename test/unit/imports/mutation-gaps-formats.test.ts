// File-level reading rules mutation testing found unpinned: a BOM outranks the mapping's encoding, a
// quote misplaced inside one mapped-CSV line, a report header repeated at a page break, a header far
// down the file, a ":20:" line that is not MT940, and a report CSV damaged after its first 64 KiB.
import { describe, expect, it } from 'vitest';
import type { CsvMappingInput } from '../../../main/services/imports/csv-mapping.js';
import { detectFormat } from '../../../main/services/imports/detect-format.js';
import { parseMappedCsv } from '../../../main/services/imports/mapped-csv-parser.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { REPORT_HEADER, REPORT_SAMPLE_ROWS, expectOk, reportCsv, utf8, utf8Bom } from './helpers.js';

const mapping: CsvMappingInput = {
  delimiter: ';',
  encoding: 'windows-1251',
  headerRow: 1,
  date: { column: 'Дата', format: 'dd.mm.yyyy' },
  amount: { kind: 'signed', column: 'Сумма' },
  decimalSeparator: ',',
  account: 'KZ00HALYK',
  descriptionColumn: 'Назначение',
};

describe('mapped CSV', () => {
  it('a UTF-8 BOM decides the encoding even when the mapping says windows-1251', async () => {
    const r = expectOk(await parseMappedCsv(utf8Bom('Дата;Сумма;Назначение\r\n01.03.2025;1 000,00;Зачисление Kaspi Pay\r\n'), mapping));
    expect(r.rows.map((x) => [x.date, x.amountTiyn, x.purpose])).toEqual([['2025-03-01', 100_000, 'Зачисление Kaspi Pay']]);
    expect(r.problems).toEqual([]);
  });

  it('a quote misplaced inside one line is malformed_quotes for that row only', async () => {
    const text = 'Дата;Сумма;Назначение\n01.03.2025;1000,00;Поступление\n02.03.2025;2000,00;"Чайник "Bosch" 2 л"\n03.03.2025;3000,00;Поступление\n';
    const r = expectOk(await parseMappedCsv(utf8(text), { ...mapping, encoding: 'utf-8' }));
    expect(r.rows.map((x) => x.line)).toEqual([2, 4]);
    expect(r.invalid).toEqual([{ line: 3, reason: { code: 'malformed_quotes' } }]);
  });
});

describe('sales report CSV', () => {
  it('the header repeated mid-table (a page break in the export) is skipped, not an invalid row', async () => {
    const text = reportCsv([REPORT_SAMPLE_ROWS[0]!, REPORT_HEADER.join(';'), REPORT_SAMPLE_ROWS[1]!, REPORT_SAMPLE_ROWS[2]!]);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows.map((x) => x.purchaseId)).toEqual(['13000000101', '13000000102', '13000000101']);
    expect(r.invalid).toEqual([]);
    expect(r.meta.dataRows).toBe(3);
  });

  it('a header found 17 rows down (the "Каспи продажи" variant) is still a Kaspi report', async () => {
    const preamble = [';Каспи продажи', ...Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? '' : `;Поле ${i}:;значение ${i}`)), ''];
    const text = reportCsv(REPORT_SAMPLE_ROWS, { preamble });
    expect(text.split('\r\n').indexOf(REPORT_HEADER.join(';'))).toBe(17);
    expect(await detectFormat(utf8(text), 'report.csv')).toMatchObject({ format: 'kaspi-report', container: 'csv' });
  });

  it('a UTF-8 report with a damaged byte after its first 64 KiB: rows read, with encoding_replaced', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => `${i + 1};${13000000001 + i};01.03.2025;10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};02.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;Кофе в зёрнах, 250 г`);
    const bytes = utf8(reportCsv(rows));
    expect(bytes.length).toBeGreaterThan(64 * 1024 + 2_000);
    const at = bytes.lastIndexOf(utf8('Кофе'));
    const damaged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    const r = expectOk(await parseSalesReport(damaged));
    expect(r.meta.encoding).toBe('utf-8');
    expect(r.rows).toHaveLength(700);
    expect(r.rows.at(-1)!.details).toBe('\ufffdКофе в зёрнах, 250 г');
    expect(r.problems).toEqual([{ code: 'encoding_replaced' }]);
  });
});

describe('detectFormat', () => {
  it('a line starting ":20:" without MT940 balance or entry tags is not MT940', async () => {
    const text = 'Время;Сумма;Описание\n:20:15;1000,00;x\n';
    expect((await detectFormat(utf8(text), 'bank.csv')).format).toBe('csv');
  });
});
