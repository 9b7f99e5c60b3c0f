import { describe, expect, it } from 'vitest';
import { formatTenge, groupDigits, isValidSaleAmount, kaspiTengeToTiyn, parseAmountInput, tengeToTiyn, tiynToTenge, MAX_SALE_TIYN } from '../../shared/money.js';

describe('parseAmountInput', () => {
  it.each([
    ['4500', 450000],
    ['4 500', 450000],
    ['4\u00a0500', 450000],
    ['4\u202f500,5', 450050],
    ['4500,50', 450050],
    ['4500.05', 450005],
    ['0,01', 1],
    ['0', 0],
  ])('%s -> %i tiyn', (text, tiyn) => {
    expect(parseAmountInput(text)).toBe(tiyn);
  });

  it.each(['', ' ', '-5', '1.234,5,6', '12,345', '4500,', 'abc', '1e5', '4 500 ₸', '0x10', '99999999999999'])(
    'refuses %j',
    (text) => {
      expect(parseAmountInput(text)).toBeNull();
    },
  );
});

describe('formatTenge', () => {
  it('groups like ru-KZ and shows kopecks only when present', () => {
    expect(formatTenge(450000).replace(/\s/g, ' ')).toBe('4 500 ₸');
    expect(formatTenge(450050).replace(/\s/g, ' ')).toBe('4 500,50 ₸');
    expect(formatTenge(105).replace(/\s/g, ' ')).toBe('1,05 ₸');
    expect(formatTenge(-150000).replace(/\s/g, ' ')).toBe('−1 500 ₸');
    expect(formatTenge(123456789_00).replace(/\s/g, ' ')).toBe('123 456 789 ₸');
    expect(formatTenge(123456789_00)).toBe('123\u00a0456\u00a0789\u00a0₸'); // never wraps inside an amount
  });
  it('refuses fractional tiyn', () => {
    expect(() => formatTenge(1.5)).toThrow(RangeError);
  });
  it('groups typed digits', () => {
    expect(groupDigits('4500').replace(/\s/g, ' ')).toBe('4 500');
    expect(groupDigits('1234567').replace(/\s/g, ' ')).toBe('1 234 567');
  });
});

describe('Kaspi tenge <-> tiyn', () => {
  it('round-trips exactly', () => {
    for (const tiyn of [1, 10, 99, 100, 450000, 450050, 12345678901, MAX_SALE_TIYN]) {
      expect(tengeToTiyn(tiynToTenge(tiyn))).toBe(tiyn);
    }
    expect(tengeToTiyn(0.1 + 0.2)).toBe(30);
    expect(tengeToTiyn('4500.00')).toBe(450000);
    expect(tengeToTiyn('-1500.5')).toBe(-150050);
  });
  it('refuses sub-tiyn precision and junk', () => {
    expect(() => tengeToTiyn(1.005)).toThrow(RangeError);
    expect(() => tengeToTiyn('12,5')).toThrow(RangeError);
    expect(() => tengeToTiyn(Number.NaN)).toThrow(RangeError);
  });
  it('reads a Kaspi Double printed with binary noise as its tiyn, never a real sub-tiyn amount', () => {
    expect(kaspiTengeToTiyn('100.20000000000002')).toBe(10020); // 200.30 − 100.10 at Kaspi
    expect(kaspiTengeToTiyn('0.19999999999999998')).toBe(20);
    expect(kaspiTengeToTiyn('4500.0000000000009')).toBe(450000);
    expect(kaspiTengeToTiyn('-0.19999999999999998')).toBe(-20);
    expect(kaspiTengeToTiyn('99.99999999999999')).toBe(10000);
    expect(kaspiTengeToTiyn('4500.5')).toBe(450050);
    expect(kaspiTengeToTiyn(100.20000000000002)).toBe(10020);
    expect(() => kaspiTengeToTiyn('50.049')).toThrow(RangeError);
    expect(() => kaspiTengeToTiyn('50.0051')).toThrow(RangeError);
    expect(() => kaspiTengeToTiyn('1e3')).toThrow(RangeError);
  });
  it('validates sale amounts', () => {
    expect(isValidSaleAmount(1)).toBe(true);
    expect(isValidSaleAmount(0)).toBe(false);
    expect(isValidSaleAmount(-1)).toBe(false);
    expect(isValidSaleAmount(1.5)).toBe(false);
    expect(isValidSaleAmount(MAX_SALE_TIYN + 1)).toBe(false);
  });
});
