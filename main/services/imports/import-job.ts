// One commit: parse the file into staging (async, cancellable, no lock on the main database), then
// write it in ONE transaction — a kill -9 at any moment leaves all of the batch or none of it.
// The write runs synchronously in chunks: holding SQLite's write lock across event-loop turns would
// make the till's own writes (same process) wait on a lock only this loop could release.
// A report re-export fills the empty settlement dates / fees of rows already stored (in the same
// transaction, undoable with its batch) and reports changed values (`changed_in_reexport`) without
// applying them; that check runs only when the table's UNIQUE key turned rows away — a file of new
// rows pays nothing for it.
import type { ImportBatch, ImportFormat, ImportProgress } from '../../../shared/import-domain.js';
import type { Db } from '../../store/database.js';
import { ImportsRepo } from '../../store/imports-repo.js';
import { fileHeaderOf } from './file-header.js';
import type { Logger } from '../logger.js';
import { NO_DUPLICATES, type InFileDuplicates, type Staging } from './import-staging.js';
import { openJobConnection } from './job-connection.js';
import { failure as fileFailure, reason, type FileFailure, type InvalidEntry, type Reason } from './reason-codes.js';
import { addDuplicates, MAX_INVALID_KEPT, stageFile } from './stage-file.js';
import { storageErrorCode, type StorageErrorCode } from '../../store/storage-error.js';

/** Staged rows copied per INSERT … SELECT (a progress event may follow each). */
const WRITE_CHUNK_ROWS = 20_000;
/** A batch this large, and larger than its table, drops the secondary indexes and builds them after. */
const REBUILD_INDEXES_FROM = 50_000;
/** A batch this large leaves its write-ahead log to a checkpoint in the background (wal-checkpoint.ts). */
const BACKGROUND_CHECKPOINT_FROM = 20_000;
/** At most ~10 progress events a second. */
const PROGRESS_INTERVAL_MS = 100;
/** How long the screen is given to hear "writing" before the write holds this thread. */
const WRITE_ANNOUNCE_MS = 50;

export interface ImportOutcome {
  phase: 'done' | 'failed' | 'cancelled';
  /** The format read (null: none could be detected). */
  format: ImportFormat | null;
  /** Valid rows in the file (in-file duplicates not counted). */
  rows: number;
  /** Rows this import inserted. */
  imported: number;
  /** Report rows already stored whose empty settlement date / fee this import filled. */
  updated: number;
  /** Valid rows that were already in the database. */
  duplicates: number;
  invalid: InvalidEntry[];
  invalidCount: number;
  problems: Reason[];
  batch: ImportBatch | null;
  /** Why nothing was written: the file's reason, or the database's (busy, a full or read-only disk). */
  failure: FileFailure | { ok: false; code: StorageErrorCode; params?: undefined } | null;
}

export interface JobRequest {
  jobId: string;
  appDb: Db;
  path: string;
  fileName: string;
  size: number;
  format: ImportFormat;
  mapping: unknown;
  acceptValid: boolean;
  now: () => Date;
  log: Logger;
  onProgress: (progress: ImportProgress) => void;
  /** After a large batch committed: copy the write-ahead log into the database, off this thread. */
  checkpointLater: () => void;
}

interface Written {
  imported: number;
  updated: number;
  batch: ImportBatch | null;
  turnedAway: boolean;
  large: boolean;
  /** A statement declaring days no imported statement covers yet. */
  coversMore: boolean;
}

/** The problem of a re-export whose stored rows differ (shown, never applied). */
export function changedInReexport(check: { changed: number; firstChangedLine: number | null }, table: string): Reason {
  // a statement's: an id stored with another day or amount (a report's: a re-export that differs)
  return reason(table === 'statement_rows' ? 'id_reused' : 'changed_in_reexport', { count: check.changed, line: check.firstChangedLine });
}

export class ImportJob {
  private cancelRequested = false;
  private writing = false;
  private lastEmit = 0;
  /** The staged rows the write goes through (its progress counts up to them). */
  private expectedRows: number | null = null;

  constructor(private readonly request: JobRequest) {}

  /** True when the job will stop without writing anything (too late once the write has begun). */
  cancel(): boolean {
    if (this.writing) return false;
    this.cancelRequested = true;
    return true;
  }

