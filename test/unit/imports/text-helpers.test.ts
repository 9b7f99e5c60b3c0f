// The small pure helpers every parser leans on: amounts to tiyn, dates, Almaty offsets, encodings,
// line splitting, the zip directory reader, and the reason-code catalogue.
import { describe, expect, it } from 'vitest';
import { almatyIso, almatyOffset, parseLenientIso } from '../../../shared/almaty-time.js';
import { amountFromJsonNumber, amountFromSpreadsheetNumber, parseAmountText } from '../../../main/services/imports/amount-text.js';
import { parseDateText, parseTimeText, parseYymmdd, wallClockOfSerial } from '../../../main/services/imports/date-text.js';
import { detectEncoding, looksBinary } from '../../../main/services/imports/encoding.js';
import { IdCounter } from '../../../main/services/imports/external-id.js';
import { IMPORT_REASONS, IMPORT_REASON_CODES } from '../../../main/services/imports/reason-codes.js';
import { textLines } from '../../../main/services/imports/text-lines.js';
import { readZipDirectory } from '../../../main/services/imports/zip-directory.js';
import { cp1251, excelSerial, makeZip, utf8 } from './helpers.js';

const tiyn = (text: string, decimal: '.' | ',' | 'auto' = 'auto') => {
  const r = parseAmountText(text, decimal);
  return r.ok ? r.tiyn : r.code;
};

describe('parseAmountText', () => {
  it.each([
    ['4 500,00', 450_000],
    ['4\u00a0500,00', 450_000],
    ['12\u202f000,5', 1_200_050],
    ['-1 500,00', -150_000],
    ['\u22121 500,00', -150_000],
    ['(1 500,00)', -150_000],
    ['+7', 700],
    ['4455.5', 445_550],
    ['110860', 11_086_000],
    ['1.234.567,89', 123_456_789],
    ['1,234,567.89', 123_456_789],
    ['1 000 ₸', 100_000],
    ['0,00', 0],
    ['-0,00', 0],
    ['4455,000', 445_500],
    ['1.234,5,6', 'bad_amount'],
    ['12,34.56', 'bad_amount'],
    ['1,005', 'bad_amount'],
    ['abc', 'bad_amount'],
    ['', 'bad_amount'],
    ['-', 'bad_amount'],
    ['1e5', 'bad_amount'],
    ['99999999999999', 'bad_amount'],
    // space groups are groups of three, as dot groups are: a typo is refused, not read as another sum
    ['4 50,00', 'bad_amount'],
    ['12 34,56', 'bad_amount'],
    ['1234 567', 'bad_amount'],
    ['1 2 3', 'bad_amount'],
    ['1 234 567,89', 123_456_789],
    ["1'234'567", 123_456_700],
    ['4 500.00 KZT', 450_000],
  ])('%j → %j', (text, expected) => {
    expect(tiyn(text)).toBe(expected);
  });

  it('an explicit decimal separator removes the guess', () => {
    expect(tiyn('1.234', ',')).toBe(123_400);
    expect(tiyn('1,5', '.')).toBe('bad_amount');
    expect(tiyn('4 500,00', '.')).toBe('bad_amount');
  });

  it('spreadsheet and JSON numbers', () => {
    expect(amountFromSpreadsheetNumber(4455.45)).toEqual({ ok: true, tiyn: 445_545 });
    expect(amountFromSpreadsheetNumber(0.1 + 0.2)).toEqual({ ok: true, tiyn: 30 });
    expect(amountFromSpreadsheetNumber(100.005)).toEqual({ ok: false, code: 'too_many_decimals' });
    expect(amountFromJsonNumber(0.1 + 0.2)).toEqual({ ok: false, code: 'too_many_decimals' });
    expect(amountFromJsonNumber(50000)).toEqual({ ok: true, tiyn: 5_000_000 });
    expect(amountFromJsonNumber(1e21)).toEqual({ ok: false, code: 'bad_amount' });
    expect(amountFromJsonNumber(Number.NaN)).toEqual({ ok: false, code: 'bad_amount' });
  });
});

