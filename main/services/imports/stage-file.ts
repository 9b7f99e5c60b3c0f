// The parsing half shared by preview and commit: stream the file through its parser (in a worker
// thread for files of megabytes and for every workbook, `worker-chunks.ts`) into a staging table, keep the first invalid
// entries and the file-level problems, report progress, stop on cancel. Afterwards flag in-file
// duplicate ids (they join the invalid entries) — or leave that to the commit.
import { statSync } from 'node:fs';
import type { Db } from '../../store/database.js';
import type { ImportFormat } from '../../../shared/import-domain.js';
import { MAX_FILE_SUM_TIYN, Staging, type InFileDuplicates } from './import-staging.js';
import { ZIP_MAGIC, startsWithBytes } from './byte-source.js';
import { readPrefix } from './upload-parsers.js';
import { clip, failure, reason, type FileFailure, type InvalidEntry, type Reason } from './reason-codes.js';
import { kindOfFormat } from './row-kinds.js';
import { parseChunks } from './parsed-chunks.js';
import { parseChunksInWorker } from './worker-chunks.js';

/** Smaller files parse in this thread: starting a worker would cost more than it saves. */
const WORKER_FROM_BYTES = 2 * 1024 * 1024;
/** Invalid entries kept for the preview and the CLI (the rest are only counted). */
export const MAX_INVALID_KEPT = 500;
const MAX_PROBLEMS_KEPT = 100;

export interface StageRequest {
  path: string;
  fileName: string;
  format: ImportFormat;
  mapping: unknown;
  /** Called after every batch of events (the caller throttles). */
  onProgress?: (rows: number, bytesRead: number) => void;
  /** Polled after every batch: true stops the parse (the result is then 'cancelled'). */
  cancelled?: () => boolean;
  /**
   * 'now' (default): flag in-file duplicate ids once the file is staged (an index over the staging
   * table). 'later': the caller does it (a commit lets the table's UNIQUE key find them for free
   * when there are none) and then calls addDuplicates.
   */
  duplicates?: 'now' | 'later';
}

export interface StagedFile {
  staging: Staging;
  failure: FileFailure | null;
  invalid: InvalidEntry[];
  invalidCount: number;
  problems: Reason[];
  bytesRead: number;
  /** Where the file was parsed (the log says it). */
  parsedIn: 'worker' | 'this' | 'unknown';
  /** The parser's metadata from its end event (file-header.ts reads it); null until then. */
  meta: unknown;
}

/** 0 when the file cannot be read: the parser then says why (read_failed), in this thread. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function stageFile(db: Db, request: StageRequest): Promise<StagedFile | 'cancelled'> {
  const staging = new Staging(db, kindOfFormat(request.format));
  const { path, fileName, format, mapping } = request;
  const parseRequest = { path, fileName, format, mapping };
  // an .xlsx is unpacked whole (exceljs): a small file may hold millions of cells, so it is always read
  // in the worker, whose heap is bounded — never in the till's thread
  const zip = await readPrefix(path, 4).then((head) => startsWithBytes(head, ZIP_MAGIC), () => false);
  const parse =
    sizeOf(path) >= WORKER_FROM_BYTES || zip ? parseChunksInWorker(parseRequest, request.cancelled ? { cancelled: request.cancelled } : {}) : parseChunks(parseRequest);
  const result: StagedFile = { staging, failure: null, invalid: [], invalidCount: 0, problems: [], bytesRead: 0, parsedIn: 'unknown', meta: null };
  try {
    outer: for await (const chunk of parse.chunks) {
      result.bytesRead = chunk.bytesRead;
      for (const event of chunk.events) {
        switch (event.kind) {
          case 'invalid':
            result.invalidCount++;
            if (result.invalid.length < MAX_INVALID_KEPT) result.invalid.push({ line: event.line, reason: event.reason });
            break;
          case 'problem':
            if (result.problems.length < MAX_PROBLEMS_KEPT) result.problems.push(event.reason);
            break;
          case 'fatal':
            result.failure = event.failure;
            break outer;
          case 'end':
            result.meta = event.meta;
            break;
        }
      }
      staging.addFlat(chunk.values, chunk.rows);
      if (staging.tooLargeAt !== null) {
        result.failure = failure('amounts_too_large', { line: staging.tooLargeAt, limitTiyn: MAX_FILE_SUM_TIYN });
        break;
      }
      request.onProgress?.(staging.rows, chunk.bytesRead);
      if (request.cancelled?.()) {
        staging.drop();
        return 'cancelled';
      }
    }
  } catch (error) {
    staging.drop();
    throw error;
  } finally {
    result.parsedIn = parse.thread;
    await parse.close();
  }
  if (request.cancelled?.()) {
    // (the worker's chunks end early once it is cancelled)
    staging.drop();
    return 'cancelled';
  }
  if (result.failure) return result;
  if (request.duplicates !== 'later') addDuplicates(result, staging.markInFileDuplicates(MAX_INVALID_KEPT));
  return result;
}

/**
 * Joins a file's in-file duplicates to its invalid entries (sorted by line, the first
 * MAX_INVALID_KEPT kept, the rest counted). Call once per staged file, with no duplicates too.
 */
export function addDuplicates(result: StagedFile, duplicates: InFileDuplicates): void {
  if (duplicates.count > 0) {
    result.invalidCount += duplicates.count;
    for (const d of duplicates.first) {
      if (result.invalid.length >= MAX_INVALID_KEPT) break;
      result.invalid.push({
        line: d.line,
        reason: reason('duplicate_in_file', { externalId: clip(d.externalId, 200), firstLine: d.firstLine }),
      });
    }
    result.invalid.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
  if (result.invalidCount > result.invalid.length) {
    result.problems.push(reason('invalid_truncated', { kept: result.invalid.length, total: result.invalidCount }));
  }
}
