// CSV records from a stream of text chunks, through papaparse's own parser (Papa.Parser, the one its
// streamers use), fed chunk by chunk: an incomplete last record is carried over to the next chunk.
// `line` counts records (1-based) — the row number a spreadsheet shows for the same file; it equals
// the physical line unless a quoted field spans lines. A record that grows past `maxRecordChars`
// (an unclosed quote swallowing the file, a gigantic field) stops the stream with `tooLong`.
// `csvRecordBatches` hands out the records of each text chunk as one array (no promise per record:
// at 10^6 rows the per-record async step costs more than the parsing); `csvRecords` flattens it.
import Papa from 'papaparse';

export interface CsvRecord {
  line: number;
  cells: string[];
  quoteError?: 'unclosed' | 'malformed';
}

export type CsvItem = CsvRecord | { line: number; tooLong: true };

export const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;

export type CsvDelimiter = ';' | ',' | '\t' | '|';
const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ',', '|'];

function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r !== -1 && (n === -1 || r < n)) return text[r + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

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

/** The records of each text chunk as one array; a `tooLong` item is always the last one. */
export async function* csvRecordBatches(
  text: AsyncIterable<string>,
  options: { delimiter: string; maxRecordChars?: number },
): AsyncGenerator<CsvItem[]> {
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let parser: Papa.Parser | null = null;
  let newline: '\r\n' | '\n' | '\r' = '\n';
  let partial = '';
  let line = 0;
  let first = true;

  const makeParser = (): Papa.Parser => {
    newline = detectNewline(partial);
    return new Papa.Parser({ delimiter: options.delimiter, newline, quoteChar: '"' });
  };
  function emit(result: PapaResult, out: CsvItem[]): CsvItem[] {
    const quoteErrors = new Map<number, 'unclosed' | 'malformed'>();
    for (const e of result.errors) {
      if (e.row === undefined || e.row >= result.data.length) continue;
      if (e.code === 'MissingQuotes') quoteErrors.set(e.row, 'unclosed');
      else if (e.code === 'InvalidQuotes' && !quoteErrors.has(e.row)) quoteErrors.set(e.row, 'malformed');
    }
    for (let i = 0; i < result.data.length; i++) {
      const cells = result.data[i]!;
      if (newline === '\n' && cells.length > 0) {
        const last = cells[cells.length - 1]!;
        if (last.endsWith('\r')) cells[cells.length - 1] = last.slice(0, -1);
      }
      line++;
      const quoteError = quoteErrors.size === 0 ? undefined : quoteErrors.get(i);
      out.push(quoteError ? { line, cells, quoteError } : { line, cells });
    }
    return out;
  }

  for await (const chunk of text) {
    partial += first && chunk.startsWith('\ufeff') ? chunk.slice(1) : chunk;
    first = false;
    if (parser === null) {
      if (!/[\r\n]/.test(partial)) {
        if (partial.length > max) {
          yield [{ line: line + 1, tooLong: true }];
          return;
        }
        continue;
      }
      parser = makeParser();
    }
    const result = parser.parse(partial, 0, true) as PapaResult;
    const out = emit(result, []);
    partial = partial.slice(result.meta.cursor);
    if (partial.length > max) {
      out.push({ line: line + 1, tooLong: true });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
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
