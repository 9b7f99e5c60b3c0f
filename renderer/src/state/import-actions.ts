// What the Import tab asks of main: upload the chosen file, preview it (again when the format or the
// CSV mapping changes), commit it as a job followed through import.progress, cancel it; imports
// other windows run; the batch history with undo; saved CSV mappings.
import { HTTP } from '../../../shared/bridge.js';
import type { Request } from '../../../shared/contract.js';
import type { ImportBatch, ImportFormat, ImportProgress, PreviewProgress } from '../../../shared/import-domain.js';
import { toApiError } from '../api/api-error.js';
import { call, upload } from '../api/client.js';
import { guessMapping, readFileHead } from '../cashier/file-head.js';
import { EMPTY_DRAFT, fromMapping, toMapping, type MappingDraft } from '../cashier/mapping-draft.js';
import { EMPTY_FILE_STATE, effectiveFormat, isTerminal, useImport, type ImportError, type ImportState } from './import-store.js';

const { getState: get, setState: set } = useImport;

/** A changed mapping is previewed once typing pauses. */
const MAPPING_PREVIEW_DELAY_MS = 400;
/** The 1 GiB the host accepts (shared/bridge HTTP.maxUploadBytes), for the message. */

function apiError(error: unknown): ImportError {
  const e = toApiError(error);
  return { kind: 'api', code: e.code, params: e.params };
}

// ---- file, upload, preview ------------------------------------------------------------------------

/** Bumped by every preview request (and every new file): an older reply never replaces a newer one. */
let previewSeq = 0;
let previewTimer: ReturnType<typeof setTimeout> | null = null;

function cancelScheduledPreview(): void {
  if (previewTimer !== null) clearTimeout(previewTimer);
  previewTimer = null;
}

/** The file the manager dropped or picked: upload it, then preview it as detected. */
export async function chooseFile(file: File): Promise<void> {
  if (get().job) return;
  cancelScheduledPreview();
  const seq = ++previewSeq;
  replacing = get().uploadId ?? replacing; // its preview may still be reading: the new file's first one stops it
  set({ ...EMPTY_FILE_STATE, file, busy: 'upload', uploadProgress: 0, result: null });
  const head = readFileHead(file).then(
    (bytes) => ({ bytes, complete: file.size <= bytes.length }),
    () => null,
  );
  try {
    const { uploadId } = await upload(file, (fraction) => {
      if (seq === previewSeq) set({ uploadProgress: fraction });
    });
    if (seq !== previewSeq) return;
    set({ uploadId, uploadProgress: null, head: await head });
  } catch (error) {
    if (seq !== previewSeq) return;
    const e = toApiError(error);
    set({
      busy: null,
      uploadProgress: null,
      error: e.code === 'payload_too_large' ? { kind: 'message', key: 'import.tooLarge', params: { maxGb: HTTP.maxUploadBytes / 1024 ** 3 } } : apiError(e),
    });
    return;
  }
  await runPreview();
  // A CSV of no known kind: open the mapping form with what the file's head suggests.
  const { preview, head: fileHead } = get();
  if (preview && effectiveFormat(get()) === 'csv' && fileHead) startMapping();
}

/** The request for the preview and the commit: the chosen format, and the mapping for a CSV. */
function fileRequest(state: ImportState): { format?: ImportFormat; mapping?: NonNullable<Request<'imports.preview'>['mapping']> } | null {
  const format = effectiveFormat(state);
  if (format === 'csv') {
    const mapping = toMapping(state.draft);
    return mapping ? { format, mapping } : null;
  }
  return state.format ? { format: state.format } : {};
}

/** The upload shown before the file just chosen (its preview, if still reading, is stopped by the next one). */
let replacing: string | null = null;

