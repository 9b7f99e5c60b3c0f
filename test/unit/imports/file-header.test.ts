// fileHeaderOf: only well-formed facts reach the preview — periods that are real yyyy-mm-dd dates,
// accounts deduplicated and bounded, nothing at all for formats (or metadata) that say nothing.
import { describe, expect, it } from 'vitest';
import { fileHeaderOf } from '../../../main/services/imports/file-header.js';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { expectOk, utf8 } from './helpers.js';

describe('fileHeaderOf', () => {
  it('keeps a period only when both ends are dates (half of one would read as a wrong one-day period), and clips long texts', () => {
    const header = fileHeaderOf('kaspi-report', { period: { from: '01.03.2025', to: '2025-03-31' }, bin: '1'.repeat(40), shopName: 'Ш'.repeat(500) });
    expect(header).toEqual({ periodFrom: null, periodTo: null, bin: '1'.repeat(20), name: 'Ш'.repeat(200), accounts: [] });
    expect(fileHeaderOf('1c', { periodFrom: '2025-03-01', periodTo: null, accounts: [] })).toBeNull();
  });

  it.each([
    ['200340001238', '200340001238'],
    ['20340001238', '020340001238'], // an xlsx number cell lost the leading zero
    ['200340001238 (ТОО «Ромашка»)', '200340001238'],
    ['200 340 001 238', '200340001238'],
    ['n/a', 'n/a'], // not a BIN: shown as written, never compared
    ['12345', '12345'],
  ])('reads the BIN %j as %j', (bin, expected) => {
    expect(fileHeaderOf('kaspi-report', { period: null, bin, shopName: null })?.bin).toBe(expected);
  });

  it('deduplicates (after clipping) and bounds accounts; drops empty ones', () => {
    const statements = Array.from({ length: 30 }, (_, i) => ({ account: i % 2 ? `KZ${i}` : '' }));
    const header = fileHeaderOf('mt940', { statements: [...statements, { account: 'KZ1' }] });
    expect(header?.accounts).toEqual(['KZ1', 'KZ3', 'KZ5', 'KZ7', 'KZ9', 'KZ11', 'KZ13', 'KZ15', 'KZ17', 'KZ19']);
    const long = fileHeaderOf('mt940', { statements: [{ account: `${'A'.repeat(64)}1` }, { account: `${'A'.repeat(64)}2` }] });
    expect(long?.accounts).toEqual(['A'.repeat(64)]);
  });

  it("an MT940 file's period runs from its first opening balance's date to its last closing balance's, across daily statements and continuation pages", async () => {
    const day = (ref: string, open: string, close: string, page = ':60F:') =>
      [`:20:${ref}`, ':25:KZ18722S000012345678', ':28C:1/1', `${page}C${open}KZT100,00`, ':61:2503020302C1,00NTRFNONREF//X', `:62F:C${close}KZT101,00`, '-'];
    const file = [...day('D2', '250302', '250302'), ...day('D1', '250301', '250301'), ...day('D3', '250303', '250304', ':60M:')].join('\r\n');
    const parsed = expectOk(await parseMt940(utf8(file)));
    expect(fileHeaderOf('mt940', parsed.meta)).toMatchObject({ periodFrom: '2025-03-01', periodTo: '2025-03-04' });
    // as SWIFT dates it, the opening balance is the previous day's close: the statement's days begin after it
    const swift = expectOk(await parseMt940(utf8([':20:S', ':25:KZ1', ':60F:C250301KZT1,00', ':61:2503030303C1,00NTRFNONREF//Y', ':62F:C250303KZT2,00', '-'].join('\n'))));
    expect(fileHeaderOf('mt940', swift.meta)).toMatchObject({ periodFrom: '2025-03-02', periodTo: '2025-03-03' });
    // a statement without a closing date, or one closing before it opens: no period rather than a wrong one
    expect(fileHeaderOf('mt940', { statements: [{ account: 'KZ1', openedOn: '2025-03-01', closedOn: null }] })).toMatchObject({ periodFrom: null, periodTo: null });
    expect(fileHeaderOf('mt940', { statements: [{ account: 'KZ1', openedOn: '2025-03-05', closedOn: '2025-03-01' }] })).toMatchObject({ periodFrom: null, periodTo: null });
  });

  it('is null when the file says nothing, for formats without a header, and for no metadata', () => {
    expect(fileHeaderOf('kaspi-report', { period: null, bin: null, shopName: null })).toBeNull();
    expect(fileHeaderOf('1c', { periodFrom: null, periodTo: null, accounts: [] })).toBeNull();
    expect(fileHeaderOf('json', { count: 3 })).toBeNull();
    expect(fileHeaderOf('csv', { delimiter: ';' })).toBeNull();
    expect(fileHeaderOf('kaspi-report', null)).toBeNull();
  });
});
