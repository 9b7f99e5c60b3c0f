// The import pipeline behind the contract's imports.* channels: uploads in, a preview (what the file
// holds, what is new, what is wrong), a commit job with progress and cancel, the batch history with
// undo, and saved CSV mappings. Parsing lives in the parsers; SQL in staging and the repo.
import { randomBytes } from 'node:crypto';
import { csvMappingSchema, type CsvMapping, type ImportBatch, type ImportFormat, type ImportPreview, type ImportProgress, type PreviewProgress, type UndoImpact } from '../../../shared/import-domain.js';
import type { Db } from '../../store/database.js';
import { ImportsRepo } from '../../store/imports-repo.js';
import { AppError } from '../app-error.js';
import type { Logger } from '../logger.js';
import { readCsvMapping } from './csv-mapping.js';
import { changedInReexport, declaredCoverage, ImportJob, type ImportOutcome } from './import-job.js';
import { openJobConnection } from './job-connection.js';
import { reason, type Reason } from './reason-codes.js';
import { fileHeaderOf } from './file-header.js';
import { PreviewTurns } from './preview-turns.js';
import { stageFile } from './stage-file.js';
import { checkpointInBackground } from './wal-checkpoint.js';
import { detectUpload } from './upload-parsers.js';
import { UploadRegistry, type Upload } from './upload-registry.js';

export interface ImportServiceOptions {
  db: Db;
  log: Logger;
  now?: () => Date;
  /** How long a registered upload waits for its commit (default one hour). */
  uploadTtlMs?: number;
}

export interface ImportRequest {
  format?: ImportFormat;
  /** A CSV column mapping: the contract's flat shape or the parsers' nested one. */
  mapping?: unknown;
  acceptValid?: boolean;
}

interface JobEntry {
  uploadId: string;
  /** What the job last said (null before its first event). */
  last: ImportProgress | null;
  /** Its first word before that: the file, nothing read yet. */
  starting: ImportProgress;
  /** Set once the format is known and the job exists. */
  job: ImportJob | null;
  /** A cancel that arrived before the job existed. */
  cancelled: boolean;
  done: Promise<ImportOutcome>;
}

const SAMPLE_ROWS = 50;
/** Preview progress events: at most this often. */
const PREVIEW_PROGRESS_MS = 250;
const NEAR_DUPLICATES = 200;

export class ImportService {
  private readonly db: Db;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly uploads: UploadRegistry;
  private readonly repo: ImportsRepo;
  private readonly jobs = new Map<string, JobEntry>();
  /** The newest preview of each upload: an older one still reading stops, its answer would be ignored. */
  private readonly previewTurns = new PreviewTurns();
  /** Checkpoints running after large imports (close waits for them). */
  private readonly checkpoints = new Set<Promise<void>>();
  /** The app connection's auto-checkpoint setting, put back when they are done. */
  private autoCheckpoint = 1000;
  private closed = false;

  constructor(options: ImportServiceOptions) {
    this.db = options.db;
    this.log = options.log;
    this.now = options.now ?? (() => new Date());
    this.uploads = new UploadRegistry(options.uploadTtlMs);
    this.repo = new ImportsRepo(options.db);
  }

  /** A file the transport received or the manager picked; returns its upload id (22 url-safe chars). */
  registerUpload(file: { path: string; fileName: string; size: number; temporary: boolean }): string {
    this.assertOpen();
    return this.uploads.register(file);
  }

  /** `onProgress`: how far the file has been read (at most a few times a second). */
  async preview(
    uploadId: string,
    { replaces, ...request }: Omit<ImportRequest, 'acceptValid'> & { replaces?: string | undefined } = {},
    onProgress?: (progress: PreviewProgress) => void,
  ): Promise<ImportPreview> {
    this.assertOpen();
    const upload = this.uploads.require(uploadId);
    // the file the manager chose instead of another: that one's preview, still reading, stops (it holds the
    // parse worker's turn), and its copy goes — up to 1 GiB on the database's disk, no longer wanted
    if (replaces !== undefined && replaces !== uploadId) {
      this.previewTurns.stop(replaces);
      if (![...this.jobs.values()].some((job) => job.uploadId === replaces)) this.uploads.remove(replaces);
    }
    const turn = this.previewTurns.begin(uploadId);
    try {
      return await this.previewTurn(uploadId, upload, request, turn.superseded, onProgress);
    } finally {
      turn.end();
    }
  }

