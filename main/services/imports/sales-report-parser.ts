// Kaspi Pay sales report ("отчёт по продажам") parser: .xlsx (exceljs) or a CSV copy (papaparse;
// ';' ',' or tab; UTF-8 with/without BOM or windows-1251). The container is chosen by content
// (zip magic), the name only refuses an ".xlsx" that is not a zip. Lines: CSV record number /
// Excel row number. See report-table.ts for the table rules and report-row-mapper.ts for a row.
// The stream comes in two forms: one event at a time, or the events of each chunk as an array
// (`streamSalesReportBatches`, what the import pipeline reads: no promise per row).
import {
  EMPTY_ZIP_MAGIC,
  OLE_MAGIC,
  ZIP_MAGIC,
  peekSource,
  readAllBytes,
  startsWithBytes,
  type ByteSource,
} from './byte-source.js';
import { csvRecordBatches, sniffDelimiter } from './csv-records.js';
import { decodeBytes, decodeChunks, detectEncoding, looksBinary, type TextEncodingName } from './encoding.js';
import { collect, flattenBatches, guardBatches, type ImportEvent, type ParseResult } from './import-result.js';
import type { SalesReportRow } from './import-row.js';
import { failure, reason, sizeLimit, type FileFailure } from './reason-codes.js';
import { isReportHeader } from './report-columns.js';
import { cellText } from './report-row-mapper.js';
import { HEADER_SEARCH_ROWS, ReportTable, type ReportHeaderInfo } from './report-table.js';
import { openXlsx, type XlsxSheet } from './xlsx-rows.js';

export interface SalesReportMeta extends ReportHeaderInfo {
  container: 'xlsx' | 'csv';
  encoding: TextEncodingName | null;
  delimiter: string | null;
  sheet: string | null;
}

export interface SalesReportOptions {
  fileName?: string;
  /**
   * true (default): a second row with the same external id is invalid `duplicate_in_file` (the ids
   * are remembered in memory, ~60 bytes a row). false: every row is emitted and the caller finds
   * duplicates itself (the import pipeline does it in SQL, keeping memory flat for any file size).
   */
  trackDuplicates?: boolean;
}

/** Rows of an .xlsx sheet handed out per batch. */
const XLSX_BATCH_ROWS = 2000;

export type SalesReportEvent = ImportEvent<SalesReportRow, SalesReportMeta>;

/** Largest .xlsx read into memory. */
export const MAX_XLSX_BYTES = 100 * 1024 * 1024;

/** Streams a sales report: rows as they are read, then one `end` event with the meta (or `fatal`). */
export function streamSalesReport(source: ByteSource, options: SalesReportOptions = {}): AsyncGenerator<SalesReportEvent> {
  return flattenBatches(streamSalesReportBatches(source, options));
}

/** The same stream, the events of each chunk (CSV text chunk, 2000 sheet rows) as one array. */
export function streamSalesReportBatches(source: ByteSource, options: SalesReportOptions = {}): AsyncGenerator<SalesReportEvent[]> {
  return guardBatches(salesReportBatches(source, options));
}

/** Parses a whole sales report into arrays. */
export function parseSalesReport(
  source: ByteSource,
  options: SalesReportOptions = {},
): Promise<ParseResult<SalesReportRow, SalesReportMeta>> {
  return collect(streamSalesReport(source, options));
}

async function* salesReportBatches(source: ByteSource, options: SalesReportOptions): AsyncGenerator<SalesReportEvent[]> {
  const peeked = await peekSource(source, 64 * 1024);
  const head = peeked.prefix;
  if (head.length === 0) return yield fatal(failure('empty_file'));
  if (startsWithBytes(head, OLE_MAGIC)) return yield fatal(failure('legacy_xls'));
  if (startsWithBytes(head, EMPTY_ZIP_MAGIC)) return yield fatal(failure('not_xlsx'));
  const track = options.trackDuplicates ?? true;
  if (startsWithBytes(head, ZIP_MAGIC)) {
    const all = await readAllBytes(peeked.complete ? head : peeked.chunks, MAX_XLSX_BYTES);
    if (!all.ok) return yield fatal(failure('file_too_large', sizeLimit(MAX_XLSX_BYTES)));
    return yield* xlsxBatches(all.bytes, track);
  }
  if (/\.xlsx$/i.test(options.fileName ?? '')) return yield fatal(failure('not_xlsx'));
  yield* csvBatches(peeked.prefix, peeked.complete, peeked.chunks, track);
}

