// The first bytes of the file the manager chose, read here in the renderer: the preview does not
// list a CSV's columns, so the mapping form offers the header row's names from this head, and
// guesses the encoding, the delimiter and the obvious columns (date, amount, credit/debit...).
import { DELIMITERS, type CsvEncoding, type Delimiter, type MappingDraft } from './mapping-draft.js';

const HEAD_BYTES = 64 * 1024;
const MAX_COLUMNS = 200;

/** The file's first 64 KiB (enough for any header block). */
export async function readFileHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

/** A byte-order mark wins over the encoding chosen, as it does when main reads the file (Excel's "Unicode text" is UTF-16). */
function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return null;
}

function decode(bytes: Uint8Array, encoding: CsvEncoding): string {
  try {
    return new TextDecoder(bomEncoding(bytes) ?? encoding).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return '';
  }
}

/** UTF-8 when the head decodes strictly as UTF-8 (a cut multi-byte tail allowed), else cp1251. */
export function guessEncoding(bytes: Uint8Array): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/**
 * The head's CSV records, numbered as main numbers rows: a quoted field (opened at a field's start) may
 * span lines — a bank header cell wrapped in Excel ("Дата\nоперации") stays one record. The last one is
 * dropped when the head ends mid-record.
 */
function headLines(bytes: Uint8Array, encoding: CsvEncoding, complete: boolean): string[] {
  const text = decode(bytes, encoding);
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && (i === start || FIELD_STARTS.includes(text[i - 1]!))) {
      quoted = true;
    } else if (c === '\n' || c === '\r') {
      records.push(text.slice(start, i));
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  records.push(text.slice(start));
  if (!complete) records.pop();
  return records;
}

/** What a quote may follow to open a quoted field: any delimiter Kassa reads (the head's is not known yet). */
const FIELD_STARTS: readonly string[] = DELIMITERS;

/** A header cell as main matches it: runs of spaces and line breaks made one space. */
const cellName = (cell: string) => cell.replace(/\s+/g, ' ').trim();

/** One CSV line split on the delimiter ("…" quoting honoured, no multi-line fields). */
export function splitCsvLine(line: string, delimiter: Delimiter): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export interface FileHead {
  bytes: Uint8Array;
  /** The whole file fits in the head. */
  complete: boolean;
}

/** The names in the header row of the head (trimmed, empty ones left out, at most 200). */
export function headerColumns(head: FileHead, encoding: CsvEncoding, delimiter: Delimiter, headerRow: number): string[] {
  const line = headLines(head.bytes, encoding, head.complete)[headerRow - 1];
  if (line === undefined) return [];
  const names = splitCsvLine(line, delimiter)
    .map(cellName)
    .filter((name) => name !== '');
  return [...new Set(names)].slice(0, MAX_COLUMNS);
}

// Names as banks write them (ru / kk / en). `(?!\p{L})` ends a word in any alphabet (\b is ASCII-only).
const GUESSES: readonly [keyof MappingDraft, RegExp][] = [
  ['dateColumn', /^(дата|date|күні|күн)(?!\p{L})|дата операции|дата документа|value date|booking date|операция күні|құжат күні/iu],
  ['timeColumn', /^(время|time|уақыт)(?!\p{L})/iu],
  ['creditColumn', /кредит|приход|поступлени|зачислени|credit|кіріс|түсім/iu],
  ['debitColumn', /дебет|расход|списани|debit|шығыс/iu],
  ['amountColumn', /^(сумма|amount|сома|сомасы)(?!\p{L})/iu],
  ['descriptionColumn', /назначени|описани|детали|description|purpose|details|мақсат/iu],
  // the payer's name — not its BIN, account or bank (ru / kk / en), which say nothing of who paid
  ['counterpartyColumn', /^(?!.*(бин|иин|бсн|жсн|(?<!\p{L})bin(?!\p{L})|сч[её]т|иик|жск|бск|account|iban|банк|bank|бик|bic))(?=.*(плательщик|отправитель|контрагент|корреспондент|payer|counterparty|төлеуші|жіберуші))/iu],
  // a document number is no id: numbers repeat (per payer, per year); rows without an id column get one from their content
  ['docNumberColumn', /(номер|№)\s*(платежного\s+)?док|document (no|number)|құжат нөмірі/iu],
  // nor is a bare "№" / "Номер" / "№ п/п": a row counter, 1, 2, 3… again in every export — as an id it
  // would make the next export's new lines "already imported"
  ['idColumn', /^(id|референс|reference|ref|rrn)(?!\p{L})(?!.*(док|document|құжат))|^(id|номер|№)\s*(операции|транзакции|transaction|операцияның)/iu],
];

