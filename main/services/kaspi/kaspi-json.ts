// Kaspi JSON without losing digits: Int64 ids beyond 2^53 stay decimal strings, and every decimal
// (amounts in tenge) stays a string so tenge -> tiyn is exact. Outgoing ids are written as numbers.
import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

function parseNumber(text: string): number | string {
  if (/^-?\d+$/.test(text)) return isSafeNumber(text) ? Number(text) : text;
  return text;
}

/** A byte-order mark before the JSON (some proxies and Windows servers add one) is no reason to fail. */
export function parseKaspiJson(text: string): unknown {
  return parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, null, parseNumber);
}

/** An Int64 id as a JSON number, whatever its size. */
export function int64(id: string): LosslessNumber {
  return new LosslessNumber(id);
}

/** A tenge amount from integer tiyn, as a JSON number with the exact decimal digits ("4500.5"). */
export function tengeNumber(tiyn: number): LosslessNumber {
  const sign = tiyn < 0 ? '-' : '';
  const abs = Math.abs(tiyn);
  const fraction = abs % 100;
  return new LosslessNumber(`${sign}${Math.floor(abs / 100)}${fraction === 0 ? '' : `.${String(fraction).padStart(2, '0')}`}`);
}

export function stringifyKaspiJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
