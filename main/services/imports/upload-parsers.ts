// From an uploaded file on disk to batches of parser events: detect the format (by content; the
// manager may override it), then open the matching streaming parser over a byte-counting read
// stream. The Kaspi report streams in batches without its in-memory duplicate registry — the
// staging table finds duplicate ids instead, so memory does not grow with the file.
import { readFailureMessage } from '../../fs-error-text.js';
import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportFormat } from '../../../shared/import-domain.js';
import { ZIP_MAGIC, startsWithBytes } from './byte-source.js';
import { detectFormat } from './detect-format.js';
import type { ImportEvent } from './import-result.js';
import type { ImportRow } from './import-row.js';
import { streamJsonPayments } from './json-payments-parser.js';
import { streamKaspiGoldLines } from './kaspi-gold-lines-parser.js';
import { streamMappedCsv } from './mapped-csv-parser.js';
import { streamMt940 } from './mt940-parser.js';
import { failure, reason, sizeLimit, type FileFailure, type Reason } from './reason-codes.js';
import { MAX_XLSX_BYTES, streamSalesReportBatches } from './sales-report-parser.js';
import { streamStatement1c } from './statement-1c-parser.js';
import { MAX_INFLATED_XLSX_BYTES } from './xlsx-rows.js';
import { checkXlsxZip } from './zip-directory.js';

export type AnyEvent = ImportEvent<ImportRow, unknown>;

/** Read size: small chunks keep each batch of row objects young (cheap to collect). */
const READ_CHUNK = 64 * 1024;
/** Events per batch for the parsers that stream one event at a time. */
const EVENTS_PER_BATCH = 500;

export interface Detected {
  format: ImportFormat | null;
  /** Why detection found no format, or 'needs_mapping' for a CSV of no known kind. */
  reason: Reason | null;
}

export async function readPrefix(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Format by content. A zip is read whole (its directory sits at the end), up to the xlsx limit. */
export async function detectUpload(path: string, fileName: string, size: number): Promise<Detected> {
  let bytes: Buffer;
  try {
    bytes = await readPrefix(path, 128 * 1024 + 1); // > 64 KiB: detection knows it saw a prefix
    if (startsWithBytes(bytes, ZIP_MAGIC)) {
      if (size > MAX_XLSX_BYTES) return { format: null, reason: reason('file_too_large', sizeLimit(MAX_XLSX_BYTES)) };
      bytes = await readPrefix(path, size);
    }
  } catch (error) {
    // the upload vanished or cannot be opened: say so (read_failed), not "internal error"
    return { format: null, reason: reason('read_failed', { message: readFailureMessage(error) }) };
  }
  // a zip: its directory only — the workbook is opened by the parser, in the worker (never here, on the
  // till's thread: a small file may unpack into millions of cells); no report header there is no_header
  if (startsWithBytes(bytes, ZIP_MAGIC)) {
    const check = checkXlsxZip(bytes, MAX_INFLATED_XLSX_BYTES);
    if (check.ok) return { format: 'kaspi-report', reason: null };
    return { format: null, reason: reason(check.code, check.code === 'file_too_large' ? sizeLimit(MAX_INFLATED_XLSX_BYTES) : undefined) };
  }
  const found = await detectFormat(bytes, fileName);
  if (found.format === 'unknown') return { format: null, reason: found.reason ?? reason('needs_mapping') };
  return { format: found.format, reason: found.format === 'csv' ? found.reason : null };
}

export interface OpenedParse {
  batches: AsyncIterable<AnyEvent[]>;
  /** Bytes read from the file so far. */
  bytesRead(): number;
  /** Stops reading (cancel, or the end): closes the file. */
  close(): void;
}

async function* counted(stream: ReadStream, onChunk: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    onChunk((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

async function* inBatches(events: AsyncIterable<AnyEvent>): AsyncGenerator<AnyEvent[]> {
  let batch: AnyEvent[] = [];
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= EVENTS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* failed(f: FileFailure): AsyncGenerator<AnyEvent[]> {
  yield [{ kind: 'fatal', failure: f }];
}

/** Opens the parser of `format` over the file. `mapping` is required for 'csv'. */
export function openParse(path: string, fileName: string, format: ImportFormat, mapping: unknown): OpenedParse {
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  const source = counted(stream, (n) => (bytes += n));
  let batches: AsyncIterable<AnyEvent[]>;
  switch (format) {
    case 'kaspi-report':
      batches = streamSalesReportBatches(source, { fileName, trackDuplicates: false }) as AsyncIterable<AnyEvent[]>;
      break;
    case '1c':
      batches = inBatches(streamStatement1c(source));
      break;
    case 'mt940':
      batches = inBatches(streamMt940(source));
      break;
    case 'kaspi-gold':
      batches = inBatches(streamKaspiGoldLines(source));
      break;
    case 'json':
      batches = inBatches(streamJsonPayments(source));
      break;
    case 'csv':
      batches = mapping === undefined ? failed(failure('needs_mapping')) : inBatches(streamMappedCsv(source, mapping));
      break;
  }
  return { batches, bytesRead: () => bytes, close: () => stream.destroy() };
}
