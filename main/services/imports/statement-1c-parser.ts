// 1CClientBankExchange statement parser (BANK_EXPORT_FORMATS.md §3–4): encoding detected (BOM →
// valid UTF-8 → cp866 if declared DOS → windows-1251), CRLF/LF/CR, keys case-insensitive, Kazakh and
// Russian field names, one or many СекцияРасчСчет per account (Halyk: one per day — turnovers summed,
// first opening and last closing kept), and the bridge opening + credits − debits = closing checked.
// `line` = physical line of the document's СекцияДокумент.
import { checkBalance, emptyFigures, addMovement, type BalanceFigures } from './balance-check.js';
import { peekSource, type ByteSource } from './byte-source.js';
import { parseAmountText } from './amount-text.js';
import { parseDateText } from './date-text.js';
import { decodeLinesEach, detectEncoding, looksBinary, type TextEncodingName } from './encoding.js';
import { ExternalIdRegistry, joinId } from './external-id.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import { statementRowSchema, validateRow, type StatementRow } from './import-row.js';
import { clip, failure, reason, type Reason } from './reason-codes.js';
import { documentToRow, normalizeAccount, normalizeKey, type OneCDocument } from './statement-1c-document.js';
import { OutsidePeriod } from './outside-period.js';
import { textLines } from './text-lines.js';

export interface Statement1cMeta {
  encoding: TextEncodingName;
  formatVersion: string | null;
  declaredEncoding: string | null;
  sender: string | null;
  receiver: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  accounts: string[];
  balances: BalanceFigures[];
  documents: number;
  /** The BIN/IIN of the statement's owner, as its documents give it (the first that does); null when none does. */
  ownerBin: string | null;
  /** It ended with КонецФайла (a download cut between documents ends without it). */
  complete: boolean;
}

export type Statement1cEvent = ImportEvent<StatementRow, Statement1cMeta>;

export function streamStatement1c(source: ByteSource): AsyncGenerator<Statement1cEvent> {
  return guardEvents(statement1cEvents(source));
}

export function parseStatement1c(source: ByteSource): Promise<ParseResult<StatementRow, Statement1cMeta>> {
  return collect(streamStatement1c(source));
}

interface Section {
  line: number;
  fields: Map<string, string>;
}

const MAX_VALUE_CHARS = 10_000;