  async run(): Promise<ImportOutcome> {
    const r = this.request;
    const outcome: ImportOutcome = {
      phase: 'failed', format: r.format, rows: 0, imported: 0, updated: 0, duplicates: 0,
      invalid: [], invalidCount: 0, problems: [], batch: null, failure: null,
    };
    let staging: Staging | null = null;
    let db: Db | null = null;
    try {
      db = openJobConnection(r.appDb);
      this.emit('parsing', 0, 0, true);
      const staged = await stageFile(db, {
        path: r.path,
        fileName: r.fileName,
        format: r.format,
        mapping: r.mapping,
        onProgress: (rows, bytes) => this.emit('parsing', rows, bytes),
        cancelled: () => this.cancelRequested,
        duplicates: 'later',
      });
      if (staged === 'cancelled') return this.finish({ ...outcome, phase: 'cancelled' });
      staging = staged.staging;
      const settle = (duplicates: InFileDuplicates | null) => {
        if (duplicates) addDuplicates(staged, duplicates);
        Object.assign(outcome, { invalid: staged.invalid, invalidCount: staged.invalidCount, problems: staged.problems });
      };
      const invalidRows = () => fileFailure('invalid_rows', { count: staged.invalidCount });
      settle(null); // what is known so far, should the write throw
      if (staged.failure) return this.finish({ ...outcome, failure: staged.failure });
      if (staged.invalidCount > 0 && !r.acceptValid) {
        settle(staging.markInFileDuplicates(MAX_INVALID_KEPT));
        const totals = staging.totals();
        return this.finish({ ...outcome, rows: totals.rows, duplicates: totals.existing, failure: invalidRows() });
      }
      if (this.cancelRequested) return this.finish({ ...outcome, rows: staging.rows, phase: 'cancelled' });
      await this.announceWrite(staging.maxRowid());
      const file = { declared: declaredCoverage(r.format, staged), bin: fileBin(r.format, staged.meta), leftOut: staged.invalidCount };
      let written = this.write(db, staging, 'all-or-nothing', false, file);
      let duplicates = NO_DUPLICATES;
      if (written.turnedAway) {
        // Rows were already imported, or an id came twice in this file: tell them apart outside the
        // write lock, then (when there is anything new or to fill) write again without the file's repeats.
        duplicates = staging.markInFileDuplicates(MAX_INVALID_KEPT);
        const rows = staging.rows - duplicates.count;
        if (duplicates.count > 0 && !r.acceptValid) {
          settle(duplicates);
          return this.finish({ ...outcome, rows, duplicates: rows - written.imported, failure: invalidRows() });
        }
        const reexport = staging.reexport();
        if (reexport.changed > 0) staged.problems.push(changedInReexport(reexport, staging.kind.table));
        if (written.imported > 0 || reexport.fillable > 0 || written.coversMore) {
          written = this.write(db, staging, 'what-is-new', reexport.fillable > 0, { ...file, leftOut: staged.invalidCount + duplicates.count });
        }
      }
      settle(duplicates);
      const rows = staging.rows - duplicates.count;
      if (written.batch) {
        if (written.large) r.checkpointLater();
        r.log.info('import committed', { jobId: r.jobId, batchId: written.batch.id, format: r.format, rows: written.batch.rows, parsedIn: staged.parsedIn });
      }
      return this.finish({ ...outcome, phase: 'done', rows, imported: written.imported, updated: written.updated, duplicates: rows - written.imported, batch: written.batch });
    } catch (error) {
      r.log.error('import failed', { jobId: r.jobId, format: r.format, message: error instanceof Error ? error.message : String(error) });
      // the database busy (another import), the disk full or read-only: said as such, nothing written
      const storage = storageErrorCode(error);
      if (storage) return this.finish({ ...outcome, phase: 'failed', failure: { ok: false, code: storage } });
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      return this.finish({ ...outcome, phase: 'failed', failure: fileFailure('internal_error', { message }) });
    } finally {
      staging?.drop();
      db?.close();
    }
  }

