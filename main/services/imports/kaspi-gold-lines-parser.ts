// Kaspi Gold card statement lines as text extracted from the PDF (BANK_EXPORT_FORMATS.md §6):
// `01.03.25 + 5 000,00 ₸ Пополнение С карты другого банка` (older: dd.mm.yyyy and KZT).
// Lines not starting with a date (page headers, totals) are ignored; internal moves between the
// owner's own Kaspi accounts are skipped and counted. PDF text extraction itself is not done here.
import { parseAmountText } from './amount-text.js';
import { peekSource, type ByteSource } from './byte-source.js';
import { parseDateText } from './date-text.js';
import { decodeChunks, detectEncoding, looksBinary } from './encoding.js';
import { ExternalIdRegistry, contentHash, joinId } from './external-id.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import { statementRowSchema, validateRow, type StatementRow } from './import-row.js';
import { clip, failure, reason } from './reason-codes.js';
import { textLines } from './text-lines.js';

export interface KaspiGoldMeta {
  /** Internal moves skipped (own deposit / own Kaspi Pay account). */
  skippedInternal: number;
}

export interface KaspiGoldOptions {
  /** The card's account (IBAN) if known; the lines do not carry it. */
  account?: string;
}

export type KaspiGoldEvent = ImportEvent<StatementRow, KaspiGoldMeta>;

const LINE = /^(\d{2}\.\d{2}\.(?:\d{4}|\d{2}))\s+([+\-\u2212\u2013])\s*([\d\s\u00a0\u202f]+(?:,\d{1,2})?)\s*(?:₸|KZT|тг\.?)\s+(\S+)\s*(.*)$/;
const STARTS_WITH_DATE = /^\d{2}\.\d{2}\.\d{2}/;
const INTERNAL = /С Kaspi Депозита|На Kaspi Депозит|На свой Счет в Kaspi Pay|Со своего Счета в Kaspi Pay/i;

/** Does this line look like a Kaspi Gold statement line? (format detection) */
export function isKaspiGoldLine(text: string): boolean {
  return LINE.test(text.trim());
}

export function streamKaspiGoldLines(source: ByteSource, options: KaspiGoldOptions = {}): AsyncGenerator<KaspiGoldEvent> {
  return guardEvents(kaspiGoldEvents(source, options));
}

export function parseKaspiGoldLines(
  source: ByteSource,
  options: KaspiGoldOptions = {},
): Promise<ParseResult<StatementRow, KaspiGoldMeta>> {
  return collect(streamKaspiGoldLines(source, options));
}

async function* kaspiGoldEvents(source: ByteSource, options: KaspiGoldOptions): AsyncGenerator<KaspiGoldEvent> {
  const peeked = await peekSource(source, 64 * 1024);
  if (peeked.prefix.length === 0) return yield { kind: 'fatal', failure: failure('empty_file') };
  if (looksBinary(peeked.prefix)) return yield { kind: 'fatal', failure: failure('binary_content') };
  const encoding = detectEncoding(peeked.prefix, peeked.complete);
  const account = options.account?.trim() || 'kaspi-gold';
  const ids = new ExternalIdRegistry();
  let skippedInternal = 0;
  let seen = 0;
  let replaced = false;
  for await (const { line, text } of textLines(decodeChunks(peeked.chunks, encoding, () => (replaced = true)), 10_000)) {
    const content = text.trim();
    if (!STARTS_WITH_DATE.test(content)) continue;
    seen++;
    const m = LINE.exec(content);
    if (!m) {
      yield { kind: 'invalid', line, reason: reason('bad_entry', { value: clip(content) }) };
      continue;
    }
    const date = parseDateText(m[1]!);
    if (!date) {
      yield { kind: 'invalid', line, reason: reason('bad_date', { field: 'line_date', value: m[1]! }) };
      continue;
    }
    const amount = parseAmountText(m[3]!, ',');
    if (!amount.ok) {
      yield { kind: 'invalid', line, reason: reason(amount.code, { field: 'line_amount', value: clip(m[3]!) }) };
      continue;
    }
    const [operation, details] = [m[4]!, m[5]!.trim()];
    if (INTERNAL.test(details)) {
      skippedInternal++;
      continue;
    }
    const signed = m[2] === '+' ? amount.tiyn : -amount.tiyn;
    const id = joinId('kaspi-gold', account, 'h', contentHash([date.date, signed, operation, details]));
    const claim = ids.claim(id, line, 'counter');
    if (!claim.ok) continue; // 'counter' never refuses
    const checked = validateRow(statementRowSchema, {
      source: 'kaspi-gold',
      externalId: claim.externalId,
      line,
      date: date.date,
      amountTiyn: signed,
      account: account.slice(0, 64),
      purpose: `${operation} ${details}`.trim().slice(0, 2000),
      ...(details ? { counterparty: details.slice(0, 300) } : {}),
    });
    if (checked.ok) yield { kind: 'row', row: checked.row };
    else yield { kind: 'invalid', line, reason: checked.reason };
  }
  if (replaced) yield { kind: 'problem', reason: reason('encoding_replaced') };
  if (seen === 0) yield { kind: 'problem', reason: reason('no_rows') };
  yield { kind: 'end', meta: { skippedInternal } };
}