  private async previewTurn(
    uploadId: string,
    upload: Upload,
    request: Omit<ImportRequest, 'acceptValid'>,
    superseded: () => boolean,
    onProgress?: (progress: PreviewProgress) => void,
  ): Promise<ImportPreview> {
    const detected = await detectUpload(upload.path, upload.fileName, upload.size);
    if (superseded()) throw new AppError('import_preview_superseded');
    const format = request.format ?? detected.format;
    const empty: ImportPreview = {
      uploadId,
      fileName: upload.fileName.slice(0, 300),
      format: format ?? 'csv',
      detectedFormat: detected.format,
      rows: 0,
      sumTiyn: 0,
      newRows: 0,
      duplicates: 0,
      updatedRows: 0,
      invalidCount: 0,
      invalid: [],
      problems: [],
      nearDuplicates: [],
      sample: [],
      header: null,
      recordsPeriod: false,
      knownBin: null,
    };
    const refused = this.refusal(format, detected.reason, request.mapping);
    if (refused) return { ...empty, problems: [refused] };
    const db = openJobConnection(this.db);
    try {
      let lastEmit = 0;
      const progress = (rows: number, bytesRead: number) => {
        const now = Date.now();
        if (!onProgress || superseded() || now - lastEmit < PREVIEW_PROGRESS_MS) return;
        lastEmit = now;
        onProgress({ uploadId, rows, bytesRead: Math.min(bytesRead, upload.size), totalBytes: upload.size });
      };
      const staged = await stageFile(db, { path: upload.path, fileName: upload.fileName, format: format!, mapping: request.mapping, onProgress: progress, cancelled: superseded });
      if (staged === 'cancelled') throw new AppError('import_preview_superseded');
      try {
        const base = {
          ...empty,
          invalidCount: staged.invalidCount,
          invalid: staged.invalid,
          problems: staged.problems.slice(0, 100),
          header: fileHeaderOf(format!, staged.meta),
          knownBin: new ImportsRepo(db).knownBin(),
        };
        if (staged.failure) {
          const { code, params } = staged.failure;
          return { ...base, problems: [params ? { code, params } : { code }, ...base.problems].slice(0, 100) };
        }
        const totals = staged.staging.totals();
        const reexport = totals.existing > 0 ? staged.staging.reexport() : null;
        const declared = staged.staging.kind.table === 'statement_rows' ? declaredCoverage(format!, staged) : null;
        return {
          ...base,
          recordsPeriod: declared !== null && !new ImportsRepo(db).statementsCover(declared.from, declared.to),
          problems: reexport && reexport.changed > 0 ? [...base.problems, changedInReexport(reexport, staged.staging.kind.table)].slice(0, 100) : base.problems,
          rows: totals.rows,
          sumTiyn: totals.sumTiyn,
          newRows: totals.rows - totals.existing,
          duplicates: totals.existing,
          updatedRows: reexport?.fillable ?? 0,
          nearDuplicates: staged.staging.nearDuplicates(NEAR_DUPLICATES),
          sample: staged.staging.sample(SAMPLE_ROWS),
        };
      } finally {
        staged.staging.drop();
      }
    } finally {
      db.close();
    }
  }

  /**
   * Starts importing. `done` resolves with the final progress event (done | failed | cancelled);
   * `outcome` with the counts the CLI prints. A file with invalid rows imports nothing unless
   * `acceptValid`. A temporary upload is deleted once its import is done.
   */
  commit(
    uploadId: string,
    request: ImportRequest,
    onProgress: (progress: ImportProgress) => void,
  ): { jobId: string; done: Promise<ImportProgress>; outcome: Promise<ImportOutcome> } {
    this.assertOpen();
    const upload = this.uploads.require(uploadId);
    for (const running of this.jobs.values()) {
      if (running.uploadId === uploadId) throw new AppError('import_busy');
    }
    const jobId = randomBytes(12).toString('base64url');
    let last: ImportProgress | null = null;
    const report = (p: ImportProgress) => {
      last = p;
      const entry = this.jobs.get(jobId);
      if (entry) entry.last = p;
      try {
        onProgress(p);
      } catch (error) {
        this.log.warn('import progress listener failed', { jobId, message: error instanceof Error ? error.message : String(error) });
      }
    };
    const outcome = this.startJob(jobId, upload, request, report);
    const done = outcome.then(() => last!);
    return { jobId, done, outcome };
  }

