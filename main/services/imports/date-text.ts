// Dates and times as banks write them: 'dd.mm.yyyy', 'dd.mm.yy', 'yyyy-mm-dd', 'dd/mm/yyyy',
// an optional ' HH:MM[:SS]' after the date, MT940 'YYMMDD', Excel serial numbers and exceljs Date
// cells. Everything is a local (Almaty) wall clock; impossible dates such as 31.02.2025 are refused.
import { hms, isValidHms, isValidYmd, ymd } from '../../../shared/almaty-time.js';

export const DATE_FORMATS = ['dd.mm.yyyy', 'yyyy-mm-dd', 'dd/mm/yyyy', 'dd.mm.yy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface LocalDateTime {
  /** 'yyyy-mm-dd' */
  date: string;
  /** 'HH:MM:SS' when the text carried a time. */
  time?: string;
}

/** US order, never guessed: only when a report's slash dates were found month-first (slash-order.ts). */
export type MonthFirstFormat = 'mm/dd/yyyy';

const PATTERNS: Record<DateFormat | MonthFirstFormat, RegExp> = {
  'dd.mm.yyyy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})/,
  'dd.mm.yy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{2})(?!\d)/,
  'yyyy-mm-dd': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})/,
  'dd/mm/yyyy': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})/,
  'mm/dd/yyyy': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})/,
};

const SLASH_PARTS = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}/;

/** The first two numbers of a slash date ('3/14/2025' → [3, 14]), or null. */
export function slashDateParts(text: string): [number, number] | null {
  const m = SLASH_PARTS.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;

export function expandYear(twoDigits: number): number {
  return twoDigits < 80 ? 2000 + twoDigits : 1900 + twoDigits;
}

const digit = (text: string, at: number): number => {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -100;
};

/** 'HH:MM[:SS]' → 'HH:MM:SS', or null. */
export function parseTimeText(text: string): string | null {
  if (text.length === 8 && text.charCodeAt(2) === 58 && text.charCodeAt(5) === 58) {
    // the usual 'HH:MM:SS', without the regex
    const h = digit(text, 0) * 10 + digit(text, 1);
    const mi = digit(text, 3) * 10 + digit(text, 4);
    const s = digit(text, 6) * 10 + digit(text, 7);
    if (h >= 0 && mi >= 0 && s >= 0) return isValidHms(h, mi, s) ? text : null;
  }
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return isValidHms(h, mi, s) ? hms(h, mi, s) : null;
}

/**
 * A date (with an optional time after a space or 'T') in the given format, or in any known format
 * when `format` is 'auto'. Null when it is not a real calendar date.
 */
export function parseDateText(text: string, format: DateFormat | MonthFirstFormat | 'auto' = 'auto'): LocalDateTime | null {
  if (format !== 'auto') return parseDateUncached(text, format);
  // Files repeat the same few dates on every row: remember the answers (bounded; results are frozen).
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseDateUncached(text, 'auto');
  if (dateCache.size >= DATE_CACHE_SIZE) dateCache.clear();
  dateCache.set(text, parsed === null ? null : Object.freeze(parsed));
  return parsed;
}

const DATE_CACHE_SIZE = 4096;
const dateCache = new Map<string, LocalDateTime | null>();

function parseDateUncached(text: string, format: DateFormat | MonthFirstFormat | 'auto'): LocalDateTime | null {
  const s = text.trim();
  const formats: readonly (DateFormat | MonthFirstFormat)[] = format === 'auto' ? DATE_FORMATS : [format];
  for (const f of formats) {
    const m = PATTERNS[f].exec(s);
    if (!m?.groups) continue;
    const yearText = m.groups.y!;
    const year = yearText.length === 2 ? expandYear(Number(yearText)) : Number(yearText);
    const month = Number(m.groups.m);
    const day = Number(m.groups.d);
    if (!isValidYmd(year, month, day)) return null;
    const rest = s.slice(m[0].length);
    const date = ymd(year, month, day);
    if (rest.trim() === '') return { date };
    if (!/^[ T]/.test(rest)) return null;
    const time = parseTimeText(rest.slice(1));
    return time === null ? null : { date, time };
  }
  return null;
}

/** MT940 'YYMMDD' → 'yyyy-mm-dd'. */
export function parseYymmdd(text: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [expandYear(Number(m[1])), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? ymd(y, mo, d) : null;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A JS Date's UTC fields are the wall clock (exceljs reads and writes dates that way). */
export function wallClockOfDate(value: Date): LocalDateTime | null {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) return null;
  const d = new Date(Math.round(ms / 1000) * 1000);
  const [y, mo, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const time = hms(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  if (y === 1899 || y === 1900) return { date: '', time }; // a time-only cell (Excel day 0)
  return isValidYmd(y, mo, day) ? { date: ymd(y, mo, day), time } : null;
}

/** Excel serial day number (fraction = time of day) → wall clock. Plausible range only. */
export function wallClockOfSerial(serial: number): LocalDateTime | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (serial < 1) return wallClockOfDate(new Date(EXCEL_EPOCH_MS + serial * DAY_MS));
  if (serial < 32874 || serial > 73051) return null; // 1990-01-01 … 2100-01-01
  return wallClockOfDate(new Date(EXCEL_EPOCH_MS + serial * DAY_MS));
}
