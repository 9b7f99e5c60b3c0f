// Kaspi's number forms on the wire: tenge with exactly two decimals, Int64 ids as bare digits.
import { describe, expect, it } from 'vitest';
import { int64, tenge, toWireJson } from '../../../main/services/kaspi/simulator/sim-json.js';

describe('toWireJson', () => {
  it.each([
    [450_000, '4500.00'],
    [450_050, '4500.50'],
    [1, '0.01'],
    [0, '0.00'],
    [-150, '-1.50'],
    [10_000_000_000, '100000000.00'],
  ])('tenge(%i tiyn) -> %s', (tiyn, text) => {
    expect(toWireJson({ Amount: tenge(tiyn) })).toBe(`{"Amount":${text}}`);
    expect(JSON.parse(toWireJson(tenge(tiyn)))).toBe(tiyn / 100);
  });

  it('writes Int64 ids as bare digits, even beyond 2^53', () => {
    expect(toWireJson({ QrPaymentId: int64('13000000101') })).toBe('{"QrPaymentId":13000000101}');
    expect(toWireJson([int64('9223372036854775807')])).toBe('[9223372036854775807]');
    expect(() => int64('12a')).toThrow();
  });

  it('is JSON.stringify otherwise: escapes, nesting, undefined fields skipped, null kept', () => {
    const value = { a: 'кав"ычки\n', b: [1, true, null, { c: undefined, d: 2.5 }], e: undefined, f: null };
    expect(toWireJson(value)).toBe(JSON.stringify(value));
  });

  it('plain JSON.stringify of the markers still gives numbers (demo mode in-process)', () => {
    expect(JSON.stringify({ A: tenge(450_000), I: int64('13000000101') })).toBe('{"A":4500,"I":13000000101}');
  });

  it('refuses a non-integer tiyn amount', () => {
    expect(() => tenge(1.5)).toThrow(RangeError);
  });
});
