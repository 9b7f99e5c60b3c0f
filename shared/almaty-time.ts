// Kazakhstan time (Asia/Almaty) ↔ ISO strings with the right offset, for Kaspi's API and for imports. Kazakhstan moved to a single UTC+5 on
// 2024-03-01 00:00 local time (clocks went back to 23:00 on 29 Feb): before that Almaty was UTC+6.
// Simplifications: Almaty's summer time (abolished 2005) is ignored — imports do not reach that far;
// the repeated hour 2024-02-29 23:00–23:59 is read as its first occurrence (+06:00).

/** First wall-clock moment on UTC+5. */
const SWITCH_LOCAL = '2024-03-01T00:00:00';
/** The same moment in UTC (00:00 at +06:00). */
const SWITCH_UTC_MS = Date.UTC(2024, 1, 29, 18, 0, 0);

export type AlmatyOffset = '+05:00' | '+06:00';

/** Offset of a local Almaty wall-clock time ('yyyy-mm-dd', 'HH:MM:SS'). */
export function almatyOffset(date: string, time = '00:00:00'): AlmatyOffset {
  return `${date}T${time}` < SWITCH_LOCAL ? '+06:00' : '+05:00';
}

/** '2025-03-01', '10:15:02' → '2025-03-01T10:15:02+05:00'. Inputs must already be valid. */
export function almatyIso(date: string, time = '00:00:00'): string {
  return `${date}T${time}${almatyOffset(date, time)}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  if (month === 2) return day <= ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28);
  return day <= DAYS_IN_MONTH[month - 1]!;
}

export function isValidHms(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function ymd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function hms(hour: number, minute: number, second: number): string {
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** The calendar day after a yyyy-mm-dd day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** An instant (epoch ms) as Kaspi writes it: "2025-03-01T10:18:02+05:00" (or with milliseconds). */
export function toAlmatyIso(utcMs: number, withMillis = false): string {
  const offsetHours = utcMs < SWITCH_UTC_MS ? 6 : 5;
  const wall = new Date(utcMs + offsetHours * 3_600_000);
  const date = ymd(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
  const time = hms(wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
  const ms = withMillis ? `.${pad(wall.getUTCMilliseconds(), 3)}` : '';
  return `${date}T${time}${ms}+0${offsetHours}:00`;
}

const LENIENT_ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Lenient ISO → Almaty ISO with offset. Accepts '2025-03-01', '2025-03-01 10:15',
 * '2025-03-01T10:15:02.123', with 'Z', '+05:00', '+0500' or '+05'. Without an offset the text is an
 * Almaty wall clock; with one, the instant is converted to Almaty. Null when not a real date/time.
 */
export function parseLenientIso(text: string): string | null {
  const m = LENIENT_ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!isValidYmd(year, month, day) || !isValidHms(hour, minute, second)) return null;
  const zone = m[7];
  if (zone === undefined) return almatyIso(ymd(year, month, day), hms(hour, minute, second));
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  return toAlmatyIso(ms);
}
