// The Import tab's state: the chosen file and its upload, the preview (with the format override and
// the CSV mapping form), the running import job and its result, the batch history and saved mappings.
// Actions that talk to main live in import-actions.ts.
import { create } from 'zustand';
import type { CsvMapping, ImportBatch, ImportFormat, ImportPreview, ImportProgress, PreviewProgress, UndoImpact } from '../../../shared/import-domain.js';
import type { ErrorParams } from '../api/api-error.js';
import type { FileHead } from '../cashier/file-head.js';
import { EMPTY_DRAFT, type MappingDraft } from '../cashier/mapping-draft.js';
import type { Reason } from '../i18n/reason-text.js';

/** An error code from main, or a message key of our own (with its params). */
export type ImportError = { kind: 'api'; code: string; params?: ErrorParams | undefined } | { kind: 'message'; key: string; params?: ErrorParams };

export interface ImportJob {
  /** null while imports.commit is on its way (its progress events may arrive before the reply). */
  jobId: string | null;
  /** The latest progress event of this job. */
  progress: ImportProgress | null;
  /** The preview the manager confirmed (rows to expect, duplicates). */
  preview: ImportPreview;
  cancelling: boolean;
  /** Main refused the cancel: the write had begun (its "writing" event may not have come yet). */
  cancelRefused: boolean;
  /**
   * The event stream dropped while the job ran: its end may have been missed. Events that still come
   * finish it as usual; main's list of running imports lets it go once it is no longer there; the
   * manager may also let go.
   */
  interrupted: boolean;
}

export interface ImportResult {
  phase: 'done' | 'failed' | 'cancelled';
  fileName: string;
  /** Rows written by this import. */
  imported: number;
  /** Valid rows that were already imported before (skipped). */
  duplicates: number;
  batch: ImportBatch | null;
  failure: Reason | null;
  /** The lines with errors the preview listed, left out of an import of the valid rows only. */
  leftOut: ImportPreview['invalid'];
}

export interface SavedMapping {
  name: string;
  mapping: CsvMapping;
}

export interface ImportState {
  /** The file the manager dropped or picked (kept for its head: the CSV columns). */
  file: File | null;
  head: FileHead | null;
  uploadId: string | null;
  /** 0..1 while the bytes travel to main (HTTP); null otherwise. */
  /** How far main has read the file for the preview running now. */
  previewProgress: PreviewProgress | null;
  uploadProgress: number | null;
  /** What is being waited for: the upload or a preview. */
  busy: 'upload' | 'preview' | null;
  preview: ImportPreview | null;
  /** The format the manager chose over the detected one; null = as detected. */
  format: ImportFormat | null;
  /** The "CSV with mapping" form. */
  draft: MappingDraft;
  /** The form changed since the preview on screen (a new preview follows). */
  stale: boolean;
  /** Import the valid rows of a file that also has invalid ones. */
  acceptValid: boolean;
  job: ImportJob | null;
  /** Imports running that this window did not start (another window's, or its own from before a reload), oldest first. */
  others: ImportProgress[];
  result: ImportResult | null;
  error: ImportError | null;
  batches: ImportBatch[];
  batchesLoading: boolean;
  /** The batch whose Undo waits for the manager's confirmation. */
  undoAsk: string | null;
  /** What that undo would do (asked of main when the question opens); null until it answers. */
  undoImpact: UndoImpact | null;
  undoing: string | null;
  mappings: SavedMapping[];
  mappingName: string;
  /** The line under the mapping's Save: saved, refused, or loaded. */
  /** `code`: main could not save it (busy, the link down…): its error message, not "check the fields". */
  mappingFeedback: { ok: boolean; key: string; params?: ErrorParams } | { ok: false; code: string; params?: ErrorParams | undefined } | null;
}

/** The part that belongs to one file: cleared when another file is chosen. */
export const EMPTY_FILE_STATE = {
  file: null,
  head: null,
  uploadId: null,
  uploadProgress: null,
  previewProgress: null,
  busy: null,
  preview: null,
  format: null,
  draft: EMPTY_DRAFT,
  stale: false,
  acceptValid: false,
  error: null,
  mappingFeedback: null,
} satisfies Partial<ImportState>;

export const useImport = create<ImportState>(() => ({
  ...EMPTY_FILE_STATE,
  job: null,
  others: [],
  result: null,
  batches: [],
  batchesLoading: false,
  undoAsk: null,
  undoImpact: null,
  undoing: null,
  mappings: [],
  mappingName: '',
}));

/** The format the preview reads with: the manager's choice, else what detection found. */
export function effectiveFormat(state: Pick<ImportState, 'format' | 'preview'>): ImportFormat | null {
  return state.format ?? state.preview?.detectedFormat ?? null;
}

export const TERMINAL_PHASES: readonly ImportProgress['phase'][] = ['done', 'failed', 'cancelled'];

export function isTerminal(progress: ImportProgress | null): boolean {
  return progress !== null && TERMINAL_PHASES.includes(progress.phase);
}
