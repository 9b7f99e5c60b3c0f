// JSON seed payments: `[{orderId, amount, status, transactionId?}, …]` or `{payments: […]}`.
// amount is tenge (50000 → 5 000 000 tiyn; a numeric string "50000.50" is accepted too), at most two
// decimals, positive. `line` = item number in the array (index + 1). The whole text is parsed with
// JSON.parse (a seed file is small; refused above MAX_JSON_BYTES).
import { amountFromJsonNumber, parseAmountText, type AmountParse } from './amount-text.js';
import { readAllBytes, type ByteSource } from './byte-source.js';
import { bomEncoding, decodeBytes } from './encoding.js';
import { ExternalIdRegistry, joinId } from './external-id.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import { seedPaymentRowSchema, validateRow, compact, type SeedPaymentRow } from './import-row.js';
import { clip, failure, reason, sizeLimit, type Reason } from './reason-codes.js';
import { isUtf8 } from 'node:buffer';

export interface JsonPaymentsMeta {
  /** 'array' for a bare array, 'payments' for `{payments: [...]}`. */
  shape: 'array' | 'payments';
  items: number;
}

export type JsonPaymentsEvent = ImportEvent<SeedPaymentRow, JsonPaymentsMeta>;

export const MAX_JSON_BYTES = 50 * 1024 * 1024;
const MAX_ID_CHARS = 64;

export function streamJsonPayments(source: ByteSource): AsyncGenerator<JsonPaymentsEvent> {
  return guardEvents(jsonPaymentsEvents(source));
}

export function parseJsonPayments(source: ByteSource): Promise<ParseResult<SeedPaymentRow, JsonPaymentsMeta>> {
  return collect(streamJsonPayments(source));
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** A value as the file has it (true, [1,2], {"a":1}, 1e+21), for "invalid value «…»": never a type's English name. */
function asWritten(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Position of a JSON.parse error as line/column, when the engine tells it. */
function errorPosition(text: string, message: string): { line: number; column: number } | null {
  const m = /position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : /Unexpected end/i.test(message) ? text.length : null;
  if (at === null) return null;
  const before = text.slice(0, at);
  const line = (before.match(/\n/g)?.length ?? 0) + 1;
  return { line, column: at - before.lastIndexOf('\n') };
}

async function* jsonPaymentsEvents(source: ByteSource): AsyncGenerator<JsonPaymentsEvent> {
  const all = await readAllBytes(source, MAX_JSON_BYTES);
  if (!all.ok) return yield { kind: 'fatal', failure: failure('file_too_large', sizeLimit(MAX_JSON_BYTES)) };
  const bytes = all.bytes;
  const bom = bomEncoding(bytes);
  if (bom !== null && bom !== 'utf-8') return yield { kind: 'fatal', failure: failure('bad_encoding') };
  if (!isUtf8(bytes)) return yield { kind: 'fatal', failure: failure('bad_encoding') };
  const text = decodeBytes(bytes, 'utf-8');
  if (text.trim() === '') return yield { kind: 'fatal', failure: failure('empty_file') };

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = errorPosition(text, error instanceof Error ? error.message : '');
    return yield { kind: 'fatal', failure: failure('bad_json', position ?? undefined) };
  }
  let items: unknown[];
  let shape: JsonPaymentsMeta['shape'];
  if (Array.isArray(data)) {
    items = data;
    shape = 'array';
  } else if (typeof data === 'object' && data !== null && Array.isArray((data as { payments?: unknown }).payments)) {
    items = (data as { payments: unknown[] }).payments;
    shape = 'payments';
  } else {
    return yield { kind: 'fatal', failure: failure('json_not_array', { found: describe(data) }) };
  }

  const ids = new ExternalIdRegistry();
  for (let index = 0; index < items.length; index++) {
    const line = index + 1;
    const built = itemToRow(items[index], line);
    if (!built.ok) {
      yield { kind: 'invalid', line, reason: built.reason };
      continue;
    }
    const { row } = built;
    const id = row.transactionId !== undefined ? joinId('json', 'tx', row.transactionId) : joinId('json', 'order', row.orderId, row.status);
    const claim = ids.claim(id, line, 'reject');
    if (!claim.ok) {
      yield { kind: 'invalid', line, reason: reason('duplicate_in_file', { externalId: clip(id, 200), firstLine: claim.firstLine }) };
      continue;
    }
    const checked = validateRow(seedPaymentRowSchema, { ...row, externalId: claim.externalId });
    if (checked.ok) yield { kind: 'row', row: checked.row };
    else yield { kind: 'invalid', line, reason: checked.reason };
  }
  if (items.length === 0) yield { kind: 'problem', reason: reason('no_rows') };
  yield { kind: 'end', meta: { shape, items: items.length } };
}

type ItemRow = { ok: true; row: Omit<SeedPaymentRow, 'externalId'> } | { ok: false; reason: Reason };

/** An id: a non-empty string, or a non-negative integer number (written as digits). */
function idOf(value: unknown, field: string, required: boolean): string | undefined | Reason {
  if (value === undefined || value === null || value === '') {
    return required ? reason('missing_value', { field }) : undefined;
  }
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) text = String(value);
  // past 2^53 a JSON number is no longer read exactly: the value is not known, only how to fix it
  else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return reason('number_too_long', { field });
  else return reason('bad_value', { field, value: clip(asWritten(value)) });
  if (text === '') return required ? reason('missing_value', { field }) : undefined;
  if (text.length > MAX_ID_CHARS) return reason('field_too_long', { field, length: text.length, maxLength: MAX_ID_CHARS });
  return text;
}

const isReason = (v: unknown): v is Reason => typeof v === 'object' && v !== null && 'code' in v;

function itemToRow(item: unknown, line: number): ItemRow {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, reason: reason('not_an_object', { found: describe(item) }) };
  }
  const o = item as Record<string, unknown>;
  const orderId = idOf(o.orderId, 'orderId', true);
  if (isReason(orderId)) return { ok: false, reason: orderId };
  const transactionId = idOf(o.transactionId, 'transactionId', false);
  if (isReason(transactionId)) return { ok: false, reason: transactionId };

  if (o.amount === undefined || o.amount === null || o.amount === '') {
    return { ok: false, reason: reason('missing_value', { field: 'amount' }) };
  }
  let amount: AmountParse;
  if (typeof o.amount === 'number') amount = amountFromJsonNumber(o.amount);
  else if (typeof o.amount === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(o.amount)) amount = parseAmountText(o.amount, '.');
  else return { ok: false, reason: reason('bad_amount', { field: 'amount', value: clip(String(o.amount)) }) };
  if (!amount.ok) return { ok: false, reason: reason(amount.code, { field: 'amount', value: clip(String(o.amount)) }) };
  if (amount.tiyn <= 0) return { ok: false, reason: reason('non_positive_amount', { field: 'amount', value: clip(String(o.amount)) }) };

  if (o.status === undefined || o.status === null || o.status === '') {
    return { ok: false, reason: reason('missing_value', { field: 'status' }) };
  }
  if (typeof o.status !== 'string' || o.status.trim() === '') {
    return { ok: false, reason: reason('bad_value', { field: 'status', value: clip(asWritten(o.status)) }) };
  }
  const status = o.status.trim();
  if (status.length > 40) return { ok: false, reason: reason('field_too_long', { field: 'status', length: status.length, maxLength: 40 }) };

  return {
    ok: true,
    row: compact({ source: 'json' as const, line, orderId: orderId!, amountTiyn: amount.tiyn, status, transactionId }),
  };
}
