// Money is an integer number of tiyn everywhere inside Kassa (1 ₸ = 100 tiyn).
// Conversions to user text and to Kaspi's decimal tenge live here and nowhere else.

export type Tiyn = number;

/** Largest amount a single sale may carry: 100 000 000 ₸. Far above any till sale, far below 2^53. */
export const MAX_SALE_TIYN = 100_000_000 * 100;

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * Parses what a cashier or a file writes: "4 500", "4500,50", "4 500.5", "4\u00a0500,00".
 * Returns null for anything that is not a plain non-negative amount with at most two decimals.
 */
export function parseAmountInput(text: string): Tiyn | null {
  const compact = text.replace(SPACES, '');
  const match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = match[2] === undefined ? 0 : Number(match[2].padEnd(2, '0'));
  const tiyn = whole * 100 + fraction;
  return Number.isSafeInteger(tiyn) ? tiyn : null;
}

export function isValidSaleAmount(tiyn: Tiyn): boolean {
  return Number.isSafeInteger(tiyn) && tiyn > 0 && tiyn <= MAX_SALE_TIYN;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(fractionDigits: number): Intl.NumberFormat {
  const key = String(fractionDigits);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('ru-KZ', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f;
}

/** "4 500 ₸", "4 500,50 ₸", "−1 500 ₸" — ru-KZ grouping, kopecks shown only when present. */
export function formatTenge(tiyn: Tiyn): string {
  if (!Number.isSafeInteger(tiyn)) throw new RangeError(`not an integer tiyn amount: ${tiyn}`);
  const abs = Math.abs(tiyn);
  const hasFraction = abs % 100 !== 0;
  const text = hasFraction
    ? `${formatter(0).format(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}`
    : formatter(0).format(abs / 100);
  return `${tiyn < 0 ? '−' : ''}${text}\u00a0₸`; // no line break before the sign
}

/** The digits a cashier typed so far, grouped for display ("4500" -> "4 500"). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** Kaspi's API speaks decimal tenge (a JSON Double with two decimals). */
export function tiynToTenge(tiyn: Tiyn): number {
  if (!Number.isSafeInteger(tiyn)) throw new RangeError(`not an integer tiyn amount: ${tiyn}`);
  return tiyn / 100;
}

/**
 * Kaspi's amounts are JSON Doubles: one computed there (a total minus refunds) can arrive printed with
 * binary noise, 100.20000000000002 or 0.19999999999999998. Within a millionth of a tenge of a whole
 * tiyn it is that tiyn; a real sub-tiyn amount (50.049) is still refused.
 */
export function kaspiTengeToTiyn(tenge: number | string): Tiyn {
  if (typeof tenge === 'number') return tengeToTiyn(tenge); // toFixed(6) already drops the noise
  const match = /^(-?\d+\.\d{2})(\d{3,})$/.exec(tenge.trim());
  if (!match) return tengeToTiyn(tenge);
  const rest = Number(`0.${match[2]}`); // the part of a tiyn beyond the second decimal
  if (rest > 1e-4 && rest < 1 - 1e-4) throw new RangeError(`tenge amount has sub-tiyn precision: ${tenge}`);
  const tiyn = tengeToTiyn(match[1]!);
  return rest <= 1e-4 ? tiyn : match[1]!.startsWith('-') ? tiyn - 1 : tiyn + 1;
}

/** Exact conversion of a decimal tenge value (number or string) back to tiyn; refuses sub-tiyn precision. */
export function tengeToTiyn(tenge: number | string): Tiyn {
  const text = typeof tenge === 'number' ? tenge.toFixed(6) : tenge.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a tenge amount: ${tenge}`);
  const fraction = (match[3] ?? '').padEnd(2, '0');
  if (/[1-9]/.test(fraction.slice(2))) throw new RangeError(`tenge amount has sub-tiyn precision: ${tenge}`);
  const tiyn = Number(match[2]) * 100 + Number(fraction.slice(0, 2));
  if (!Number.isSafeInteger(tiyn)) throw new RangeError(`tenge amount out of range: ${tenge}`);
  return match[1] === '-' ? -tiyn : tiyn;
}