describe('dates and times', () => {
  it('parses known formats and refuses impossible dates', () => {
    expect(parseDateText('01.03.2025')).toEqual({ date: '2025-03-01' });
    expect(parseDateText('1.3.25')).toEqual({ date: '2025-03-01' });
    expect(parseDateText('2025-03-01 10:15')).toEqual({ date: '2025-03-01', time: '10:15:00' });
    expect(parseDateText('01/03/2025', 'dd/mm/yyyy')).toEqual({ date: '2025-03-01' });
    expect(parseDateText('29.02.2024')).toEqual({ date: '2024-02-29' });
    expect(parseDateText('31.02.2025')).toBeNull();
    expect(parseDateText('29.02.2025')).toBeNull();
    expect(parseDateText('01.13.2025')).toBeNull();
    expect(parseDateText('01.03.2025x')).toBeNull();
    expect(parseDateText('2025-03-01', 'dd.mm.yyyy')).toBeNull();
    expect(parseTimeText('9:05')).toBe('09:05:00');
    expect(parseTimeText('24:00:00')).toBeNull();
    expect(parseYymmdd('250302')).toBe('2025-03-02');
    expect(parseYymmdd('250230')).toBeNull();
    expect(wallClockOfSerial(excelSerial(2025, 3, 1, 10, 15, 2))).toEqual({ date: '2025-03-01', time: '10:15:02' });
    expect(wallClockOfSerial(5)).toBeNull();
  });

  it('Almaty offsets: +06:00 before 2024-03-01, +05:00 from it', () => {
    expect(almatyOffset('2024-02-29', '23:59:59')).toBe('+06:00');
    expect(almatyOffset('2024-03-01', '00:00:00')).toBe('+05:00');
    expect(almatyIso('2025-03-01', '10:15:02')).toBe('2025-03-01T10:15:02+05:00');
    expect(almatyIso('2023-07-01')).toBe('2023-07-01T00:00:00+06:00');
  });

  it('lenient ISO input becomes an Almaty ISO string', () => {
    expect(parseLenientIso('2025-03-01')).toBe('2025-03-01T00:00:00+05:00');
    expect(parseLenientIso('2025-03-01 10:15')).toBe('2025-03-01T10:15:00+05:00');
    expect(parseLenientIso('2025-03-01T05:15:02.123Z')).toBe('2025-03-01T10:15:02+05:00');
    expect(parseLenientIso('2025-03-01T10:15:02+0500')).toBe('2025-03-01T10:15:02+05:00');
    expect(parseLenientIso('2024-02-29T17:59:59Z')).toBe('2024-02-29T23:59:59+06:00');
    expect(parseLenientIso('2024-02-29T18:00:00Z')).toBe('2024-02-29T23:00:00+05:00');
    expect(parseLenientIso('2025-02-31')).toBeNull();
    expect(parseLenientIso('yesterday')).toBeNull();
  });
});

describe('encodings and lines', () => {
  it('detects UTF-8, windows-1251 and binary junk', () => {
    expect(detectEncoding(utf8('Привет'))).toBe('utf-8');
    expect(detectEncoding(cp1251('Привет'))).toBe('windows-1251');
    // a prefix that cuts a two-byte character is still UTF-8
    expect(detectEncoding(utf8('Привет').subarray(0, 3), false)).toBe('utf-8');
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
    expect(looksBinary(cp1251('Дата;Сумма\r\n'))).toBe(false);
  });

  it('splits CRLF, LF and CR lines across chunks and caps a giant line', async () => {
    async function* parts() {
      yield 'a\r';
      yield '\nb\nc\r';
      yield 'd';
      yield 'x'.repeat(50);
    }
    const lines = [];
    for await (const l of textLines(parts(), 20)) lines.push(l);
    expect(lines.map((l) => [l.line, l.overflow ? `${l.length}!` : l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, '51!'],
    ]);
  });

  it('reads a zip directory and refuses junk', () => {
    const zip = makeZip([{ name: 'a.txt', data: 'hello' }, { name: 'b/c.xml', data: '<x/>' }]);
    expect(readZipDirectory(zip)?.map((e) => [e.name, e.size])).toEqual([['a.txt', 5], ['b/c.xml', 4]]);
    expect(readZipDirectory(zip.subarray(0, zip.length - 10))).toBeNull();
    expect(readZipDirectory(Buffer.alloc(0))).toBeNull();
  });
});

describe('reason codes', () => {
  it('are snake_case, each with a level', () => {
    for (const code of IMPORT_REASON_CODES) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(['file', 'problem', 'row']).toContain(IMPORT_REASONS[code]);
    }
  });
});

describe('ambiguous amounts are refused, not guessed', () => {
  it.each(['12.000', '1,500', '1.234', '-7.000'])('%s (thousands group or three decimals?)', (text) => {
    expect(parseAmountText(text)).toEqual({ ok: false, code: 'bad_amount' });
  });
  it('reads them when the file says which separator is the decimal one', () => {
    expect(parseAmountText('12.000', ',')).toEqual({ ok: true, tiyn: 1_200_000 });
    expect(parseAmountText('12.000,00')).toEqual({ ok: true, tiyn: 1_200_000 });
  });
});

describe('IdCounter', () => {
  it('numbers repeated ids in order, across the growth of its table', () => {
    const counter = new IdCounter();
    const ids = Array.from({ length: 20_000 }, (_, i) => `kaspi-report|${i}|refund|2025-03-03|-150000|`);
    expect(ids.map((id) => counter.next(id))).toEqual(ids);
    expect(counter.next(ids[7]!)).toBe(`${ids[7]}#2`);
    expect(counter.next(ids[19_999]!)).toBe(`${ids[19_999]}#2`);
    expect(counter.next(ids[7]!)).toBe(`${ids[7]}#3`);
    expect(counter.next('new')).toBe('new');
  });
});
