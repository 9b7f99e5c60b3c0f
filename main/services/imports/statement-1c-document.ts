// One 1CClientBankExchange document (СекцияДокумент … КонецДокумента) → StatementRow.
// Both dialects: Kazakh (НомерДокумента, ДатаОперации, СуммаПриход/СуммаРасход, …ИИК, …БИН_ИИН)
// and the Russian standard (Номер, Дата, Сумма, …Счет, …ИНН). Keys arrive lower-cased with ё→е.
// Direction: СуммаПриход/СуммаРасход when present, else which side's account is ours, else
// ДатаПоступило/ДатаСписано; when nothing decides, the document is invalid (never guessed).
import { almatyIso } from '../../../shared/almaty-time.js';
import { parseAmountText } from './amount-text.js';
import { parseDateText } from './date-text.js';
import { compact, type StatementRow } from './import-row.js';
import { clip, reason, type Reason } from './reason-codes.js';

export interface OneCDocument {
  line: number;
  fields: Map<string, string>;
  broken: Reason | null;
}

export type DocumentRow =
  /** `ownerBin`: the BIN/IIN the document gives the statement's own side (the recipient of a credit, the payer of a debit). */
  | { ok: true; row: Omit<StatementRow, 'externalId'>; ownerBin: string | undefined }
  | { ok: false; reason: Reason };

export function normalizeKey(key: string): string {
  return key.trim().toLowerCase().replace(/ё/g, 'е');
}

export function normalizeAccount(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

function pick(fields: Map<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

const side = (prefix: 'плательщик' | 'получатель') => ({
  account: [`${prefix}иик`, `${prefix}счет`, `${prefix}расчсчет`],
  name: [`${prefix}наименование`, `${prefix}1`, prefix],
  bin: [`${prefix}бин_иин`, `${prefix}биниин`, `${prefix}бин`, `${prefix}иин`, `${prefix}инн`],
  bic: [`${prefix}банкбик`, `${prefix}бик`],
});
const PAYER = side('плательщик');
const RECIPIENT = side('получатель');

function amountField(fields: Map<string, string>, key: string, title: string): number | null | Reason {
  const text = pick(fields, key);
  if (text === undefined) return null;
  const parsed = parseAmountText(text, 'auto');
  if (!parsed.ok) return reason(parsed.code, { field: title, value: clip(text) });
  if (parsed.tiyn < 0) return reason('unexpected_sign', { field: title, value: clip(text) });
  return parsed.tiyn;
}

const isReason = (v: unknown): v is Reason => typeof v === 'object' && v !== null && 'code' in v;

export function documentToRow(doc: OneCDocument, ownAccounts: ReadonlySet<string>): DocumentRow {
  if (doc.broken) return { ok: false, reason: doc.broken };
  const f = doc.fields;
  const payerAccount = normalizeAccount(pick(f, ...PAYER.account) ?? '');
  const recipientAccount = normalizeAccount(pick(f, ...RECIPIENT.account) ?? '');
  const docAccount = normalizeAccount(pick(f, 'расчсчет') ?? '');

  const income = amountField(f, 'суммаприход', 'СуммаПриход');
  const expense = amountField(f, 'суммарасход', 'СуммаРасход');
  if (isReason(income)) return { ok: false, reason: income };
  if (isReason(expense)) return { ok: false, reason: expense };

  let amount: number;
  if (income !== null || expense !== null) {
    if ((income ?? 0) > 0 && (expense ?? 0) > 0) return { ok: false, reason: reason('ambiguous_direction') };
    amount = (expense ?? 0) > 0 ? -(expense ?? 0) : (income ?? 0);
  } else {
    const sum = amountField(f, 'сумма', 'Сумма');
    if (isReason(sum)) return { ok: false, reason: sum };
    if (sum === null) return { ok: false, reason: reason('missing_value', { field: 'Сумма' }) };
    const direction = directionByAccounts(f, ownAccounts, payerAccount, recipientAccount, docAccount);
    if (direction === null) return { ok: false, reason: reason('unknown_direction') };
    amount = direction === 'credit' ? sum : -sum;
  }
  const credit = amount >= 0;

  const ours = credit ? recipientAccount : payerAccount;
  let account = ownAccounts.has(ours) ? ours : docAccount;
  if (account === '' && ownAccounts.size === 1) account = [...ownAccounts][0]!;
  if (account === '') account = ours;
  if (account === '') return { ok: false, reason: reason('missing_account') };

  const dateKeys = credit
    ? ['датаоперации', 'датапоступило', 'датавалютирования', 'датадокумента', 'дата']
    : ['датаоперации', 'датасписано', 'датавалютирования', 'датадокумента', 'дата'];
  const dateText = pick(f, ...dateKeys);
  if (dateText === undefined) return { ok: false, reason: reason('missing_value', { field: 'ДатаОперации' }) };
  const date = parseDateText(dateText);
  if (!date) return { ok: false, reason: reason('bad_date', { field: 'ДатаОперации', value: clip(dateText) }) };
  const valueDateText = pick(f, 'датавалютирования');
  const valueDate = valueDateText ? parseDateText(valueDateText)?.date : undefined;

  const other = credit ? PAYER : RECIPIENT;
  const purposeParts = ['назначениеплатежа', ...[1, 2, 3, 4, 5, 6].map((n) => `назначениеплатежа${n}`)]
    .map((k) => f.get(k))
    .filter((v): v is string => v !== undefined && v !== '');
  const knp = pick(f, 'кодназначенияплатежа', 'кнп');
  const limit = (v: string | undefined, max: number) => (v === undefined ? undefined : v.slice(0, max));

  return {
    ok: true,
    ownerBin: limit(pick(f, ...(credit ? RECIPIENT : PAYER).bin), 20),
    row: compact({
      source: '1c' as const,
      line: doc.line,
      date: date.date,
      amountTiyn: amount,
      account: account.slice(0, 64),
      currency: limit(pick(f, 'валюта'), 8),
      valueDate,
      operationAt: date.time ? almatyIso(date.date, date.time) : undefined,
      counterparty: limit(pick(f, ...other.name), 300),
      counterpartyBin: limit(pick(f, ...other.bin), 20),
      counterpartyAccount: limit(normalizeAccount(pick(f, ...other.account) ?? '') || undefined, 64),
      counterpartyBic: limit(pick(f, ...other.bic), 20),
      purpose: purposeParts.length ? purposeParts.join(' ').slice(0, 2000) : undefined,
      knp: knp !== undefined && /^\d{3}$/.test(knp) ? knp : undefined,
      docNumber: limit(pick(f, 'номердокумента', 'номер'), 64),
    }),
  };
}

function directionByAccounts(
  f: Map<string, string>,
  own: ReadonlySet<string>,
  payer: string,
  recipient: string,
  docAccount: string,
): 'credit' | 'debit' | null {
  const payerOwn = payer !== '' && own.has(payer);
  const recipientOwn = recipient !== '' && own.has(recipient);
  if (recipientOwn && !payerOwn) return 'credit';
  if (payerOwn && !recipientOwn) return 'debit';
  if (payerOwn && recipientOwn && docAccount !== '' && payer !== recipient) {
    if (docAccount === recipient) return 'credit';
    if (docAccount === payer) return 'debit';
  }
  const received = pick(f, 'датапоступило');
  const debited = pick(f, 'датасписано');
  if (received && !debited) return 'credit';
  if (debited && !received) return 'debit';
  return null;
}
