// What a file says about itself, for the preview: the Kaspi report's metadata rows (period, BIN,
// shop name), a 1C statement's period and accounts, an MT940 file's accounts. The manager sees at a
// glance that this is the right shop and month before importing anything.
import type { FileHeader, ImportFormat } from '../../../shared/import-domain.js';
import type { Mt940Meta } from './mt940-parser.js';
import type { SalesReportMeta } from './sales-report-parser.js';
import type { Statement1cMeta } from './statement-1c-parser.js';

const MAX_ACCOUNTS = 10;

const clip = (text: string | null | undefined, max: number): string | null => (text ? text.slice(0, max) : null);
const isYmd = (text: string | null | undefined): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);

/** The header of a parsed file from its parser's end metadata; null when it says nothing. */
export function fileHeaderOf(format: ImportFormat, meta: unknown): FileHeader | null {
  if (meta === null || typeof meta !== 'object') return null;
  let header: FileHeader;
  if (format === 'kaspi-report') {
    const m = meta as SalesReportMeta;
    header = { periodFrom: m.period?.from ?? null, periodTo: m.period?.to ?? null, bin: clip(m.bin, 20), name: clip(m.shopName, 200), accounts: [] };
  } else if (format === '1c') {
    const m = meta as Statement1cMeta;
    header = { periodFrom: m.periodFrom, periodTo: m.periodTo, bin: null, name: null, accounts: m.accounts ?? [] };
  } else if (format === 'mt940') {
    const m = meta as Mt940Meta;
    header = { periodFrom: null, periodTo: null, bin: null, name: null, accounts: (m.statements ?? []).map((s) => s.account) };
  } else return null;
  header.periodFrom = isYmd(header.periodFrom) ? header.periodFrom : null;
  header.periodTo = isYmd(header.periodTo) ? header.periodTo : null;
  header.accounts = [...new Set(header.accounts.filter((a) => typeof a === 'string' && a !== ''))].slice(0, MAX_ACCOUNTS).map((a) => a.slice(0, 64));
  const empty = header.periodFrom === null && header.periodTo === null && header.bin === null && header.name === null && header.accounts.length === 0;
  return empty ? null : header;
}
