// MT940 statement parser (BANK_EXPORT_FORMATS.md §5): one or more statements (:20: … :62F: / '-'),
// optional SWIFT envelope ({1:…}{2:…}{4: … -}), multi-line :86:, C/D/RC/RD marks, and per statement
// the bridge opening + entries = closing checked. `line` = physical line of the entry's :61:.
import { addMovement, checkBalance, emptyFigures, type BalanceFigures } from './balance-check.js';
import { peekSource, type ByteSource } from './byte-source.js';
import { decodeChunks, detectEncoding, looksBinary, type TextEncodingName } from './encoding.js';
import { ExternalIdRegistry, joinId } from './external-id.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import { compact, statementRowSchema, validateRow, type StatementRow } from './import-row.js';
import { parseAccount, parseBalance, parseEntry, parseInformation } from './mt940-fields.js';
import { clip, failure, reason } from './reason-codes.js';
import { textLines } from './text-lines.js';

export interface Mt940Statement {
  reference: string;
  account: string;
  number: string | null;
  currency: string | null;
  figures: BalanceFigures;
  /** Dates (yyyy-mm-dd) of the opening (:60F:/:60M:) and closing (:62F:/:62M:) balances: the period it covers. */
  openedOn: string | null;
  closedOn: string | null;
  /** The earliest date of its entries (null without any). */
  firstEntryOn: string | null;
}

export interface Mt940Meta {
  encoding: TextEncodingName;
  statements: Mt940Statement[];
}

export type Mt940Event = ImportEvent<StatementRow, Mt940Meta>;

export function streamMt940(source: ByteSource): AsyncGenerator<Mt940Event> {
  return guardEvents(mt940Events(source));
}

export function parseMt940(source: ByteSource): Promise<ParseResult<StatementRow, Mt940Meta>> {
  return collect(streamMt940(source));
}

interface Tag {
  tag: string;
  line: number;
  /** The text (continuation lines joined with '\n'), kept up to MAX_TAG_CHARS. */
  value: string;
  /** Its real length. */
  length: number;
}