function fatal(f: FileFailure): SalesReportEvent[] {
  return [{ kind: 'fatal', failure: f }];
}

async function* xlsxBatches(bytes: Uint8Array, track: boolean): AsyncGenerator<SalesReportEvent[]> {
  const opened = await openXlsx(bytes);
  if (!opened.ok) return yield fatal(opened);
  let firstFailure: FileFailure | null = null;
  for (const [index, sheet] of opened.sheets.entries()) {
    const table = new ReportTable({ trackDuplicates: track });
    let pushed = 0;
    for (const { line, cells } of sheet.rows()) {
      const go = table.push(line, cells);
      if (!go) break;
      if (++pushed % XLSX_BATCH_ROWS === 0) yield table.takeEvents();
    }
    table.finish();
    const events: SalesReportEvent[] = table.takeEvents();
    if (table.fatal) {
      // A sheet without the report (a cover page, a summary) is skipped; a broken report is not.
      if (table.headerFound) return yield [...events, ...fatal(table.fatal)];
      if (events.length > 0) yield events;
      firstFailure ??= table.fatal;
      continue;
    }
    const meta: SalesReportMeta = { ...table.info, container: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name };
    // one sheet is read: a report split over several sheets says so rather than losing the rest
    const others = opened.sheets.slice(index + 1).filter(hasReportHeader).map((s) => s.name);
    if (others.length > 0) events.push({ kind: 'problem', reason: reason('report_in_other_sheets', { sheet: sheet.name, others: others.join(', ').slice(0, 200) }) });
    events.push({ kind: 'end', meta });
    return yield events;
  }
  yield fatal(firstFailure ?? failure('no_header'));
}

/** A sheet with a report header row where the table looks for one. */
function hasReportHeader(sheet: XlsxSheet): boolean {
  let rows = 0;
  for (const { cells } of sheet.rows()) {
    if (++rows > HEADER_SEARCH_ROWS) return false;
    if (isReportHeader(cells.map(cellText)) !== null) return true;
  }
  return false;
}

async function* csvBatches(
  prefix: Uint8Array,
  complete: boolean,
  chunks: AsyncIterable<Uint8Array>,
  track: boolean,
): AsyncGenerator<SalesReportEvent[]> {
  if (looksBinary(prefix)) return yield fatal(failure('binary_content'));
  const encoding = detectEncoding(prefix, complete);
  const sample = decodeBytes(prefix.subarray(0, 64 * 1024), encoding);
  if (sample.trim() === '' && complete) return yield fatal(failure('empty_file'));
  const delimiter = sniffDelimiter(sample);
  let replaced = false;
  const text = decodeChunks(chunks, encoding, () => (replaced = true));
  const table = new ReportTable({ trackDuplicates: track, textRows: true });
  let stopped = false;
  for await (const records of csvRecordBatches(text, { delimiter })) {
    for (const record of records) {
      if ('fatal' in record) {
        // the rows read so far go out with the refusal, which stops the whole file
        return yield [...table.takeEvents(), ...fatal(failure(record.fatal, { line: record.line }))];
      }
      if (record.quoteError && table.headerFound) {
        table.events.push({ kind: 'invalid', line: record.line, reason: reason('malformed_quotes') });
        continue;
      }
      if (!table.push(record.line, record.cells)) {
        stopped = true;
        break;
      }
    }
    if (table.events.length > 0) yield table.takeEvents();
    if (stopped) break;
  }
  table.finish();
  const events: SalesReportEvent[] = table.takeEvents();
  if (table.fatal) return yield [...events, ...fatal(table.fatal)];
  if (replaced) events.push({ kind: 'problem', reason: reason('encoding_replaced') });
  events.push({ kind: 'end', meta: { ...table.info, container: 'csv', encoding, delimiter, sheet: null } });
  yield events;
}