async function* statement1cEvents(source: ByteSource): AsyncGenerator<Statement1cEvent> {
  const peeked = await peekSource(source, 64 * 1024);
  if (peeked.prefix.length === 0) return yield { kind: 'fatal', failure: failure('empty_file') };
  if (looksBinary(peeked.prefix)) return yield { kind: 'fatal', failure: failure('binary_content') };
  const encoding = detectEncoding(peeked.prefix, peeked.complete);
  let replaced = false;
  // lines with letters in the file's encoding and in the other one: the fewer are named (a windows-1251
  // file that only starts with a UTF-8 BOM is not "mixed", nor a UTF-8 one with a cp1251 document)
  const inFile = { count: 0, first: 0 };
  const inOther = { count: 0, first: 0 };
  /** How many of the other lines each encoding read: the one most of them are in is named. */
  const otherAs = new Map<TextEncodingName, number>();
  const count = (lines: { count: number; first: number }) => (line: number) => {
    if (lines.count++ === 0) lines.first = line;
  };
  const other = count(inOther);
  const text = decodeLinesEach(peeked.chunks, encoding, {
    replaced: () => (replaced = true),
    other: (line, as) => {
      other(line);
      otherAs.set(as, (otherAs.get(as) ?? 0) + 1);
    },
    own: count(inFile),
  });

  const header = new Map<string, string>();
  const own = new Set<string>();
  const sections: Section[] = [];
  const ids = new ExternalIdRegistry();
  const rows: { account: string; amountTiyn: number; date: string; line: number }[] = [];
  let state: 'start' | 'header' | 'account' | 'document' | 'done' = 'start';
  let section: Section | null = null;
  let doc: OneCDocument | null = null;
  let documents = 0;
  let ownerBin: string | null = null;

  function* finishDocument(d: OneCDocument): Generator<Statement1cEvent> {
    documents++;
    const built = documentToRow(d, own);
    if (!built.ok) return yield { kind: 'invalid', line: d.line, reason: built.reason };
    ownerBin ??= built.ownerBin ?? null;
    const { row } = built;
    const keyed = row.docNumber !== undefined;
    // A document's number is the payer's own sequence: two payers' orders №1 for the same sum on one
    // day are two movements. The other side's account (else its BIN) tells them apart (migration 20).
    const otherSide = keyed ? (row.counterpartyAccount ?? row.counterpartyBin) : undefined;
    const id = joinId('1c', row.account, row.docNumber ?? '', row.date, row.amountTiyn, ...(otherSide === undefined ? [] : [otherSide]));
    const claim = ids.claim(id, d.line, keyed ? 'reject' : 'counter');
    if (!claim.ok) {
      return yield { kind: 'invalid', line: d.line, reason: reason('duplicate_in_file', { externalId: clip(id, 200), firstLine: claim.firstLine }) };
    }
    const checked = validateRow(statementRowSchema, { ...row, externalId: claim.externalId });
    if (!checked.ok) return yield { kind: 'invalid', line: d.line, reason: checked.reason };
    rows.push({ account: checked.row.account, amountTiyn: checked.row.amountTiyn, date: checked.row.date, line: d.line });
    yield { kind: 'row', row: checked.row };
  }

  let lastLine = 0;
  let afterEnd = false;
  for await (const { line, text: raw, overflow, length } of textLines(text)) {
    const content = raw.trim();
    if (content !== '') lastLine = line;
    if (state === 'start') {
      if (content === '') continue;
      if (!/^1CClientBankExchange$/i.test(content.replace(/^\ufeff/, ''))) {
        return yield { kind: 'fatal', failure: failure('not_1c') };
      }
      state = 'header';
      continue;
    }
    if (content === '') continue;
    if (state === 'done') {
      // a second export joined on, documents written after the end: never dropped without a word
      if (!afterEnd) yield { kind: 'problem', reason: reason('content_after_end', { line }) };
      afterEnd = true;
      continue;
    }
    const eq = content.indexOf('=');
    const key = normalizeKey(eq === -1 ? content : content.slice(0, eq));
    const value = eq === -1 ? '' : content.slice(eq + 1).trim();
    const tooLong: Reason | null =
      overflow || value.length > MAX_VALUE_CHARS
        ? reason('field_too_long', { field: clip(key, 40), length, maxLength: MAX_VALUE_CHARS })
        : null;

    if (key === 'секциядокумент') {
      if (doc) {
        yield { kind: 'invalid', line: doc.line, reason: reason('unterminated_document') };
        documents++;
      }
      doc = { line, fields: new Map(), broken: null };
      state = 'document';
      continue;
    }
    if (state === 'document' && doc) {
      if (key === 'конецдокумента') {
        yield* finishDocument(doc);
        doc = null;
        state = 'header';
      } else if (tooLong) {
        doc.broken ??= tooLong;
      } else if (eq === -1) {
        doc.broken ??= reason('malformed_line', { line, value: clip(content, 40) });
      } else if (!doc.fields.has(key)) {
        doc.fields.set(key, value);
      }
      continue;
    }
    if (key === 'секциярасчсчет') {
      section = { line, fields: new Map() };
      state = 'account';
      continue;
    }
    if (state === 'account' && section) {
      if (key === 'конецрасчсчет') {
        sections.push(section);
        section = null;
        state = 'header';
      } else if (eq !== -1 && !tooLong && !section.fields.has(key)) {
        section.fields.set(key, value);
        if (key === 'расчсчет' && value) own.add(normalizeAccount(value));
      }
      continue;
    }
    if (key === 'конецфайла') {
      state = 'done';
      continue;
    }
    if (eq === -1 || tooLong) continue; // stray text between sections: not ours to judge
    if (key === 'расчсчет' && value) own.add(normalizeAccount(value));
    else if (!header.has(key)) header.set(key, value);
  }

  if (state === 'start') return yield { kind: 'fatal', failure: failure('empty_file') };
  // Cut off (a document left open at the end): said first — it is why the balances below differ.
  if (doc) yield { kind: 'problem', reason: reason('cut_off', { line: lastLine }) };
  if (doc) yield { kind: 'invalid', line: doc.line, reason: reason('unterminated_document') };
  if (section) {
    yield { kind: 'problem', reason: reason('unterminated_section', { line: section.line }) };
    sections.push(section);
  }
  if (replaced) yield { kind: 'problem', reason: reason('encoding_replaced') };
  const otherMost = [...otherAs].reduce((a, b) => (b[1] > a[1] ? b : a), ['utf-8', 0] as [TextEncodingName, number])[0];
  const [fewer, most] = inOther.count <= inFile.count ? [inOther, encoding] : [inFile, otherMost];
  if (fewer.count > 0) yield { kind: 'problem', reason: reason('encoding_mixed', { count: fewer.count, line: fewer.first, encoding: most }) };

  const balances = balancesOf(sections, own, rows);
  if (sections.length === 0) {
    // (a file naming no account of its own: said so, not "balances of  could not be checked")
    yield { kind: 'problem', reason: own.size === 0 ? reason('balance_unchecked_no_account') : reason('balance_unchecked', { which: 'section', account: [...own].join(', ') }) };
  }
  for (const figures of balances) for (const problem of checkBalance(figures)) yield { kind: 'problem', reason: problem };
  if (documents === 0) yield { kind: 'problem', reason: reason('no_rows') };

  const date = (key: string) => {
    const v = header.get(key);
    return v ? (parseDateText(v)?.date ?? null) : null;
  };
  const [periodFrom, periodTo] = [date('датаначала'), date('датаконца')];
  const outside = new OutsidePeriod(periodFrom && periodTo ? { from: periodFrom, to: periodTo } : null);
  for (const row of rows) outside.note(row.date, row.line);
  const outsideProblem = outside.problem();
  if (outsideProblem) yield { kind: 'problem', reason: outsideProblem };
  yield {
    kind: 'end',
    meta: {
      encoding,
      complete: state === 'done',
      formatVersion: header.get('версияформата') ?? null,
      declaredEncoding: header.get('кодировка') ?? null,
      sender: header.get('отправитель') ?? null,
      receiver: header.get('получатель') ?? null,
      periodFrom,
      periodTo,
      accounts: [...own],
      balances,
      documents,
      ownerBin,
    },
  };
}

