// Amounts in files → integer tiyn, digit by digit (never through a float for text).
// Accepts what banks write: "4 500,00" (space / NBSP / narrow NBSP groups), "4455.5", "-1 500,00",
// "−1 500,00" (U+2212), "(1 500,00)", "1.234.567,89", an optional ₸ / KZT / тг. Refuses ambiguity
// such as "1.234,5,6" or "12.000" (a thousands group, or three decimals?) and sub-tiyn precision such as "1,0050".

export type DecimalSeparator = '.' | ',' | 'auto';

export type AmountParse =
  /** `rounded`: sub-tiyn digits were rounded half-up (only when rounding was asked for). */
  | { ok: true; tiyn: number; rounded?: true }
  | { ok: false; code: 'bad_amount' | 'too_many_decimals' };

const BAD: AmountParse = { ok: false, code: 'bad_amount' };
const SUB_TIYN: AmountParse = { ok: false, code: 'too_many_decimals' };
const GROUP_SPACES = /[\s\u00a0\u202f\u2009\u2007']/g;
const CURRENCY = /^(?:₸|kzt|тг\.?|тенге)\s*|\s*(?:₸|kzt|тг\.?|тенге)$/gi;
/** 10^13 tenge = 10^15 tiyn, comfortably below 2^53. */
const MAX_WHOLE_DIGITS = 13;

function validGroups(integer: string, separator: string): boolean {
  const groups = integer.split(separator);
  if (groups.length === 1) return true;
  if (!/^\d{1,3}$/.test(groups[0]!)) return false;
  return groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function digitsToTiyn(whole: string, fraction: string, negative: boolean, round = false): AmountParse {
  if (whole === '' && fraction === '') return BAD;
  const subTiyn = /[1-9]/.test(fraction.slice(2));
  if (subTiyn && !round) return SUB_TIYN;
  const w = whole.replace(/^0+(?=\d)/, '');
  if (w.length > MAX_WHOLE_DIGITS) return BAD;
  // half-up on the magnitude: the first dropped digit decides
  const up = subTiyn && fraction.charCodeAt(2) >= 53 ? 1 : 0;
  const tiyn = Number(w || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0')) + up;
  if (!Number.isSafeInteger(tiyn)) return BAD;
  const signed = negative && tiyn !== 0 ? -tiyn : tiyn;
  return subTiyn ? { ok: true, tiyn: signed, rounded: true } : { ok: true, tiyn: signed };
}

/** The common spellings ("4 500,00", "-1485.5", "110860") without the general machinery. */
const SIMPLE = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,13})(?:([.,])(\d{1,2}))?$/;

/**
 * The SIMPLE spelling scanned by hand (a report has three or four amounts a row, 10^6 rows): the
 * tiyn, or undefined to let the general path decide (anything unusual, including every error).
 */
function scanSimple(text: string, decimal: DecimalSeparator): number | undefined {
  const n = text.length;
  let i = 0;
  const negative = n > 0 && text.charCodeAt(0) === 45; // '-'
  if (negative) i = 1;
  let whole = 0;
  let digits = 0;
  let lead = 0; // digits before the first group separator
  let run = -1; // digits since the last group separator; -1 = none seen yet
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      if (run === -1) lead++;
      else run++;
    } else if (c === 32 || c === 0xa0 || c === 0x202f) {
      if (run === -1 ? lead < 1 || lead > 3 : run !== 3) return undefined;
      run = 0;
    } else break;
  }
  if (digits === 0 || digits > 13 || (run !== -1 && run !== 3)) return undefined;
  let fraction = 0;
  if (i < n) {
    const c = text.charCodeAt(i);
    if ((c !== 44 && c !== 46) || (decimal !== 'auto' && c !== decimal.charCodeAt(0))) return undefined;
    const places = n - i - 1;
    if (places < 1 || places > 2) return undefined;
    const d1 = text.charCodeAt(i + 1) - 48;
    const d2 = places === 2 ? text.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
    fraction = d1 * 10 + d2;
  }
  const tiyn = whole * 100 + fraction;
  return negative && tiyn !== 0 ? -tiyn : tiyn;
}

/**
 * Parses an amount written as text. `decimal` = which separator is the decimal one ('auto' guesses).
 * `round`: sub-tiyn digits are rounded half-up (`rounded: true`) instead of refused.
 */
