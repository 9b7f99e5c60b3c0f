// Starts the import's worker thread (`import-worker.ts`): from the bundle, its sibling entry
// dist/main/import-worker.js (scripts/build.mjs); from sources (tests, `node --import tsx`), the
// .ts entry loaded through tsx's API — a worker's own `--import tsx` registers its hooks too late
// for the worker's first module. Callers get the worker's messages and one failure call, which
// says whether the worker had got as far as 'ready' (if not, no worker can run here: do the work
// in this thread).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { totalmem } from 'node:os';
import type { ImportWorkerTask } from './import-worker.js';

/** The bundled worker entry, next to the bundle that imports this module. */
export const BUNDLED_WORKER = './import-worker.js';

export interface WorkerEvents {
  /** Every message but 'ready'. */
  onMessage(message: unknown): void;
  /**
   * Called once: the worker's exit (with its uncaught error, if any), or a message that could not
   * be read — a normal exit too, so ignore the call once the final message arrived. `ready`: the
   * worker had loaded.
   */
  onFailure(error: Error, ready: boolean): void;
}

/**
 * The worker's heap: a quarter of this machine's memory, 1–2 GiB. exceljs holds a workbook whole (an
 * .xlsx of 10^5 rows takes about 1 GiB; ~3·10^5 rows fit in 2 GiB — a CSV export has no such limit);
 * a file that unpacks into more (millions of cells, a crafted one) ends the worker with
 * ERR_WORKER_OUT_OF_MEMORY — the import is refused, the till's process lives on.
 */
export const WORKER_HEAP_MB = Math.round(Math.min(2048, Math.max(1024, totalmem() / 4 / 2 ** 20)));

function newWorker(task: ImportWorkerTask, script: string | undefined, heapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (script !== undefined || !here.endsWith('.ts')) return new Worker(new URL(script ?? BUNDLED_WORKER, here), { workerData: task, resourceLimits });
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./import-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: task, resourceLimits });
}

/** null: no worker can be created here. `script` (tests) replaces the usual entry. */
export function startImportWorker(task: ImportWorkerTask, events: WorkerEvents, script?: string, heapMb = WORKER_HEAP_MB): Worker | null {
  let worker: Worker;
  try {
    worker = newWorker(task, script, heapMb);
  } catch {
    return null;
  }
  let ready = false;
  let failed = false;
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    events.onFailure(error, ready);
  };
  worker.on('message', (message: unknown) => {
    if (message === 'ready') ready = true;
    else events.onMessage(message);
  });
  // An uncaught error may arrive before the worker's last messages ('ready' among them); 'exit'
  // comes after them all, so the failure is reported there, knowing whether the worker loaded.
  let error: Error | null = null;
  worker.on('error', (e) => (error ??= e));
  worker.on('exit', (code) => fail(error ?? new Error(`the import worker stopped (exit code ${code})`)));
  worker.on('messageerror', (e) => {
    fail(e); // a message lost on the way: the worker's results are incomplete
    void worker.terminate();
  });
  return worker;
}