/** Asks main what the file holds, with the current format and mapping. */
export async function runPreview(): Promise<void> {
  cancelScheduledPreview();
  const state = get();
  if (!state.uploadId) return;
  const request = fileRequest(state);
  const seq = ++previewSeq;
  if (request === null) {
    // A CSV whose mapping is not complete yet: nothing to ask.
    set({ busy: null, stale: true });
    return;
  }
  set({ busy: 'preview', previewProgress: null, error: null });
  try {
    const replaces = replacing !== null && replacing !== state.uploadId ? { replaces: replacing } : {};
    replacing = null;
    const preview = await call('imports.preview', { uploadId: state.uploadId, ...request, ...replaces });
    if (seq !== previewSeq) return;
    set({ preview, busy: null, previewProgress: null, stale: false, acceptValid: preview.invalidCount > 0 ? get().acceptValid : false });
  } catch (error) {
    if (seq !== previewSeq) return;
    const e = apiError(error);
    // The upload expired (an hour without a commit) or main restarted: the file must be chosen again.
    const lost = e.kind === 'api' && e.code === 'import_upload_not_found';
    set({ busy: null, previewProgress: null, error: e, ...(lost ? { uploadId: null } : {}) });
  }
}

function schedulePreview(): void {
  cancelScheduledPreview();
  set({ stale: true });
  previewTimer = setTimeout(() => {
    previewTimer = null;
    void runPreview();
  }, MAPPING_PREVIEW_DELAY_MS);
}

/** Fills an untouched mapping form with what the file's head suggests. */
function startMapping(): void {
  const { head, draft } = get();
  if (!head || draft !== EMPTY_DRAFT) return;
  set({ draft: { ...EMPTY_DRAFT, ...guessMapping(head) } });
  if (toMapping(get().draft)) void runPreview();
  else set({ stale: true });
}

/** The format select: a format, or null for "as detected". */
export function chooseFormat(format: ImportFormat | null): void {
  const state = get();
  if (state.job || format === state.format) return;
  set({ format, acceptValid: false });
  if (effectiveFormat(get()) === 'csv' && get().draft === EMPTY_DRAFT && get().head) {
    startMapping();
    return;
  }
  void runPreview();
}

export function updateDraft(patch: Partial<MappingDraft>): void {
  if (get().job) return;
  set((s) => ({ draft: { ...s.draft, ...patch }, mappingFeedback: null }));
  schedulePreview();
}

export function setAcceptValid(acceptValid: boolean): void {
  set({ acceptValid });
}

/** Back to an empty tab (another file). */
export function clearFile(): void {
  if (get().job) return;
  cancelScheduledPreview();
  previewSeq++;
  set({ ...EMPTY_FILE_STATE, result: null });
}

// ---- commit, progress, cancel ---------------------------------------------------------------------

/** Progress of jobs whose commit reply has not arrived yet (main may report before it answers). */
const early = new Map<string, ImportProgress>();

/** Confirm: imports the previewed file as a job; progress and the result come as import.progress. */
export async function commitImport(): Promise<void> {
  const state = get();
  const { preview, uploadId } = state;
  if (state.job || state.busy || state.stale || !preview || !uploadId) return;
  const request = fileRequest(state);
  if (request === null) return;
  early.clear();
  set({ job: { jobId: null, progress: null, preview, cancelling: false, cancelRefused: false, interrupted: false }, result: null, error: null });
  try {
    const { jobId } = await call('imports.commit', {
      uploadId,
      ...request,
      ...(preview.invalidCount > 0 && state.acceptValid ? { acceptValid: true } : {}),
    });
    const job = get().job;
    if (!job) return;
    set((s) => ({ job: { ...job, jobId }, others: s.others.filter((other) => other.jobId !== jobId) }));
    const seen = early.get(jobId);
    early.clear();
    if (seen) receiveProgress(seen);
  } catch (error) {
    set({ job: null, error: apiError(error) });
  }
}

/** Jobs whose end this window heard (an older list of running imports must not bring them back). */
const ended = new Set<string>();
/** Per imports.running on its way: the jobs heard of meanwhile (the list may predate them). */
const listings = new Set<Set<string>>();

/**
 * An import.progress event: ours moves the bar and ends the job; another's is shown beside it; anyone's
 * "done" refreshes the history and the preview on screen (rows it calls new may be stored now).
 */
export function receiveProgress(progress: ImportProgress): void {
  const job = get().job;
  if (isTerminal(progress)) remember(progress.jobId);
  if (job && job.jobId === progress.jobId) {
    if (isTerminal(progress)) finishJob(progress);
    else if (!isTerminal(job.progress)) set({ job: { ...job, progress } });
    return;
  }
  if (job && job.jobId === null) early.set(progress.jobId, progress);
  for (const heard of listings) heard.add(progress.jobId);
  set((s) => ({ others: withOther(s.others, progress) }));
  if (progress.phase === 'done') {
    void loadBatches();
    refreshPreview();
  }
}

