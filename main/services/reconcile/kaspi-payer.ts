// Which statement credits come from Kaspi Bank — decided in JS, because SQLite's LIKE and lower()
// fold the case of ASCII letters only (`АО "Каспи банк"` would not match `%Каспи Банк%`). The rule
// runs as the SQL function kaspi_credit(counterparty, counterparty_bin, purpose), so the query still
// narrows the rows by its (date, amount) index first and calls it only for the day's credits.
import type { Db } from '../../store/database.js';

/** АО "Kaspi Bank", observed as the payer of settlements (BANK_EXPORT_FORMATS.md §3, [M]). */
export const KASPI_BANK_BIN = '971240001315';

// Compared with the spaces taken out: a statement line cut inside a name ("Kas pi Pay") still counts.
const BANK_NAMES = ['kaspibank', 'каспибанк'];
const PAY_NAMES = ['kaspipay', 'каспипэй', 'каспипей'];

/** Lower case (any script), quotes and punctuation dropped, runs of spaces made one. */
export function foldName(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const blank = (v: string | null | undefined): boolean => v === null || v === undefined || v.trim() === '';

/**
 * A credit from Kaspi Bank: the payer's BIN decides where the statement gives one; else the payer's
 * name says Kaspi Bank; a statement naming no payer at all (MT940, most CSVs) needs a purpose that
 * mentions Kaspi Pay.
 */
export function isKaspiCredit(counterparty: string | null, bin: string | null, purpose: string | null): boolean {
  if (!blank(bin)) return bin!.trim() === KASPI_BANK_BIN;
  if (!blank(counterparty)) {
    const name = foldName(counterparty!).replace(/ /g, '');
    return BANK_NAMES.some((n) => name.includes(n));
  }
  if (blank(purpose)) return false;
  const text = foldName(purpose!).replace(/ /g, '');
  return PAY_NAMES.some((n) => text.includes(n));
}

const registered = new WeakSet<Db>();

/** Makes kaspi_credit(counterparty, counterparty_bin, purpose) callable on this connection. */
export function registerKaspiCredit(db: Db): void {
  if (registered.has(db)) return;
  db.function('kaspi_credit', { deterministic: true }, (counterparty: unknown, bin: unknown, purpose: unknown) =>
    isKaspiCredit(text(counterparty), text(bin), text(purpose)) ? 1 : 0,
  );
  registered.add(db);
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
