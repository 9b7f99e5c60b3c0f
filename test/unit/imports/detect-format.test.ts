// Format detection by content, with the file name only as a tie-breaker.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../main/services/imports/detect-format.js';
import { REPORT_SAMPLE_ROWS, cp1251, reportCsv, utf8 } from './helpers.js';

describe('detectFormat', () => {
  it.each([
    ['[{"orderId":"A","amount":1,"status":"paid"}]', 'json'],
    ['  {"payments": []}', 'json'],
    ['1CClientBankExchange\r\nВерсияФормата=1.01\r\n', '1c'],
    [':20:X\r\n:25:KZ1\r\n:60F:C250301KZT1,00\r\n', 'mt940'],
    ['{1:F01CASPKZKAXXXX0000000000}{4:\r\n:20:X\r\n', 'mt940'],
    ['01.03.25 + 5 000,00 ₸ Пополнение С карты другого банка\n', 'kaspi-gold'],
  ])('%j → %s', async (text, format) => {
    expect((await detectFormat(utf8(text))).format).toBe(format);
  });

  it('a cp1251 Kaspi report CSV with a tab delimiter', async () => {
    const text = reportCsv(REPORT_SAMPLE_ROWS.map((l) => l.split(';').join('\t')), { delimiter: '\t', preamble: [] });
    expect(await detectFormat(cp1251(text))).toMatchObject({ format: 'kaspi-report', container: 'csv', encoding: 'windows-1251', delimiter: '\t' });
  });

  it('any other CSV needs a mapping, with the delimiter guessed', async () => {
    expect(await detectFormat(utf8('Дата,Сумма,Описание\n01.03.2025,10.00,x\n'), 'bank.csv')).toEqual({
      format: 'csv',
      container: null,
      encoding: 'utf-8',
      delimiter: ',',
      reason: { code: 'needs_mapping' },
    });
  });

  it('the name breaks ties only', async () => {
    expect((await detectFormat(utf8('not json at all'), 'seed.json')).format).toBe('json');
    expect(await detectFormat(utf8('plain text'), 'report.xlsx')).toMatchObject({ format: 'unknown', reason: { code: 'not_xlsx' } });
    expect((await detectFormat(utf8('1CClientBankExchange\n'), 'looks.json')).format).toBe('1c');
  });

  it('empty, whitespace and PDF files are unknown with a reason', async () => {
    expect((await detectFormat(Buffer.alloc(0))).reason?.code).toBe('empty_file');
    expect((await detectFormat(utf8(' \r\n\t'))).reason?.code).toBe('empty_file');
    expect((await detectFormat(utf8('%PDF-1.7\n'))).reason?.code).toBe('pdf_not_supported');
  });
});
