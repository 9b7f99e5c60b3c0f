// The typed amount as text: what the cashier typed, normalised ("4500,5"), and how it is shown
// ("4 500,5" with grouped thousands). Parsing to tiyn is shared/money's parseAmountInput.
import { groupDigits } from '../../../shared/money.js';

const MAX_WHOLE_DIGITS = 12;

/**
 * Keeps digits and the first "," or "." (as ","), at most two decimals and 12 whole digits (leading
 * zeros do not count: a pasted "000000001500" is 1500); drops everything else.
 */
export function normalizeAmountText(text: string): string {
  const raw = withoutCurrency(text); // the period of "4 500 тг." is no decimal point
  let whole = '';
  let fraction: string | null = null;
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') {
      if (fraction === null) {
        if (whole === '0') whole = '';
        if (whole.length < MAX_WHOLE_DIGITS) whole += ch;
      } else if (fraction.length < 2) {
        fraction += ch;
      }
    } else if ((ch === ',' || ch === '.') && fraction === null) {
      fraction = '';
    }
  }
  if (fraction !== null && whole === '') whole = '0';
  return fraction === null ? whole : `${whole},${fraction}`;
}

/** True when `raw` has more whole digits (leading zeros aside) than normalizeAmountText keeps: never cut silently. */
export function dropsDigits(raw: string): boolean {
  const whole = (raw.split(/[,.]/)[0] ?? '').replace(/\D/g, '').replace(/^0+/, '');
  return whole.length > MAX_WHOLE_DIGITS;
}

/**
 * True when `raw` has a third digit after its "," / "." that normalizeAmountText drops: "12,345"
 * may be 12 345 ₸ typed with a thousands comma, so the cashier is told instead of charged 12,34 ₸.
 */
export function dropsDecimals(raw: string): boolean {
  const at = raw.search(/[,.]/);
  return at >= 0 && (raw.slice(at + 1).match(/\d/g)?.length ?? 0) > 2;
}

/**
 * True when `raw` holds a sign normalizeAmountText drops ("-5", "1e5", "5 тг"): the amount left may
 * not be the one meant (a minus for a refund, say), so the cashier is told instead of charged.
 */
export function dropsSigns(raw: string): boolean {
  return /[^\d.,\s\u00a0\u202f]/.test(withoutCurrency(raw));
}

/** The currency after an amount ("4 500 ₸", as Kassa itself shows amounts; "4 500 тг.") changes nothing. */
function withoutCurrency(raw: string): string {
  return raw.replace(/\s*(₸|тг\.?|тенге|kzt)\s*$/i, '');
}

/** The warning dropsDecimals raises; while it shows, the cut amount is never charged or refunded. */
export const TOO_MANY_DECIMALS = { kind: 'message', key: 'sale.tooManyDecimals' } as const;
/** The warning dropsSigns raises; it holds the charge the same way. */
export const SIGNS_DROPPED = { kind: 'message', key: 'sale.signsDropped' } as const;
/** The warning dropsDigits raises. */
export const TOO_MANY_DIGITS = { kind: 'message', key: 'sale.tooManyDigits' } as const;

type AmountWarning = typeof TOO_MANY_DECIMALS | typeof TOO_MANY_DIGITS | typeof SIGNS_DROPPED;
const WARNING_KEYS: readonly string[] = [TOO_MANY_DECIMALS.key, TOO_MANY_DIGITS.key, SIGNS_DROPPED.key];

/**
 * The warning, if any, for what was typed into the amount (dropped decimals first). A dropped sign
 * leaves no trace in the field ("-5" shows as "5"), so its warning stays until the amount is typed
 * again, knowingly: the field emptied, or `retyped` — all of it typed or pasted over at once.
 */
export function amountWarning(raw: string, previous: { kind: string; key?: string } | null = null, retyped = false): AmountWarning | null {
  if (dropsDecimals(raw)) return TOO_MANY_DECIMALS;
  if (dropsDigits(raw)) return TOO_MANY_DIGITS;
  const signWarned = !retyped && previous?.kind === SIGNS_DROPPED.kind && previous.key === SIGNS_DROPPED.key;
  return dropsSigns(raw) || (signWarned && normalizeAmountText(raw) !== '') ? SIGNS_DROPPED : null;
}

/** Whether the error line holds an amount warning: the amount shown is then not charged. */
export function amountWarned(error: { kind: string; key?: string } | null): boolean {
  return error?.kind === 'message' && WARNING_KEYS.includes(error.key ?? '');
}

/** The normalised amount ends in its "," ("5,"): the tiyn were not typed yet (5,50 meant?), so it is not taken as 5 ₸. */
export const UNFINISHED_TIYN = { kind: 'message', key: 'amount.unfinishedTiyn' } as const;
export function endsWithComma(text: string): boolean {
  return text.endsWith(',');
}

export function displayAmountText(text: string): string {
  const [whole = '', fraction] = text.split(',');
  return fraction === undefined ? groupDigits(whole) : `${groupDigits(whole)},${fraction}`;
}

/** One key typed outside the input: a digit, "," / ".", or Backspace. */
export function applyAmountKey(text: string, key: string): string {
  if (key === 'Backspace') return text.slice(0, -1);
  return normalizeAmountText(text + key);
}

/** 150050 tiyn -> "1500,5"-style text the amount fields start from ("1500,50", or "1500" when whole). */
export function tiynToAmountText(tiyn: number): string {
  const whole = Math.floor(tiyn / 100);
  const fraction = tiyn % 100;
  return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(2, '0')}`;
}
