// BIN / IIN check digit: real numbers pass, one mistyped digit fails.
import { describe, expect, it } from 'vitest';
import { isValidBin } from '../../shared/bin.js';

describe('isValidBin', () => {
  it.each(['971240001315' /* Kaspi Bank */, '200340001238', '990140000136'])('%s is a BIN', (bin) => {
    expect(isValidBin(bin)).toBe(true);
  });

  it.each(['200340001239', '200340001283', '990140000135', '12345678901', '1234567890123', '20034000123a', ''])('%j is not', (bin) => {
    expect(isValidBin(bin)).toBe(false);
  });

  it('uses the second weights when the first give 10', () => {
    // 11 digits whose first weighted sum is 10 modulo 11
    const first = '00000000010'; // 1 × 10 = 10
    const second = [...first].map(Number).reduce((sum, d, i) => sum + d * [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i]!, 0) % 11;
    expect(isValidBin(`${first}${second}`)).toBe(true);
    expect(isValidBin(`${first}${(second + 1) % 10}`)).toBe(false);
  });
});
