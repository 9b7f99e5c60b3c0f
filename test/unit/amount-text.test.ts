// What the cashier types into an amount field, normalised and warned about: nothing is cut without a
// word (decimals, digits beyond the 12, a minus or letters), and leading zeros are no digits.
import { describe, expect, it } from 'vitest';
import { amountWarned, amountWarning, normalizeAmountText, SIGNS_DROPPED, TOO_MANY_DIGITS } from '../../renderer/src/cashier/amount-text.js';
import { parseAmountInput } from '../../shared/money.js';

describe('the typed amount', () => {
  it('leading zeros do not count toward the 12 digits: a pasted 000000000001500 is 1 500 ₸, unwarned', () => {
    expect(normalizeAmountText('000000000001500')).toBe('1500');
    expect(parseAmountInput(normalizeAmountText('000000000001500'))).toBe(150_000);
    expect(amountWarning('000000000001500')).toBeNull();
    expect(normalizeAmountText('0,5')).toBe('0,5');
    expect(normalizeAmountText('00,50')).toBe('0,50');
    expect(normalizeAmountText('0')).toBe('0');
  });

  it('whole digits beyond 12 are warned about, and the warning holds the charge', () => {
    expect(normalizeAmountText('12345678901234')).toBe('123456789012');
    expect(amountWarning('12345678901234')).toBe(TOO_MANY_DIGITS);
    expect(amountWarned(TOO_MANY_DIGITS)).toBe(true);
    expect(amountWarning('123456789012')).toBeNull();
    expect(amountWarning('000123456789012,50')).toBeNull();
  });

  it('the currency after an amount is no letter to warn about ("4 500 ₸", as Kassa shows amounts); a minus is', () => {
    expect(amountWarning('4\u00a0500 ₸')).toBeNull();
    expect(amountWarning('4500 тг.')).toBeNull();
    expect(amountWarning('4500 KZT')).toBeNull();
    expect(amountWarning('-4500 ₸')).toBe(SIGNS_DROPPED);
    expect(amountWarning('₸ 4500')).toBe(SIGNS_DROPPED);
    // and the amount is what the digits say: the period of "тг." is no decimal point
    expect(normalizeAmountText('4 500 тг.')).toBe('4500');
    expect(normalizeAmountText('4 500,50 тг.')).toBe('4500,50');
    expect(normalizeAmountText('4500.5 KZT')).toBe('4500,5');
  });

  it('a dropped minus warns until the amount is typed again: emptied, or typed over whole', () => {
    const warned = amountWarning('-500');
    expect(warned).toBe(SIGNS_DROPPED);
    expect(amountWarning('5000', warned)).toBe(SIGNS_DROPPED); // typing on
    expect(amountWarning('', warned)).toBeNull(); // emptied
    expect(amountWarning('5', warned, true)).toBeNull(); // Ctrl+A, then typed
  });
});