const TAG_LINE = /^:(\d{2}[A-Z]?):(.*)$/;
const ENVELOPE_START = /^(?:\{[1-3]:(?:[^{}]|\{[^{}]*\})*\})*\{4:/;
const MAX_TAG_CHARS = 10_000;

async function* mt940Events(source: ByteSource): AsyncGenerator<Mt940Event> {
  const peeked = await peekSource(source, 64 * 1024);
  if (peeked.prefix.length === 0) return yield { kind: 'fatal', failure: failure('empty_file') };
  if (looksBinary(peeked.prefix)) return yield { kind: 'fatal', failure: failure('binary_content') };
  const encoding = detectEncoding(peeked.prefix, peeked.complete);
  let replaced = false;
  const text = decodeChunks(peeked.chunks, encoding, () => (replaced = true));

  const statements: Mt940Statement[] = [];
  const ids = new ExternalIdRegistry();
  let current: Mt940Statement | null = null;
  let pending: Tag | null = null; // the tag being read (continuation lines append to it)
  let entry: { tag: Tag; info: Tag | null } | null = null; // a :61: waiting for its :86:
  let sawAnyTag = false;
  let entries = 0;

  const startLines = new Map<Mt940Statement, number>(); // where each statement begins
  const closed = new Set<Mt940Statement>(); // those with a closing balance tag, readable or not
  const statement = (line: number): Mt940Statement => {
    if (!current) {
      current = { reference: '', account: '', number: null, currency: null, figures: emptyFigures(''), openedOn: null, closedOn: null, firstEntryOn: null };
      statements.push(current);
      startLines.set(current, line);
    }
    return current;
  };

  function* flushEntry(): Generator<Mt940Event> {
    if (!entry) return;
    const { tag, info } = entry;
    entry = null;
    const s = statement(tag.line);
    const parsed = parseEntry(tag.value);
    if (!parsed.ok) {
      return yield { kind: 'invalid', line: tag.line, reason: reason(parsed.code, { field: ':61:', value: clip(tag.value) }) };
    }
    if (s.account === '') return yield { kind: 'invalid', line: tag.line, reason: reason('missing_account') };
    const e = parsed.entry;
    const date = e.entryDate ?? e.valueDate;
    if (s.firstEntryOn === null || date < s.firstEntryOn) s.firstEntryOn = date;
    const customerRef = e.customerRef && e.customerRef.toUpperCase() !== 'NONREF' ? e.customerRef : null;
    const lineRef = e.bankRef ?? customerRef ?? '';
    // Not the statement's :20: reference: every export gets a new one, and the same entry must keep
    // its id across overlapping exports. Entries without the bank's own reference count up per account,
    // day, amount and customer reference: that one is the payer's (two payers' orders "1" are two
    // entries; an entry truly written twice fails the balance check).
    const id = joinId('mt940', s.account, date, e.amountTiyn, lineRef);
    const claim = ids.claim(id, tag.line, e.bankRef ? 'reject' : 'counter');
    if (!claim.ok) {
      return yield { kind: 'invalid', line: tag.line, reason: reason('duplicate_in_file', { externalId: clip(id, 200), firstLine: claim.firstLine }) };
    }
    const information = info ? parseInformation(info.value) : null;
    const checked = validateRow(
      statementRowSchema,
      compact({
        source: 'mt940' as const,
        externalId: claim.externalId,
        line: tag.line,
        date,
        valueDate: e.valueDate,
        amountTiyn: e.amountTiyn,
        account: s.account,
        currency: s.currency ?? undefined,
        purpose: (information?.purpose || e.supplementary || undefined)?.slice(0, 2000),
        knp: information?.knp ?? undefined,
        docNumber: (customerRef ?? e.bankRef ?? undefined)?.slice(0, 64),
        reversal: e.reversal || undefined,
      }),
    );
    if (!checked.ok) return yield { kind: 'invalid', line: tag.line, reason: checked.reason };
    addMovement(s.figures, e.amountTiyn);
    yield { kind: 'row', row: checked.row };
  }

  function* applyTag(t: Tag): Generator<Mt940Event> {
    sawAnyTag = true;
    if (t.length > MAX_TAG_CHARS) {
      yield* flushEntry();
      const params = { field: `:${t.tag}:`, length: t.length, maxLength: MAX_TAG_CHARS };
      return yield { kind: 'invalid', line: t.line, reason: reason('field_too_long', params) };
    }
    if (t.tag === '86' && entry && entry.info === null) {
      entry.info = t;
      return;
    }
    yield* flushEntry();
    switch (t.tag) {
      case '20':
        current = null;
        statement(t.line).reference = t.value.trim();
        break;
      case '25':
        statement(t.line).account = parseAccount(t.value);
        statement(t.line).figures.account = statement(t.line).account;
        break;
      case '28C':
      case '28':
        statement(t.line).number = t.value.trim();
        break;
      case '60F':
      case '60M':
      case '62F':
      case '62M': {
        if (t.tag.startsWith('62')) closed.add(statement(t.line));
        const balance = parseBalance(t.value);
        if (!balance) return yield { kind: 'problem', reason: reason('bad_balance', { line: t.line, value: clip(t.value) }) };
        const s = statement(t.line);
        s.currency ??= balance.currency;
        if (t.tag.startsWith('60')) {
          s.figures.openingTiyn = balance.amountTiyn;
          s.openedOn ??= balance.date; // an intermediate :60M: continues the period the first opened
        } else {
          s.figures.closingTiyn = balance.amountTiyn;
          s.closedOn = balance.date;
        }
        break;
      }
      case '61':
        statement(t.line);
        entries++;
        entry = { tag: t, info: null };
        break;
      default:
        break; // :86: at statement level, :64:, :65:, bank-specific tags: not needed
    }
  }

  for await (const { line, text: raw, overflow, length } of textLines(text)) {
    let content = raw.replace(/\s+$/, '');
    if (ENVELOPE_START.test(content)) content = content.replace(ENVELOPE_START, '');
    const tagged = TAG_LINE.exec(content);
    if (tagged) {
      if (pending) yield* applyTag(pending);
      const value = tagged[2]!;
      const prefix = content.length - value.length; // ':86:'
      pending = { tag: tagged[1]!, line, value, length: overflow ? length - prefix : value.length };
      continue;
    }
    if (content === '-' || content.startsWith('-}')) {
      if (pending) yield* applyTag(pending);
      pending = null;
      yield* flushEntry();
      current = null;
      continue;
    }
    if (pending && content !== '') {
      pending.length += 1 + (overflow ? length : content.length);
      if (pending.length <= MAX_TAG_CHARS) pending.value += `\n${content}`;
    }
  }
  if (pending) yield* applyTag(pending);
  yield* flushEntry();

  if (!sawAnyTag || statements.length === 0) return yield { kind: 'fatal', failure: failure('not_mt940') };
  if (replaced) yield { kind: 'problem', reason: reason('encoding_replaced') };
  // :62F:/:62M: is mandatory: a statement without it was cut off (a broken download), and entries
  // after the cut are missing — refused like 1C's unclosed document unless only the valid rows are asked for.
  for (const s of statements) {
    if (!closed.has(s)) yield { kind: 'invalid', line: startLines.get(s)!, reason: reason('unterminated_statement') };
  }
  for (const s of statements) {
    s.figures.statement = s.reference;
    for (const problem of checkBalance(s.figures)) yield { kind: 'problem', reason: problem };
  }
  if (entries === 0) yield { kind: 'problem', reason: reason('no_rows') };
  yield { kind: 'end', meta: { encoding, statements } };
}
