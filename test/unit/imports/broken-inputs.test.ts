// The broken-input corpus: every parser answers with a reason code (and a line where there is one),
// never an exception, never a hang. Inputs are generated here; nothing is mocked.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../main/services/imports/csv-records.js';
import { detectFormat } from '../../../main/services/imports/detect-format.js';
import { parseJsonPayments } from '../../../main/services/imports/json-payments-parser.js';
import { parseKaspiGoldLines } from '../../../main/services/imports/kaspi-gold-lines-parser.js';
import { parseMappedCsv } from '../../../main/services/imports/mapped-csv-parser.js';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import {
  REPORT_HEADER,
  REPORT_SAMPLE_ROWS,
  SIGNED_MAPPING,
  chunked,
  cp1251,
  expectFailure,
  expectOk,
  makeZip,
  reportCsv,
  sample,
  utf8,
  workbookBytes,
} from './helpers.js';

const junk = randomBytes(200_000);
const MB10 = 'я'.repeat(10 * 1024 * 1024);
const mapping = { ...SIGNED_MAPPING, account: 'KZ1' };
const all = {
  report: (b: Uint8Array) => parseSalesReport(b),
  oneC: (b: Uint8Array) => parseStatement1c(b),
  mt940: (b: Uint8Array) => parseMt940(b),
  json: (b: Uint8Array) => parseJsonPayments(b),
  mapped: (b: Uint8Array) => parseMappedCsv(b, mapping),
  gold: (b: Uint8Array) => parseKaspiGoldLines(b),
};

describe('empty and junk files', () => {
  it.each(Object.entries(all))('%s: an empty file is empty_file', async (_name, parse) => {
    expectFailure(await parse(Buffer.alloc(0)), 'empty_file');
  });

  it.each(Object.entries(all).filter(([n]) => n !== 'json'))('%s: binary junk is binary_content', async (_name, parse) => {
    expectFailure(await parse(junk), 'binary_content');
  });

  it('json: binary junk is bad_encoding; detectFormat says binary_content', async () => {
    expectFailure(await parseJsonPayments(junk), 'bad_encoding');
    expect(await detectFormat(junk)).toMatchObject({ format: 'unknown', reason: { code: 'binary_content' } });
  });

  it('a source that fails while being read is read_failed, not a rejection', async () => {
    async function* failing() {
      yield utf8('1CClientBankExchange\r\n');
      throw new Error('EIO: disk went away');
    }
    const r = await parseStatement1c(failing());
    expectFailure(r, 'read_failed');
    if (!r.ok) expect(r.params).toEqual({ message: 'EIO: disk went away' });
  });
});

describe('xlsx that are not', () => {
  it('a renamed zip of junk is corrupt_xlsx', async () => {
    const fake = Buffer.concat([Buffer.from('PK\x03\x04'), junk]);
    expectFailure(await parseSalesReport(fake, { fileName: 'report.xlsx' }), 'corrupt_xlsx');
    expect((await detectFormat(fake, 'report.xlsx')).reason?.code).toBe('corrupt_xlsx');
  });

  it('a zip that is not a workbook is not_xlsx', async () => {
    const zip = makeZip([{ name: 'readme.txt', data: 'hello' }]);
    expectFailure(await parseSalesReport(zip), 'not_xlsx');
    expect((await detectFormat(zip)).reason?.code).toBe('not_xlsx');
  });

  it('a zip with workbook names but broken XML is corrupt_xlsx', async () => {
    const zip = makeZip([
      { name: '[Content_Types].xml', data: '<Types' },
      { name: 'xl/workbook.xml', data: '<<<not xml' },
    ]);
    const r = await parseSalesReport(zip);
    expectFailure(r, 'corrupt_xlsx');
  });

  it('a truncated workbook is corrupt_xlsx', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('S').getRow(1).values = REPORT_HEADER;
    });
    expectFailure(await parseSalesReport(bytes.subarray(0, Math.floor(bytes.length / 2))), 'corrupt_xlsx');
  });

  it('an .xlsx name on text, and an Excel 97 file, are refused clearly', async () => {
    expectFailure(await parseSalesReport(utf8('a;b;c'), { fileName: 'report.XLSX' }), 'not_xlsx');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expectFailure(await parseSalesReport(ole), 'legacy_xls');
    expect((await detectFormat(ole)).reason?.code).toBe('legacy_xls');
  });
});