export function parseAmountText(text: string, decimal: DecimalSeparator = 'auto', round = false): AmountParse {
  const scanned = scanSimple(text, decimal);
  if (scanned !== undefined) return { ok: true, tiyn: scanned };
  const simple = SIMPLE.exec(text);
  if (simple && (simple[3] === undefined || decimal === 'auto' || simple[3] === decimal)) {
    return digitsToTiyn(simple[2]!.replace(/\D/g, ''), simple[4] ?? '', simple[1] === '-', round);
  }
  let s = text.trim();
  if (/[^\d\s.,+\-\u2212\u2013()\u00a0\u202f\u2009\u2007']/.test(s)) s = s.replace(CURRENCY, '').trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const sign = /^[-+\u2212\u2013]/.exec(s);
  if (sign) {
    if (negative) return BAD;
    negative = sign[0] !== '+';
    s = s.slice(1);
  }
  // Digits grouped by spaces group by threes: "4 50,00" is a typo, not 450 ₸ (as "1.23.456" is refused).
  const spacedWhole = /^[^.,]*/.exec(s)![0].trim();
  if (/[\s\u00a0\u202f\u2009\u2007']/.test(spacedWhole) && !validGroups(spacedWhole.replace(/[\s\u00a0\u202f\u2009\u2007']+/g, ' '), ' ')) return BAD;
  s = s.replace(GROUP_SPACES, '');
  if (!/^[\d.,]+$/.test(s)) return BAD;

  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let dec: '.' | ',' | null;
  if (decimal !== 'auto') {
    dec = decimal;
  } else if (dots > 0 && commas > 0) {
    dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  } else if (dots === 1 || commas === 1) {
    // One separator followed by exactly three digits ("12.000", "1,500") reads as a thousands group
    // to some and as decimals to others: a thousandfold error either way, so it is refused, not guessed.
    const sep = dots === 1 ? '.' : ',';
    if (/^\d{1,3}[.,]\d{3}$/.test(s)) return BAD;
    dec = sep;
  } else {
    dec = null; // none, or one separator repeated: grouping only ("1.234.567")
  }
  const group = dec === '.' ? ',' : dec === ',' ? '.' : dots > 0 ? '.' : ',';
  let whole = s;
  let fraction = '';
  if (dec !== null) {
    const parts = s.split(dec);
    if (parts.length > 2) return BAD;
    whole = parts[0]!;
    fraction = parts[1] ?? '';
    if (fraction.includes(group) || (parts.length === 2 && fraction === '' && whole === '')) return BAD;
  }
  if (!validGroups(whole, group)) return BAD;
  whole = whole.split(group).join('');
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction)) return BAD;
  return digitsToTiyn(whole, fraction, negative, round);
}

/**
 * A spreadsheet number (a double) → tiyn. Spreadsheet arithmetic leaves float noise
 * (4455.449999999999), so near-integers of tiyn are accepted; a real third decimal is not.
 */
export function amountFromSpreadsheetNumber(value: number, round = false): AmountParse {
  if (!Number.isFinite(value)) return BAD;
  const scaled = value * 100;
  const tiyn = Math.round(scaled);
  const tolerance = Math.max(1e-6, Math.abs(scaled) * 1e-13);
  if (Math.abs(scaled - tiyn) > tolerance) return round ? roundedNumber(value) : SUB_TIYN;
  if (!Number.isSafeInteger(tiyn) || Math.abs(tiyn) >= 10 ** (MAX_WHOLE_DIGITS + 2)) return BAD;
  return { ok: true, tiyn: tiyn === 0 ? 0 : tiyn };
}

/** A number with sub-tiyn digits, rounded half-up through its shortest decimal text (42.325 → 42.33). */
function roundedNumber(value: number): AmountParse {
  const plain = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (plain) return digitsToTiyn(plain[2]!, plain[3] ?? '', plain[1] === '-', true);
  return /^-?\d(?:\.\d+)?e-\d+$/.test(String(value)) ? { ok: true, tiyn: 0, rounded: true } : BAD;
}

/**
 * A JSON number (tenge) → tiyn, exactly: through its shortest decimal text, so 0.1 + 0.2 is refused
 * (it prints as 0.30000000000000004) while 50000.5 and 1e3 are fine.
 */
export function amountFromJsonNumber(value: number): AmountParse {
  if (!Number.isFinite(value)) return BAD;
  const text = String(value);
  const plain = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (plain) return digitsToTiyn(plain[2]!, plain[3] ?? '', plain[1] === '-');
  if (Number.isSafeInteger(value)) return digitsToTiyn(String(Math.abs(value)), '', value < 0);
  const exp = /^-?\d(?:\.\d+)?e-\d+$/.exec(text);
  return exp ? SUB_TIYN : BAD;
}