  private startJob(jobId: string, upload: Upload, request: ImportRequest, report: (p: ImportProgress) => void): Promise<ImportOutcome> {
    const run = async (): Promise<ImportOutcome> => {
      const detected = request.format ? null : await detectUpload(upload.path, upload.fileName, upload.size);
      const format = request.format ?? detected?.format ?? null;
      const refused = this.refusal(format, detected?.reason ?? null, request.mapping);
      if (refused) {
        const failure = { code: refused.code, ...(refused.params ? { params: refused.params } : {}) };
        const outcome: ImportOutcome = {
          phase: 'failed', format, rows: 0, imported: 0, updated: 0, duplicates: 0,
          invalid: [], invalidCount: 0, problems: [], batch: null, failure: { ok: false, ...failure },
        };
        report({ ...startingProgress(jobId, upload), phase: 'failed', failure });
        return outcome;
      }
      const job = new ImportJob({
        jobId, appDb: this.db, path: upload.path, fileName: upload.fileName, size: upload.size, format: format!,
        mapping: request.mapping, acceptValid: request.acceptValid ?? false, now: this.now, log: this.log, onProgress: report,
        checkpointLater: () => this.checkpointLater(),
      });
      entry.job = job;
      if (entry.cancelled) job.cancel();
      return job.run();
    };
    const entry: JobEntry = { uploadId: upload.id, last: null, starting: startingProgress(jobId, upload), job: null, cancelled: false, done: Promise.resolve(null as never) };
    this.jobs.set(jobId, entry);
    entry.done = run()
      .catch((error: unknown): ImportOutcome => {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
        this.log.error('import job crashed', { jobId, message });
        const failure = { code: 'internal_error', params: { message } };
        report({ ...startingProgress(jobId, upload), phase: 'failed', failure });
        return {
          phase: 'failed', format: request.format ?? null, rows: 0, imported: 0, updated: 0, duplicates: 0,
          invalid: [], invalidCount: 0, problems: [], batch: null, failure: { ok: false, code: 'internal_error', params: { message } },
        };
      })
      .then((outcome) => {
        this.jobs.delete(jobId);
        if (outcome.phase === 'done') this.uploads.remove(upload.id);
        return outcome;
      });
    return entry.done;
  }

  /**
   * Copies a large batch's write-ahead log into the database file in a worker. Meanwhile the app's
   * own connection does not auto-checkpoint: a sale committed right now would otherwise do that
   * copy itself, synchronously, on the till's thread.
   */
  private checkpointLater(): void {
    if (this.checkpoints.size === 0) {
      this.autoCheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
      this.db.pragma('wal_autocheckpoint = 0');
    }
    const done: Promise<void> = checkpointInBackground(this.db.name, this.log).then(() => {
      this.checkpoints.delete(done);
      if (this.checkpoints.size === 0 && this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.autoCheckpoint}`);
    });
    this.checkpoints.add(done);
  }

  /** Why nothing can be parsed yet: no format, or a CSV without its mapping. */
  private refusal(format: ImportFormat | null, detectedReason: Reason | null, mapping: unknown): Reason | null {
    if (format === null) return detectedReason ?? reason('needs_mapping');
    if (format === 'csv' && mapping === undefined) return reason('needs_mapping');
    if (format === 'csv') {
      const read = readCsvMapping(mapping);
      if (!read.ok) return reason('bad_mapping', { path: read.path, issue: read.issue });
    }
    return null;
  }

  /** Stops a running import before it writes; false when unknown, finished or already writing. */
  /** The imports running now, each as its latest progress (oldest first). */
  running(): ImportProgress[] {
    return [...this.jobs.values()].map((entry) => entry.last ?? entry.starting).filter((p) => p.phase === 'parsing' || p.phase === 'writing');
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry) return false;
    if (entry.job) return entry.job.cancel();
    entry.cancelled = true;
    return true;
  }

  batches(): ImportBatch[] {
    return this.repo.list(1000);
  }

  undoImpact(batchId: string): UndoImpact {
    return this.repo.undoImpact(batchId);
  }

  undo(batchId: string): ImportBatch {
    const batch = this.repo.undo(batchId, this.now().toISOString());
    this.log.info('import undone', { batchId: batch.id, rows: batch.rows });
    return batch;
  }

  mappings(): { name: string; mapping: CsvMapping }[] {
    const out: { name: string; mapping: CsvMapping }[] = [];
    for (const { name, mapping } of this.repo.mappings()) {
      const parsed = csvMappingSchema.safeParse(mapping);
      if (parsed.success) out.push({ name, mapping: parsed.data });
    }
    return out;
  }

  /** Saves (or replaces) a mapping by name, in the contract's flat shape; refuses one that cannot work. */
  saveMapping(name: string, mapping: CsvMapping): { saved: boolean } {
    const parsed = csvMappingSchema.safeParse(mapping);
    const trimmed = name.trim();
    if (!parsed.success || trimmed === '' || trimmed.length > 100) return { saved: false };
    if (!readCsvMapping(parsed.data).ok) return { saved: false };
    this.repo.saveMapping(trimmed, parsed.data, this.now().toISOString());
    return { saved: true };
  }

  /** Cancels what can still be cancelled, waits for the jobs, deletes temporary uploads. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.jobs.values()];
    for (const entry of running) {
      entry.cancelled = true;
      entry.job?.cancel();
    }
    await Promise.allSettled(running.map((e) => e.done));
    await Promise.allSettled([...this.checkpoints]);
    this.uploads.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('import_closed');
  }
}

/** A job's state before it has read anything. */
function startingProgress(jobId: string, upload: Upload): ImportProgress {
  return {
    jobId, fileName: upload.fileName, phase: 'parsing', rows: 0, expectedRows: null, duplicates: 0,
    bytesRead: 0, totalBytes: upload.size, batch: null, failure: null,
  };
}
