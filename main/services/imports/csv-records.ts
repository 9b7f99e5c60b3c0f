// CSV records from a stream of text chunks, through papaparse's own parser (Papa.Parser, the one its
// streamers use), fed chunk by chunk: an incomplete last record is carried over to the next chunk.
// `line` counts records (1-based) — the row number a spreadsheet shows for the same file; it equals
// the physical line unless a quoted field spans lines. Two things stop the stream with a `fatal`
// item (always the last one), since everything after them would be misread:
//  * `unclosed_quote`: a quote that never closes (papaparse's MissingQuotes), or a badly closed one
//    whose field runs on over line breaks (`"Арабика" 250 г` … up to the next quote of the file):
//    the record has swallowed the following lines, so they can be neither imported nor counted;
//  * `record_too_long`: a record that grows past `maxRecordChars` (a gigantic field, or an unclosed
//    quote seen before the end of the file).
// A badly placed quote inside one line is only that record's `quoteError: 'malformed'`.
// `csvRecordBatches` hands out the records of each text chunk as one array (no promise per record:
// at 10^6 rows the per-record async step costs more than the parsing); `csvRecords` flattens it.
import Papa from 'papaparse';

export interface CsvRecord {
  line: number;
  cells: string[];
  quoteError?: 'malformed';
}

/** The stream stops here: the file cannot be read on from this record (`line`). */
export interface CsvStop {
  line: number;
  fatal: 'unclosed_quote' | 'record_too_long';
}

export type CsvItem = CsvRecord | CsvStop;

export const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;

export type CsvDelimiter = ';' | ',' | '\t' | '|';
const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ',', '|'];

interface PapaResult {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

export async function* csvRecords(
  text: AsyncIterable<string>,
  options: { delimiter: string; maxRecordChars?: number },
): AsyncGenerator<CsvItem> {
  for await (const batch of csvRecordBatches(text, options)) yield* batch;
}

/** The records of each text chunk as one array; a `fatal` item is always the last one. */
export async function* csvRecordBatches(
  text: AsyncIterable<string>,
  options: { delimiter: string; maxRecordChars?: number },
): AsyncGenerator<CsvItem[]> {
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let parser: Papa.Parser | null = null;
  let partial = '';
  let line = 0;
  let first = true;
  let stopped = false;
  // The record left over from the last parse runs over a line break: it is inside a quoted field,
  // which only a quote can end. Text without one is appended unparsed, else a quote that never
  // closes would have the whole rest of the file parsed again for every chunk.
  let insideQuotes = false;

  // Every line break is made \n before parsing: a file whose lines end in CRLF, LF or CR by turns (a
  // row fixed in another editor) has each of them end a record — a break of another kind than the
  // first one's would otherwise run two rows into one, losing the second without a word.
  const makeParser = (): Papa.Parser => new Papa.Parser({ delimiter: options.delimiter, newline: '\n', quoteChar: '"' });
  /** Appends the records of `result` to `out`; a record that swallowed lines ends `out` with a stop. */
  function emit(result: PapaResult, out: CsvItem[]): CsvItem[] {
    let unclosed = -1;
    let malformed: Set<number> | null = null;
    for (const e of result.errors) {
      if (e.row === undefined || e.row >= result.data.length) continue;
      if (e.code === 'MissingQuotes') unclosed = unclosed === -1 ? e.row : Math.min(unclosed, e.row);
      else if (e.code === 'InvalidQuotes') (malformed ??= new Set()).add(e.row);
    }
    for (let i = 0; i < result.data.length; i++) {
      const cells = result.data[i]!;
      line++;
      if (i === unclosed || (malformed?.has(i) && cells.some((c) => /[\r\n]/.test(c)))) {
        out.push({ line, fatal: 'unclosed_quote' });
        stopped = true;
        return out;
      }
      out.push(malformed?.has(i) ? { line, cells, quoteError: 'malformed' } : { line, cells });
    }
    return out;
  }

  let heldCr = false; // a chunk may end between the \r and \n of a CRLF
  for await (const raw of text) {
    let chunk: string = heldCr ? `\r${raw}` : raw;
    heldCr = chunk.endsWith('\r');
    if (heldCr) chunk = chunk.slice(0, -1);
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n');
    partial += first && chunk.startsWith('\ufeff') ? chunk.slice(1) : chunk;
    first = false;
    if (parser === null) {
      if (!partial.includes('\n')) {
        if (partial.length > max) {
          yield [{ line: line + 1, fatal: 'record_too_long' }];
          return;
        }
        continue;
      }
      parser = makeParser();
    }
    if (insideQuotes && !chunk.includes('"')) {
      if (partial.length > max) {
        yield [{ line: line + 1, fatal: 'record_too_long' }];
        return;
      }
      continue;
    }
    const result = parser.parse(partial, 0, true) as PapaResult;
    const out = emit(result, []);
    if (stopped) return yield out;
    partial = partial.slice(result.meta.cursor);
    insideQuotes = partial.includes('\n');
    if (partial.length > max) {
      out.push({ line: line + 1, fatal: 'record_too_long' });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
  if (heldCr) partial += '\n';
  if (partial.length > 0) {
    parser ??= makeParser();
    const out = emit(parser.parse(partial, 0, false) as PapaResult, []);
    if (out.length > 0) yield out;
  }
}

/**
 * Guesses the delimiter from the first lines: the candidate that splits the most lines into the
 * same (non-zero) number of fields. Ties prefer ';' (Kazakh/Russian exports), then tab, then ','.
 */
export function sniffDelimiter(sample: string): CsvDelimiter {
  const lines = sample.split(/\r\n|\n|\r/, 60).filter((l) => l.trim() !== '');
  let best: CsvDelimiter = ';';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const frequency = new Map<number, number>();
    for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let score = 0;
    for (const [count, times] of frequency) score = Math.max(score, times * 1000 + count);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}
