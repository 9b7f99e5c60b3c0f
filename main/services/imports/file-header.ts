// What a file says about itself, for the preview: the Kaspi report's metadata rows (period, BIN,
// shop name), a 1C statement's period, accounts and owner's BIN, an MT940 file's period and accounts. The manager sees at a
// glance that this is the right shop and month before importing anything.
import { nextDay } from '../../../shared/almaty-time.js';
import type { FileHeader, ImportFormat } from '../../../shared/import-domain.js';
import type { Mt940Meta, Mt940Statement } from './mt940-parser.js';
import type { SalesReportMeta } from './sales-report-parser.js';
import type { Statement1cMeta } from './statement-1c-parser.js';

const MAX_ACCOUNTS = 10;

const clip = (text: string | null | undefined, max: number): string | null => (text ? text.slice(0, max) : null);
const isYmd = (text: string | null | undefined): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);

/**
 * A BIN/IIN as 12 digits when the text holds one: spaces and trailing words dropped, and the
 * leading zero a spreadsheet cell stored as a number lost put back. Any other text is kept as
 * written (shown, never compared).
 */
function normalizedBin(text: string): string {
  const digits = /^\s*(\d[\d\s]*\d)\b/.exec(text)?.[1]?.replace(/\s/g, '') ?? '';
  if (digits.length === 12) return digits;
  if (digits.length === 11) return `0${digits}`;
  return text.slice(0, 20);
}

/**
 * The days an MT940 file covers. A statement's opening balance (:60F:) is dated, as SWIFT has it, the
 * previous statement's closing day: its own days begin the day after — or earlier, on its first entry,
 * or on that date when it also closes on it (a one-day statement). Null unless every statement has both balances.
 */
function mt940Period(statements: readonly Mt940Statement[]): { periodFrom: string | null; periodTo: string | null } {
  if (statements.length === 0 || !statements.every((s) => isYmd(s.openedOn) && isYmd(s.closedOn))) return { periodFrom: null, periodTo: null };
  const starts = statements.map((s) => {
    const from = s.openedOn! < s.closedOn! ? nextDay(s.openedOn!) : s.openedOn!;
    return s.firstEntryOn !== null && s.firstEntryOn < from ? s.firstEntryOn : from;
  });
  const periodFrom = starts.reduce((a, b) => (b < a ? b : a));
  const periodTo = statements.map((s) => s.closedOn!).reduce((a, b) => (b > a ? b : a));
  return periodFrom <= periodTo ? { periodFrom, periodTo } : { periodFrom: null, periodTo: null };
}

/** The header of a parsed file from its parser's end metadata; null when it says nothing. */
export function fileHeaderOf(format: ImportFormat, meta: unknown): FileHeader | null {
  if (meta === null || typeof meta !== 'object') return null;
  let header: FileHeader;
  if (format === 'kaspi-report') {
    const m = meta as SalesReportMeta;
    header = { periodFrom: m.period?.from ?? null, periodTo: m.period?.to ?? null, bin: clip(m.bin, 20), name: clip(m.shopName, 200), accounts: [] };
  } else if (format === '1c') {
    const m = meta as Statement1cMeta;
    header = { periodFrom: m.periodFrom, periodTo: m.periodTo, bin: clip(m.ownerBin, 20), name: null, accounts: m.accounts ?? [] };
  } else if (format === 'mt940') {
    const m = meta as Mt940Meta;
    const statements = m.statements ?? [];
    header = { ...mt940Period(statements), bin: null, name: null, accounts: statements.map((s) => s.account) };
  } else return null;
  // a period only with both ends: half of one would be shown as a wrong one-day period
  if (!isYmd(header.periodFrom) || !isYmd(header.periodTo)) header.periodFrom = header.periodTo = null;
  header.bin = header.bin === null ? null : normalizedBin(header.bin);
  header.accounts = [...new Set(header.accounts.filter((a) => typeof a === 'string' && a !== '').map((a) => a.slice(0, 64)))].slice(0, MAX_ACCOUNTS);
  const empty = header.periodFrom === null && header.periodTo === null && header.bin === null && header.name === null && header.accounts.length === 0;
  return empty ? null : header;
}