function remember(jobId: string): void {
  ended.add(jobId);
  if (ended.size > 100) ended.delete(ended.values().next().value!);
}

/** The list with this job's newest state (in its place), or without it once it ended. */
function withOther(others: ImportProgress[], progress: ImportProgress): ImportProgress[] {
  if (isTerminal(progress)) return others.filter((other) => other.jobId !== progress.jobId);
  const at = others.findIndex((other) => other.jobId === progress.jobId);
  return at < 0 ? [...others, progress] : others.map((other, i) => (i === at ? progress : other));
}

/** The stored rows changed (an import or undo, here or elsewhere): what the preview on screen counts may have too. */
function refreshPreview(): void {
  if (get().preview && get().uploadId && !get().job) void runPreview();
}

/**
 * Asks main which imports run now (the tab opened, the event stream back): another window's show here,
 * and ours, if its end was missed while the stream was down, is let go (the history tells how it went).
 */
export async function loadRunning(): Promise<void> {
  let jobs: ImportProgress[];
  const heard = new Set<string>();
  listings.add(heard);
  try {
    ({ jobs } = await call('imports.running', {}));
  } catch {
    return; // the history still tells what ended
  } finally {
    listings.delete(heard);
  }
  const job = get().job;
  set((s) => {
    const listed = jobs.filter((p) => p.jobId !== job?.jobId && !ended.has(p.jobId)).map((p) => s.others.find((other) => other.jobId === p.jobId) ?? p);
    // a job that started after main made the list: its events came meanwhile, it stays
    const since = s.others.filter((other) => heard.has(other.jobId) && !listed.some((p) => p.jobId === other.jobId));
    return { others: [...listed, ...since] };
  });
  const now = get().job;
  if (now?.jobId && now.interrupted && !isTerminal(now.progress) && !jobs.some((p) => p.jobId === now.jobId)) forgetJob();
}

function finishJob(progress: ImportProgress): void {
  const job = get().job!;
  const phase = progress.phase as 'done' | 'failed' | 'cancelled';
  // The done event counts the rows written; what the preview found beyond them was already there.
  const imported = phase === 'done' ? progress.rows : 0;
  set({
    job: null,
    result: {
      phase,
      fileName: job.preview.fileName,
      imported,
      duplicates: phase === 'done' ? Math.max(0, job.preview.rows - imported) : 0,
      batch: progress.batch,
      failure: progress.failure,
      leftOut: phase === 'done' && (progress.batch?.invalidRows ?? 0) > 0 ? job.preview.invalid : [],
    },
  });
  // Main deletes an imported upload: the file is done with. Failed or cancelled: it can be retried.
  if (phase === 'done') {
    cancelScheduledPreview();
    previewSeq++;
    set({ ...EMPTY_FILE_STATE });
  }
  void loadBatches();
}

/** main's reading of the file being previewed (events of an older file or preview are ignored). */
export function receivePreviewProgress(progress: PreviewProgress): void {
  const { uploadId, busy } = get();
  if (busy === 'preview' && progress.uploadId === uploadId) set({ previewProgress: progress });
}

/** Stops the import before it writes (main says false once the write has begun). */
export async function cancelImport(): Promise<void> {
  const job = get().job;
  if (!job?.jobId || job.cancelling) return;
  set({ job: { ...job, cancelling: true } });
  let refused = false;
  try {
    refused = !(await call('imports.cancel', { jobId: job.jobId })).cancelled;
  } catch (error) {
    set({ error: apiError(error) });
  } finally {
    const now = get().job;
    if (now) set({ job: { ...now, cancelling: false, cancelRefused: now.cancelRefused || refused } });
  }
}

/** After an event-stream reconnect: the history again, and a running job may have ended unseen. */
export function importReconnected(): void {
  const job = get().job;
  if (job?.jobId) set({ job: { ...job, interrupted: true } });
  void loadBatches();
  void loadRunning();
}

/** Cancel of an import this window did not start (main refuses once its write has begun). */
export async function cancelOther(jobId: string): Promise<void> {
  try {
    await call('imports.cancel', { jobId });
  } catch (error) {
    set({ error: apiError(error) });
  }
}

/** Lets go of a job whose end was missed; the batch history tells how it went. */
export function forgetJob(): void {
  set({ job: null });
  early.clear();
  void loadBatches();
}

