// Amounts, dates and ids at their edges — cases mutation testing found unpinned: the whole-digit
// limit, a sign inside brackets, spreadsheet float noise against a real third decimal, two-digit
// years of the 1990s, junk between a date and its time, a second rounded from exceljs, offsets west
// of Greenwich, day 0, the year 2100, and the escaping that keeps id components apart.
import { describe, expect, it } from 'vitest';
import { parseLenientIso } from '../../../shared/almaty-time.js';
import { amountFromJsonNumber, amountFromSpreadsheetNumber, parseAmountText } from '../../../main/services/imports/amount-text.js';
import { parseDateText, parseTimeText, parseYymmdd, wallClockOfDate } from '../../../main/services/imports/date-text.js';
import { joinId } from '../../../main/services/imports/external-id.js';

describe('amounts', () => {
  it('more than 13 whole digits is refused, also when grouped (10^13 tenge is the limit)', () => {
    expect(parseAmountText('1 234 567 890 123,45')).toEqual({ ok: true, tiyn: 123_456_789_012_345 });
    expect(parseAmountText('12 345 678 901 234,00')).toEqual({ ok: false, code: 'bad_amount' });
    expect(parseAmountText('12.345.678.901.234,00')).toEqual({ ok: false, code: 'bad_amount' });
  });

  it('a sign inside brackets is a second sign: refused, not read as negative or positive', () => {
    expect(parseAmountText('(1 500,00)')).toEqual({ ok: true, tiyn: -150_000 });
    expect(parseAmountText('(-1 500,00)')).toEqual({ ok: false, code: 'bad_amount' });
    expect(parseAmountText('(+1 500,00)')).toEqual({ ok: false, code: 'bad_amount' });
    expect(parseAmountText('(\u22121 500,00)')).toEqual({ ok: false, code: 'bad_amount' });
  });

  it('a spreadsheet number with a real sub-tiyn part is not taken for float noise', () => {
    expect(amountFromSpreadsheetNumber(4455.449999999999)).toEqual({ ok: true, tiyn: 445_545 }); // noise
    expect(amountFromSpreadsheetNumber(12.34005)).toEqual({ ok: false, code: 'too_many_decimals' });
    expect(amountFromSpreadsheetNumber(0.00001)).toEqual({ ok: false, code: 'too_many_decimals' });
    expect(amountFromSpreadsheetNumber(12.34005, true)).toEqual({ ok: true, tiyn: 1_234, rounded: true });
  });

  it('a JSON number too small for plain digits (1e-7) is sub-tiyn, not zero', () => {
    expect(amountFromJsonNumber(1e-7)).toEqual({ ok: false, code: 'too_many_decimals' });
    expect(amountFromJsonNumber(-5e-7)).toEqual({ ok: false, code: 'too_many_decimals' });
  });
});

describe('dates and times', () => {
  it('two-digit years from 80 are the 1900s: 95 is 1995, 85 is before the imports reach (refused), 79 is 2079', () => {
    expect(parseDateText('15.06.95')).toEqual({ date: '1995-06-15' });
    expect(parseDateText('15.06.85')).toBeNull();
    expect(parseDateText('15.06.79')).toEqual({ date: '2079-06-15' });
    expect(parseYymmdd('991231')).toBe('1999-12-31');
  });

  it('a time must follow the date after a space or "T": glued or joined by other characters it is refused', () => {
    expect(parseDateText('01.03.2025 10:15')).toEqual({ date: '2025-03-01', time: '10:15:00' });
    expect(parseDateText('01.03.202510:15')).toBeNull(); // not 01.03.2025 at 00:15
    expect(parseDateText('01.03.2025_10:15:02')).toBeNull();
    expect(parseDateText('2025-03-01/10:15:02')).toBeNull();
  });

  it('an impossible time after a valid date makes the whole text invalid, not a date without its time', () => {
    expect(parseDateText('01.03.2025 25:00')).toBeNull();
    expect(parseDateText('01.03.2025 10:61:00')).toBeNull();
    expect(parseDateText('01.03.2025 kofe')).toBeNull();
  });

  it('a time with anything after it (an AM/PM marker) is refused, never read as the morning', () => {
    expect(parseTimeText('02:15:00 PM')).toBeNull();
    expect(parseTimeText('2:15 PM')).toBeNull();
    expect(parseTimeText('10:15:02.5')).toBe('10:15:02');
    expect(parseDateText('01.03.2025 02:15:00 PM')).toBeNull();
    expect(parseDateText('2025-03-01T10:15:02Z')).toBeNull();
  });

  it('an exceljs date a hair before the second (float noise) is rounded to it, not cut', () => {
    expect(wallClockOfDate(new Date('2025-03-01T10:15:01.999Z'))).toEqual({ date: '2025-03-01', time: '10:15:02' });
    expect(wallClockOfDate(new Date('2025-03-01T23:59:59.600Z'))).toEqual({ date: '2025-03-02', time: '00:00:00' });
    expect(wallClockOfDate(new Date('2025-03-01T10:15:02.400Z'))).toEqual({ date: '2025-03-01', time: '10:15:02' });
  });

  it('day 0 is no date', () => {
    expect(parseDateText('00.03.2025')).toBeNull();
    expect(parseDateText('2025-03-00')).toBeNull();
    expect(parseYymmdd('250300')).toBeNull();
  });

  it('2100 is not a leap year, 2000 is', () => {
    expect(parseDateText('29.02.2100')).toBeNull();
    expect(parseDateText('28.02.2100')).toEqual({ date: '2100-02-28' });
    expect(parseDateText('29.02.2000')).toEqual({ date: '2000-02-29' });
  });

  it('lenient ISO: an offset west of Greenwich is behind UTC', () => {
    expect(parseLenientIso('2025-03-01T02:15:02-03:00')).toBe('2025-03-01T10:15:02+05:00');
    expect(parseLenientIso('2025-02-28T20:00:00-0500')).toBe('2025-03-01T06:00:00+05:00');
    expect(parseLenientIso('2025-03-01T10:15:02+03:00')).toBe('2025-03-01T12:15:02+05:00');
  });
});

describe('ids', () => {
  it('components are escaped, so a "|" inside one never makes two different rows one id', () => {
    expect(joinId('1c', 'a|b', 'c')).not.toBe(joinId('1c', 'a', 'b|c'));
    expect(joinId('x', '100%|#7')).toBe('x|100%25%7C%237');
    expect(joinId('x', 'plain', 42)).toBe('x|plain|42');
  });
});
