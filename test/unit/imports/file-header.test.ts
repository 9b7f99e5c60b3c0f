// fileHeaderOf: only well-formed facts reach the preview — periods that are real yyyy-mm-dd dates,
// accounts deduplicated and bounded, nothing at all for formats (or metadata) that say nothing.
import { describe, expect, it } from 'vitest';
import { fileHeaderOf } from '../../../main/services/imports/file-header.js';

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

  it('is null when the file says nothing, for formats without a header, and for no metadata', () => {
    expect(fileHeaderOf('kaspi-report', { period: null, bin: null, shopName: null })).toBeNull();
    expect(fileHeaderOf('1c', { periodFrom: null, periodTo: null, accounts: [] })).toBeNull();
    expect(fileHeaderOf('json', { count: 3 })).toBeNull();
    expect(fileHeaderOf('csv', { delimiter: ';' })).toBeNull();
    expect(fileHeaderOf('kaspi-report', null)).toBeNull();
  });
});