function amountOf(fields: Map<string, string>, key: string): number | null {
  const text = fields.get(key);
  if (text === undefined || text === '') return null;
  const parsed = parseAmountText(text, 'auto');
  return parsed.ok ? parsed.tiyn : null;
}

/** Per account: first opening, last closing, summed declared turnovers, and the rows' own sums. */
function balancesOf(
  sections: Section[],
  own: ReadonlySet<string>,
  rows: readonly { account: string; amountTiyn: number }[],
): BalanceFigures[] {
  const byAccount = new Map<string, BalanceFigures>();
  const single = own.size === 1 ? [...own][0]! : '';
  for (const s of sections) {
    const account = normalizeAccount(s.fields.get('расчсчет') ?? '') || single;
    let figures = byAccount.get(account);
    if (!figures) byAccount.set(account, (figures = emptyFigures(account)));
    figures.openingTiyn ??= amountOf(s.fields, 'начальныйостаток');
    figures.closingTiyn = amountOf(s.fields, 'конечныйостаток') ?? figures.closingTiyn;
    const credits = amountOf(s.fields, 'всегопоступило');
    const debits = amountOf(s.fields, 'всегосписано');
    if (credits !== null) figures.declaredCreditsTiyn = (figures.declaredCreditsTiyn ?? 0) + credits;
    if (debits !== null) figures.declaredDebitsTiyn = (figures.declaredDebitsTiyn ?? 0) + debits;
  }
  for (const row of rows) {
    const figures = byAccount.get(row.account);
    if (figures) addMovement(figures, row.amountTiyn);
  }
  return [...byAccount.values()];
}
