// Field grammar of MT940 (SWIFT customer statement): the :61: statement line, :60F:/:62F: balances,
// :86: free text (Kazakh banks may lead with the 3-digit KNP), :25: account. Pure functions.
import { parseAmountText } from './amount-text.js';
import { parseYymmdd } from './date-text.js';

export interface Mt940Balance {
  /** Signed: a 'D' balance is negative. */
  amountTiyn: number;
  date: string;
  currency: string;
}

const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15}(?:[,.]\d{0,2})?)$/;

export function parseBalance(text: string): Mt940Balance | null {
  const m = BALANCE.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const date = parseYymmdd(m[2]!);
  const amount = parseAmountText(m[4]!, 'auto');
  if (!date || !amount.ok) return null;
  return { amountTiyn: m[1] === 'D' ? -amount.tiyn : amount.tiyn, date, currency: m[3]! };
}

export interface Mt940Entry {
  valueDate: string;
  /** Booking date when given (MMDD, year taken from the value date, across a year end if needed). */
  entryDate: string | null;
  /** Credit positive: C and RD (reversal of a debit) add, D and RC subtract. */
  amountTiyn: number;
  transactionType: string;
  /** RC or RD: a reversal of an earlier credit or debit. */
  reversal: boolean;
  customerRef: string | null;
  bankRef: string | null;
  supplementary: string | null;
}

// Amount: comma decimal as the standard says; the 4-character transaction type (NTRF, NMSC, S103...)
// is mandatory, which keeps "1,234,5,6" from being read as 1,23 + a reference.
const ENTRY = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,15},\d{0,2}|\d{1,15}(?=[A-Z]))([A-Z][A-Z0-9]{3})(.*)$/;

export type EntryParse = { ok: true; entry: Mt940Entry } | { ok: false; code: 'bad_entry' | 'bad_date' | 'bad_amount' };

export function parseEntry(text: string): EntryParse {
  const [first = '', ...more] = text.split('\n');
  const m = ENTRY.exec(first.trim());
  if (!m) return { ok: false, code: 'bad_entry' };
  const valueDate = parseYymmdd(m[1]!);
  if (!valueDate) return { ok: false, code: 'bad_date' };
  let entryDate: string | null = null;
  if (m[2]) {
    entryDate = bookingDate(valueDate, m[2]);
    if (!entryDate) return { ok: false, code: 'bad_date' };
  }
  const amount = parseAmountText(m[5]!, 'auto');
  if (!amount.ok) return { ok: false, code: 'bad_amount' };
  const mark = m[3]!;
  const sign = mark === 'C' || mark === 'RD' ? 1 : -1;
  const refs = (m[7] ?? '').trim();
  const split = refs.indexOf('//');
  const customerRef = (split === -1 ? refs : refs.slice(0, split)).trim() || null;
  const bankRef = split === -1 ? null : refs.slice(split + 2).trim() || null;
  const supplementary = more.join(' ').trim() || null;
  return {
    ok: true,
    entry: {
      valueDate,
      entryDate,
      amountTiyn: amount.tiyn === 0 ? 0 : sign * amount.tiyn,
      transactionType: m[6]!,
      reversal: mark.startsWith('R'),
      customerRef,
      bankRef,
      supplementary,
    },
  };
}

function bookingDate(valueDate: string, mmdd: string): string | null {
  const year = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  const shift = month - valueMonth > 6 ? -1 : valueMonth - month > 6 ? 1 : 0;
  const yy = String((year + shift) % 100).padStart(2, '0');
  return parseYymmdd(`${yy}${mmdd}`);
}

/**
 * :86: text: continuation lines joined — with no space where a line was cut at the 65-character
 * width, which on the first line includes the 4 characters of the ":86:" tag.
 */
export function parseInformation(text: string): { knp: string | null; purpose: string } {
  const lines = text.split('\n');
  let joined = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) joined += (lines[i - 1]!.length >= (i === 1 ? 61 : 65) ? '' : ' ') + lines[i]!.trim();
  const m = /^(\d{3})(?:\s+|$)/.exec(joined);
  return m ? { knp: m[1]!, purpose: joined.slice(m[0].length).trim() } : { knp: null, purpose: joined.trim() };
}

/**
 * ':25:' may be 'BIC/IBAN', 'IBAN', 'IBAN/KZT' or 'IBANKZT': keep the IBAN (so the same account read
 * from a 1C statement is recognized as the same one); anything else, the last non-currency segment.
 */
export function parseAccount(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const iban = /[A-Z]{2}\d{2}[A-Z0-9]{11,30}/.exec(compact)?.[0];
  if (iban) return iban.length > 20 && /(KZT|USD|EUR|RUB)$/.test(iban) ? iban.slice(0, -3) : iban;
  const parts = compact.split('/').filter((p) => p !== '' && !/^[A-Z]{3}$/.test(p));
  return parts.pop() ?? '';
}
