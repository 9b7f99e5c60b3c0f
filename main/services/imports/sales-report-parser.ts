// Kaspi Pay sales report ("отчёт по продажам") parser: .xlsx (exceljs) or a CSV copy (papaparse;
// ';' ',' or tab; UTF-8 with/without BOM or windows-1251). The container is chosen by content
// (zip magic), the name only refuses an ".xlsx" that is not a zip. Lines: CSV record number /
// Excel row number. See report-table.ts for the table rules and report-row-mapper.ts for a row.
import {
  EMPTY_ZIP_MAGIC,
  OLE_MAGIC,
  ZIP_MAGIC,
  peekSource,
  readAllBytes,
  startsWithBytes,
  type ByteSource,
} from './byte-source.js';
import { csvRecords, sniffDelimiter } from './csv-records.js';
import { decodeBytes, decodeChunks, detectEncoding, looksBinary, type TextEncodingName } from './encoding.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import type { SalesReportRow } from './import-row.js';
import { failure, reason, type FileFailure } from './reason-codes.js';
import { ReportTable, type ReportHeaderInfo } from './report-table.js';
import { openXlsx } from './xlsx-rows.js';

export interface SalesReportMeta extends ReportHeaderInfo {
  container: 'xlsx' | 'csv';
  encoding: TextEncodingName | null;
  delimiter: string | null;
  sheet: string | null;
}

export interface SalesReportOptions {
  fileName?: string;
}

export type SalesReportEvent = ImportEvent<SalesReportRow, SalesReportMeta>;

/** Largest .xlsx read into memory. */
export const MAX_XLSX_BYTES = 100 * 1024 * 1024;

/** Streams a sales report: rows as they are read, then one `end` event with the meta (or `fatal`). */
export function streamSalesReport(source: ByteSource, options: SalesReportOptions = {}): AsyncGenerator<SalesReportEvent> {
  return guardEvents(salesReportEvents(source, options));
}

/** Parses a whole sales report into arrays. */
export function parseSalesReport(
  source: ByteSource,
  options: SalesReportOptions = {},
): Promise<ParseResult<SalesReportRow, SalesReportMeta>> {
  return collect(streamSalesReport(source, options));
}

async function* salesReportEvents(source: ByteSource, options: SalesReportOptions): AsyncGenerator<SalesReportEvent> {
  const peeked = await peekSource(source, 64 * 1024);
  const head = peeked.prefix;
  if (head.length === 0) return yield fatal(failure('empty_file'));
  if (startsWithBytes(head, OLE_MAGIC)) return yield fatal(failure('legacy_xls'));
  if (startsWithBytes(head, EMPTY_ZIP_MAGIC)) return yield fatal(failure('not_xlsx'));
  if (startsWithBytes(head, ZIP_MAGIC)) {
    const all = await readAllBytes(peeked.complete ? head : peeked.chunks, MAX_XLSX_BYTES);
    if (!all.ok) return yield fatal(failure('file_too_large', { maxBytes: MAX_XLSX_BYTES }));
    return yield* xlsxEvents(all.bytes);
  }
  if (/\.xlsx$/i.test(options.fileName ?? '')) return yield fatal(failure('not_xlsx'));
  yield* csvEvents(peeked.prefix, peeked.complete, peeked.chunks);
}

function fatal(f: FileFailure): SalesReportEvent {
  return { kind: 'fatal', failure: f };
}

async function* xlsxEvents(bytes: Uint8Array): AsyncGenerator<SalesReportEvent> {
  const opened = await openXlsx(bytes);
  if (!opened.ok) return yield fatal(opened);
  let firstFailure: FileFailure | null = null;
  for (const sheet of opened.sheets) {
    const table = new ReportTable();
    for (const { line, cells } of sheet.rows()) {
      const go = table.push(line, cells);
      yield* drain(table.events);
      if (!go) break;
    }
    table.finish();
    yield* drain(table.events);
    if (table.fatal) {
      // A sheet without the report (a cover page, a summary) is skipped; a broken report is not.
      if (table.headerFound) return yield fatal(table.fatal);
      firstFailure ??= table.fatal;
      continue;
    }
    const meta: SalesReportMeta = { ...table.info, container: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name };
    return yield { kind: 'end', meta };
  }
  yield fatal(firstFailure ?? failure('no_header'));
}

async function* csvEvents(
  prefix: Uint8Array,
  complete: boolean,
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<SalesReportEvent> {
  if (looksBinary(prefix)) return yield fatal(failure('binary_content'));
  const encoding = detectEncoding(prefix, complete);
  const sample = decodeBytes(prefix.subarray(0, 64 * 1024), encoding);
  if (sample.trim() === '' && complete) return yield fatal(failure('empty_file'));
  const delimiter = sniffDelimiter(sample);
  let replaced = false;
  const text = decodeChunks(chunks, encoding, complete ? undefined : () => (replaced = true));
  const table = new ReportTable();
  for await (const record of csvRecords(text, { delimiter })) {
    if ('tooLong' in record) {
      return yield fatal(failure('record_too_long', { line: record.line }));
    }
    if (record.quoteError && table.headerFound) {
      const code = record.quoteError === 'unclosed' ? 'unclosed_quote' : 'malformed_quotes';
      yield { kind: 'invalid', line: record.line, reason: reason(code) };
      continue;
    }
    const go = table.push(record.line, record.cells);
    yield* drain(table.events);
    if (!go) break;
  }
  table.finish();
  yield* drain(table.events);
  if (table.fatal) return yield fatal(table.fatal);
  if (replaced) yield { kind: 'problem', reason: reason('encoding_replaced') };
  yield { kind: 'end', meta: { ...table.info, container: 'csv', encoding, delimiter, sheet: null } };
}

/** Yields and empties a buffer of events (no new array per row). */
function* drain<T>(events: T[]): Generator<T> {
  for (const event of events) yield event;
  events.length = 0;
}