describe('broken rows keep their line', () => {
  it('report CSV: 31.02.2025, 1.234,5,6, a 10 MB field and a truncated last line', async () => {
    const rows = [
      REPORT_SAMPLE_ROWS[0]!.replace('01.03.2025;10:15:02', '31.02.2025;10:15:02'),
      REPORT_SAMPLE_ROWS[1]!.replace('12 000,00', '1.234,5,6'),
      REPORT_SAMPLE_ROWS[2]!.replace('Кофе 250 г, 1 шт.', MB10),
      '4;13000000104;02.03.20',
    ];
    const text = reportCsv(rows);
    const r = expectOk(await parseSalesReport(utf8(text.slice(0, -2)))); // no final newline either
    expect(r.rows).toEqual([]);
    expect(r.invalid).toEqual([
      { line: 6, reason: { code: 'bad_date', params: { field: 'Дата операции', value: '31.02.2025' } } },
      { line: 7, reason: { code: 'bad_amount', params: { field: 'Сумма операции (т)', value: '1.234,5,6' } } },
      { line: 8, reason: { code: 'field_too_long', params: { field: 'Детали покупки', length: MB10.length, maxLength: 10_000 } } }, // named, not 'column 13'
      { line: 9, reason: { code: 'too_few_columns', params: { expected: 11, actual: 3 } } }, // through the last amount column
    ]);
  });

  it('report CSV: an unclosed quote refuses the whole file, with the line where it opens', async () => {
    const text = reportCsv([REPORT_SAMPLE_ROWS[0]!, REPORT_SAMPLE_ROWS[1]!.replace(';Чайник', ';"Чайник'), REPORT_SAMPLE_ROWS[2]!]);
    expect(await parseSalesReport(utf8(text))).toEqual({ ok: false, code: 'unclosed_quote', params: { line: 7 } });
  });

  it('report CSV: a goods name in quotes that swallows the later rows refuses the file (no later quote)', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 1};${13000000001 + i};01.03.2025;10:00:${String(i).padStart(2, '0')};02.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;Кофе`);
    rows[4] = rows[4]!.replace(';Кофе', ';"Арабика" 250 г');
    expect(await parseSalesReport(utf8(reportCsv(rows)))).toEqual({ ok: false, code: 'unclosed_quote', params: { line: 10 } });
    // … and when a later quoted field closes it, the lines in between are swallowed all the same
    rows[10] = rows[10]!.replace(';Кофе', ';"Кофе"');
    for (const bytes of [utf8(reportCsv(rows)), utf8(reportCsv(rows).replace(/\r\n/g, '\n'))]) {
      expect(await parseSalesReport(chunked(bytes, 64))).toEqual({ ok: false, code: 'unclosed_quote', params: { line: 10 } });
    }
  });

  it('report CSV: a quote inside one line stays a row error', async () => {
    const text = reportCsv([REPORT_SAMPLE_ROWS[0]!, REPORT_SAMPLE_ROWS[1]!.replace(';Чайник', ';"Чайник "Bosch" 2 л"'), REPORT_SAMPLE_ROWS[2]!]);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows.map((x) => x.line)).toEqual([6, 8]);
    expect(r.invalid).toEqual([{ line: 7, reason: { code: 'malformed_quotes' } }]);
  });

  it('mapped CSV: an unclosed quote in a purpose refuses the whole file', async () => {
    const text = 'Дата;Сумма;Назначение\n01.03.2025;1000,00;Поступление\n02.03.2025;2000,00;"Kaspi Bank" АО, зачисление\n03.03.2025;3000,00;Поступление\n04.03.2025;4000,00;Поступление\n';
    expect(await parseMappedCsv(utf8(text), { ...mapping, descriptionColumn: 'Назначение' })).toEqual({ ok: false, code: 'unclosed_quote', params: { line: 3 } });
  });

  it('a record that grows past the cap stops the CSV reader with record_too_long', async () => {
    async function* text() {
      yield 'a;b\n"open';
      for (let i = 0; i < 10; i++) yield 'x'.repeat(1000);
    }
    const items = [];
    for await (const item of csvRecords(text(), { delimiter: ';', maxRecordChars: 5000 })) items.push(item);
    expect(items).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, fatal: 'record_too_long' }]);
  });

  it('a quoted field over many lines and chunks without quotes is read whole; one that never closes still stops', async () => {
    const read = async (chunks: string[], maxRecordChars?: number) => {
      async function* text() {
        yield* chunks;
      }
      const items = [];
      for await (const item of csvRecords(text(), { delimiter: ';', ...(maxRecordChars ? { maxRecordChars } : {}) })) items.push(item);
      return items;
    };
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}\n`);
    expect(await read(['a;b\n1;"first\n', ...body, 'last";2\n3;4\n'])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', `first\n${body.join('')}last`, '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
    expect(await read(['a;b\n1;"first\n', ...body])).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, fatal: 'unclosed_quote' }]);
    // a CRLF file whose chunks end between \r and \n has no open quote: every record comes as it is read
    const crlf = await read(['a;b\r', '\n1;2\r', '\n3;4\r', ...Array.from({ length: 20 }, (_, i) => `\n${i};x\r`), '\n'], 60);
    expect(crlf.filter((item) => 'fatal' in item)).toEqual([]);
    expect(crlf.map((item) => ('cells' in item ? item.cells.join(';') : ''))).toEqual(['a;b', '1;2', '3;4', ...Array.from({ length: 20 }, (_, i) => `${i};x`)]);
    expect(await read(['a;b\n"open\n', ...Array.from({ length: 10 }, () => 'x\n'.repeat(500))], 5000)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, fatal: 'record_too_long' },
    ]);
  });

  it('1C: a 10 MB purpose makes its document field_too_long', async () => {
    const original = sample('kaspi_statement_1c_sample.txt');
    const marker = cp1251('НазначениеПлатежа=Перевод');
    const at = original.indexOf(marker) + marker.length;
    const bytes = Buffer.concat([original.subarray(0, at), Buffer.alloc(10 * 1024 * 1024, 0x41), original.subarray(at)]);
    const r = expectOk(await parseStatement1c(bytes));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_627_500]);
    const length = 'НазначениеПлатежа=Перевод'.length + 10 * 1024 * 1024 + ' на карту Kaspi Gold (синтетический пример)'.length;
    expect(r.invalid).toEqual([
      { line: 38, reason: { code: 'field_too_long', params: { field: 'назначениеплатежа', length, maxLength: 10_000 } } },
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(['turnover_mismatch', 'balance_mismatch']);
  });

  it('MT940: a 10 MB :86: is field_too_long on its line', async () => {
    const text = [':20:S', ':25:KZ1', ':60F:C250301KZT0,00', ':61:250301C1,00NTRF//A', `:86:${MB10}`, ':62F:C250301KZT1,00'].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.invalid).toEqual([{ line: 5, reason: { code: 'field_too_long', params: { field: ':86:', length: MB10.length, maxLength: 10_000 } } }]);
    expect(r.rows).toHaveLength(1);
  });

  it('JSON: a 10 MB orderId, a truncated file, a non-array', async () => {
    const big = expectOk(await parseJsonPayments(utf8(JSON.stringify([{ orderId: MB10, amount: 1, status: 'paid' }]))));
    expect(big.invalid).toEqual([{ line: 1, reason: { code: 'field_too_long', params: { field: 'orderId', length: MB10.length, maxLength: 64 } } }]);
    expectFailure(await parseJsonPayments(utf8('[{"orderId":"A","amount":1,"stat')), 'bad_json');
    expectFailure(await parseJsonPayments(utf8('{"data": []}')), 'json_not_array');
    expectFailure(await parseJsonPayments(cp1251('[{"orderId":"Заказ","amount":1,"status":"paid"}]')), 'bad_encoding');
  });

  it('mapped CSV declared UTF-8 but written in cp1251: encoding_replaced, rows still read', async () => {
    const r = expectOk(await parseMappedCsv(cp1251('Дата;Сумма\n01.03.2025;10,00\n'), { ...mapping, headerRow: 0, date: { column: 1, format: 'dd.mm.yyyy' }, amount: { kind: 'signed', column: 2 } }));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_000]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([[1, 'bad_date']]);
    expect(r.problems).toEqual([{ code: 'encoding_replaced' }]);
  });
});

describe('header-only files', () => {
  it('report: header only is ok with no_rows; metadata only is no_header', async () => {
    const r = expectOk(await parseSalesReport(utf8(reportCsv([]))));
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ code: 'no_rows' }]);
    expectFailure(await parseSalesReport(utf8(';Период:;01.03.2025 - 02.03.2025\r\n')), 'no_header');
  });

  it('1C and MT940 with headers but no movements: no_rows (balances still checked)', async () => {
    const oneC = expectOk(await parseStatement1c(utf8('1CClientBankExchange\r\nВерсияФормата=1.01\r\nРасчСчет=KZ1\r\n')));
    expect(oneC.problems.map((p) => p.code)).toEqual(['balance_unchecked', 'no_rows']);
    const mt = expectOk(await parseMt940(utf8(':20:S\n:25:KZ1\n:60F:C250301KZT5,00\n:62F:C250301KZT5,00\n-\n')));
    expect(mt.rows).toEqual([]);
    expect(mt.problems).toEqual([{ code: 'no_rows' }]);
  });
});