  /**
   * The whole batch in one transaction; no new row (and nothing filled) = no batch at all — unless a
   * statement declares days no imported statement covers yet (all its rows stored, or none at all: a
   * month without movements still says Kaspi paid nothing).
   * 'all-or-nothing' (the first try) also rolls back when the table's UNIQUE key turned rows away
   * (`turnedAway`): the usual file has none, and pays nothing to find out; 'what-is-new' commits
   * whatever went in, and with `fill` the empty fields of stored report rows it fills. `file.declared`:
   * the period the file says it covers (a statement batch keeps it); `file.bin`: the BIN/IIN it was made for;
   * `file.leftOut`: its lines with errors, not imported (acceptValid).
   */
  private write(
    db: Db,
    staging: Staging,
    mode: 'all-or-nothing' | 'what-is-new',
    fill: boolean,
    { declared, bin, leftOut }: { declared: { from: string; to: string } | null; bin: string | null; leftOut: number },
  ): Written {
    const r = this.request;
    const repo = new ImportsRepo(db);
    const max = staging.maxRowid();
    const large = max >= BACKGROUND_CHECKPOINT_FROM;
    if (large) db.pragma('wal_autocheckpoint = 0'); // not inside COMMIT, on the till's thread
    db.exec('BEGIN IMMEDIATE');
    try {
      const batchId = repo.createBatch(r.fileName, r.format, r.now().toISOString(), bin, leftOut);
      const table = staging.kind.table;
      const afterRowId = repo.maxRowId(table);
      const rebuild = max >= REBUILD_INDEXES_FROM && max > repo.rowCount(table) ? repo.suspendIndexes(table) : null;
      let imported = 0;
      for (let from = 1; from <= max; from += WRITE_CHUNK_ROWS) {
        const to = Math.min(max, from + WRITE_CHUNK_ROWS - 1);
        imported += repo.copyStaged(table, staging.table, staging.kind.columns, batchId, from, to);
        this.emit('writing', to, r.size);
      }
      const updated = fill ? repo.fillStaged(staging.table, batchId) : 0;
      const turnedAway = mode === 'all-or-nothing' && imported < staging.rows;
      const coversMore = table === 'statement_rows' && declared !== null && !repo.statementsCover(declared.from, declared.to);
      if ((imported === 0 && updated === 0 && !coversMore) || turnedAway) {
        db.exec('ROLLBACK');
        return { imported, updated: 0, batch: null, turnedAway, large, coversMore };
      }
      rebuild?.();
      // the rows the file had that were already stored: should their batch be undone, they come to this one
      if (mode === 'what-is-new') repo.recordSkips(table, staging.table, batchId);
      const batch = repo.finishBatch(batchId, table, afterRowId, updated, declared);
      db.exec('COMMIT');
      return { imported, updated, batch, turnedAway: false, large, coversMore };
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * From here Cancel is refused. The write below holds this thread until COMMIT, so the screen is told
   * first, and given a moment to hear it: "writing" (Cancel no longer possible), not parsing at 99 %.
   */
  private async announceWrite(expectedRows: number): Promise<void> {
    this.writing = true;
    this.expectedRows = expectedRows;
    this.emit('writing', 0, this.request.size, true);
    await new Promise((resolve) => setTimeout(resolve, WRITE_ANNOUNCE_MS));
  }

  private finish(outcome: ImportOutcome): ImportOutcome {
    const r = this.request;
    const rows = outcome.phase === 'done' ? outcome.imported : outcome.rows;
    r.onProgress({
      jobId: r.jobId,
      fileName: r.fileName,
      phase: outcome.phase,
      rows,
      expectedRows: null,
      duplicates: outcome.phase === 'done' ? outcome.duplicates : 0,
      bytesRead: r.size,
      totalBytes: r.size,
      batch: outcome.batch,
      failure: outcome.failure ? { code: outcome.failure.code, ...(outcome.failure.params ? { params: outcome.failure.params } : {}) } : null,
    });
    return outcome;
  }

  private emit(phase: 'parsing' | 'writing', rows: number, bytesRead: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    this.lastEmit = now;
    const r = this.request;
    r.onProgress({
      jobId: r.jobId, fileName: r.fileName, phase, rows, expectedRows: phase === 'writing' ? this.expectedRows : null, duplicates: 0,
      bytesRead: Math.min(bytesRead, r.size), totalBytes: r.size, batch: null, failure: null,
    });
  }
}

/** The BIN/IIN a file was made for, when it names one as 12 digits (kept with its batch, compared with the next files). */
export function fileBin(format: ImportFormat, meta: unknown): string | null {
  const bin = fileHeaderOf(format, meta)?.bin ?? null;
  return bin !== null && /^\d{12}$/.test(bin) ? bin : null;
}

/**
 * The days a statement batch may claim beyond its rows: the period its file declares — unless the file
 * may have been cut short (a 1C file without КонецФайла or cut inside a document, an unterminated
 * section), whose rows stop before the period does, or is imported without its invalid rows.
 */
export function declaredCoverage(
  format: ImportFormat,
  { meta, problems, invalidCount }: { meta: unknown; problems: readonly Reason[]; invalidCount: number },
): { from: string; to: string } | null {
  if (invalidCount > 0) return null;
  const header = fileHeaderOf(format, meta);
  if (!header?.periodFrom || !header.periodTo) return null;
  if (problems.some((p) => p.code === 'cut_off' || p.code === 'unterminated_section')) return null;
  if (format === '1c' && (meta as { complete?: boolean }).complete !== true) return null;
  return { from: header.periodFrom, to: header.periodTo };
}