/**
 * A first guess of the form from the head: encoding, delimiter (the one splitting the most lines
 * into the same number of fields), header row (the first line with that many non-empty names) and
 * the columns whose names say what they hold. Nothing is guessed that the head does not show.
 */
export function guessMapping(head: FileHead): Partial<MappingDraft> {
  const encoding = guessEncoding(head.bytes);
  const lines = headLines(head.bytes, encoding, head.complete).slice(0, 50).filter((l) => l.trim() !== '');
  let best: { delimiter: Delimiter; fields: number; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => splitCsvLine(line, delimiter).length);
    const widest = Math.max(0, ...counts);
    const score = counts.filter((n) => n === widest && n > 1).length;
    if (widest > 1 && (!best || score > best.score)) best = { delimiter, fields: widest, score };
  }
  if (!best) return { encoding };
  const all = headLines(head.bytes, encoding, head.complete);
  // Metadata rows above a table ("Период:;01.03.2025") fill only a few cells; the header most of them.
  const needed = Math.max(2, Math.ceil(best.fields / 2));
  const index = all.findIndex((line) => splitCsvLine(line, best.delimiter).filter((f) => f.trim() !== '').length >= needed);
  const headerRow = index < 0 ? 1 : index + 1;
  const guess: Partial<MappingDraft> = { encoding, delimiter: best.delimiter, headerRow: String(headerRow) };
  const columns = headerColumns(head, encoding, best.delimiter, headerRow);
  const taken = new Set<string>();
  for (const [field, pattern] of GUESSES) {
    const column = columns.find((name) => !taken.has(name) && pattern.test(name));
    if (column) {
      taken.add(column);
      (guess as Record<string, string>)[field] = column;
    }
  }
  if (guess.creditColumn && guess.debitColumn && !guess.amountColumn) guess.amountMode = 'split';
  else {
    delete guess.creditColumn;
    delete guess.debitColumn;
  }
  // A decimal point in the first data rows' amounts ("1500.00") rather than a comma.
  const amountName = guess.amountColumn ?? guess.creditColumn;
  const amountIndex = amountName ? splitCsvLine(all[headerRow - 1] ?? '', best.delimiter).findIndex((n) => cellName(n) === amountName) : -1;
  if (amountIndex >= 0) {
    const values = all.slice(headerRow, headerRow + 20).map((line) => splitCsvLine(line, best.delimiter)[amountIndex] ?? '');
    if (values.some((v) => /\d\.\d{1,2}$/.test(v.trim())) && !values.some((v) => /\d,\d{1,2}$/.test(v.trim()))) guess.decimalSeparator = '.';
  }
  const dateName = guess.dateColumn;
  const dateIndex = dateName ? splitCsvLine(all[headerRow - 1] ?? '', best.delimiter).findIndex((n) => cellName(n) === dateName) : -1;
  if (dateIndex >= 0) {
    const values = all.slice(headerRow, headerRow + 20).map((line) => (splitCsvLine(line, best.delimiter)[dateIndex] ?? '').trim());
    const value = values[0] ?? '';
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) guess.dateFormat = 'yyyy-mm-dd';
    else if (/^\d{1,2}\/\d{1,2}\/\d{4}/.test(value)) guess.dateFormat = monthFirst(values) ? 'mm/dd/yyyy' : 'dd/mm/yyyy';
    else if (/^\d{2}\.\d{2}\.\d{4}/.test(value)) guess.dateFormat = 'dd.mm.yyyy';
    else if (/^\d{2}\.\d{2}\.\d{2}(?!\d)/.test(value)) guess.dateFormat = 'dd.mm.yy';
  }
  return guess;
}

/** Slash dates are month first when some row's middle number passes 12 and no row's first one does (else day first, as in Kazakhstan). */
function monthFirst(values: readonly string[]): boolean {
  const parts = values.map((v) => /^(\d{1,2})\/(\d{1,2})\//.exec(v)).filter((m) => m !== null);
  return parts.some((m) => Number(m[2]) > 12) && !parts.some((m) => Number(m[1]) > 12);
}
