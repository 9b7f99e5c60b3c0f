// A UTF-8 statement with one damaged byte (a stray byte, a character cut in a download) is still read
// as UTF-8: the damage becomes U+FFFD with a file-level warning, never the whole file as windows-1251
// (mojibake purposes, or no 1C keys recognised at all and an "empty" import).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../main/services/imports/encoding.js';
import { parseKaspiGoldLines } from '../../../main/services/imports/kaspi-gold-lines-parser.js';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { expectOk, sample } from './helpers.js';

/** `bytes` with one 0xFF (never valid in UTF-8) inserted after the first occurrence of `after`. */
function withStrayByte(bytes: Buffer, after: string): Buffer {
  const at = bytes.indexOf(Buffer.from(after, 'utf8')) + Buffer.byteLength(after);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('UTF-8 with a damaged byte', () => {
  it('1C statement: both documents read, Cyrillic keys intact, a warning', async () => {
    const utf8 = Buffer.from(iconv.decode(sample('kaspi_statement_1c_sample.txt'), 'windows-1251'), 'utf8');
    const damaged = withStrayByte(utf8, 'Назначение');
    expect(detectEncoding(damaged)).toBe('utf-8');
    const r = expectOk(await parseStatement1c(damaged));
    expect(r.rows).toHaveLength(2);
    expect(codes(r.problems)).toContain('encoding_replaced');
  });

  it('MT940: purposes stay Cyrillic (only the damaged spot is replaced), a warning', async () => {
    const damaged = withStrayByte(sample('kaspi_statement_mt940_sample.txt'), 'Зачисление');
    const r = expectOk(await parseMt940(damaged));
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]!.purpose).toContain('Зачисление\ufffd по операциям Kaspi Pay');
    expect(codes(r.problems)).toContain('encoding_replaced');
  });

  it('Kaspi Gold lines: read, with the warning too', async () => {
    const damaged = withStrayByte(sample('kaspi_gold_statement_lines_sample.txt'), 'Покупка');
    const r = expectOk(await parseKaspiGoldLines(damaged));
    expect(r.invalid).toEqual([]);
    expect(r.rows.some((row) => row.purpose?.includes('Покупка\ufffd'))).toBe(true);
    expect(codes(r.problems)).toContain('encoding_replaced');
  });

  it('a windows-1251 file stays windows-1251, even with a few byte pairs that happen to be valid UTF-8', () => {
    const text = 'Назначение платежа: «Оплата» № 15, ЁЛКА Ы ВЫПИСКА '.repeat(3);
    expect(detectEncoding(iconv.encode(text, 'windows-1251'))).toBe('windows-1251');
    expect(detectEncoding(sample('kaspi_statement_1c_sample.txt'))).toBe('windows-1251');
  });
});