/** Dismisses the result line. */
export function dismissResult(): void {
  set({ result: null });
}

// ---- batches, undo --------------------------------------------------------------------------------

let batchesRequest: Promise<void> | null = null;
let batchesAgain = false;

/** Newest first. Overlapping requests collapse into one more fetch after the running one. */
export function loadBatches(): Promise<void> {
  if (batchesRequest) {
    batchesAgain = true;
    return batchesRequest;
  }
  set({ batchesLoading: true });
  batchesRequest = (async () => {
    try {
      do {
        batchesAgain = false;
        const { batches } = await call('imports.batches', {});
        set({ batches: [...batches].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id)) });
      } while (batchesAgain);
    } catch (error) {
      set({ error: apiError(error) });
    } finally {
      batchesRequest = null;
      set({ batchesLoading: false });
    }
  })();
  return batchesRequest;
}

export function askUndo(batchId: string | null): void {
  set({ undoAsk: batchId, undoImpact: null });
  if (batchId === null) return;
  call('imports.undoImpact', { batchId }).then(
    (impact) => set((s) => (s.undoAsk === impact.batchId ? { undoImpact: impact } : {})),
    () => {}, // the question keeps the batch's own figures
  );
}

export async function confirmUndo(batchId: string): Promise<void> {
  if (get().undoing) return;
  set({ undoing: batchId, error: null });
  try {
    receiveUndone(await call('imports.undo', { batchId }));
    set({ undoAsk: null });
  } catch (error) {
    set({ error: apiError(error) });
  } finally {
    set({ undoing: null });
  }
}

let lastUndone = '';

/** A batch was undone, here or in another window (import.undone). */
export function receiveUndone(batch: ImportBatch): void {
  // this window's own undo comes twice, as its reply and as the event
  const seen = `${batch.id}|${batch.undoneAt}`;
  if (seen === lastUndone) return;
  lastUndone = seen;
  set((s) => ({
    batches: s.batches.map((b) => (b.id === batch.id ? batch : b)),
    // "Import finished" about the batch just undone would no longer be true
    result: s.result?.batch?.id === batch.id ? null : s.result,
    // another window undid the batch this one was asking about: the question has no object any more
    undoAsk: s.undoAsk === batch.id && s.undoing !== batch.id ? null : s.undoAsk,
  }));
  // The rows are gone: what the preview on screen calls new or duplicate has changed.
  refreshPreview();
  // rows a later file had too were handed over to its batch: its figures changed with them
  void loadBatches();
}

// ---- saved mappings -------------------------------------------------------------------------------

export async function loadMappings(): Promise<void> {
  try {
    const { mappings } = await call('imports.mappings', {});
    set({ mappings });
  } catch (error) {
    set({ error: apiError(error) });
  }
}

export function setMappingName(mappingName: string): void {
  set({ mappingName, mappingFeedback: null });
}

/** Fills the form with a saved mapping and previews with it. */
export function applyMapping(name: string): void {
  const saved = get().mappings.find((m) => m.name === name);
  if (!saved || get().job) return;
  set({ draft: fromMapping(saved.mapping), mappingName: saved.name, mappingFeedback: { ok: true, key: 'import.mapping.loaded', params: { name } } });
  void runPreview();
}

export async function saveMapping(): Promise<void> {
  const { draft, mappingName } = get();
  const mapping = toMapping(draft);
  const name = mappingName.trim();
  if (!mapping) {
    set({ mappingFeedback: { ok: false, key: 'import.mapping.incomplete' } });
    return;
  }
  if (!name) {
    set({ mappingFeedback: { ok: false, key: 'import.mapping.nameMissing' } });
    return;
  }
  try {
    const { saved } = await call('imports.saveMapping', { name, mapping });
    set({ mappingFeedback: saved ? { ok: true, key: 'import.mapping.saved', params: { name } } : { ok: false, key: 'import.mapping.refused' } });
    if (saved) await loadMappings();
  } catch (error) {
    const e = toApiError(error);
    set({ mappingFeedback: { ok: false, code: e.code, params: e.params } });
  }
}

/** Opening the tab: the history and the saved mappings. */
export function openImportTab(): void {
  void loadBatches();
  void loadMappings();
  void loadRunning();
}
