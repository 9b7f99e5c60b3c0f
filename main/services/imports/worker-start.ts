// Starts the import's worker thread (`import-worker.ts`): from the bundle, its sibling entry
// dist/main/import-worker.js (scripts/build.mjs); from sources (tests, `node --import tsx`), the
// .ts entry loaded through tsx's API — a worker's own `--import tsx` registers its hooks too late
// for the worker's first module.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportWorkerTask } from './import-worker.js';

/** The bundled worker entry, next to the bundle that imports this module. */
export const BUNDLED_WORKER = './import-worker.js';

/** Throws when no worker can be created; `script` (tests) replaces the usual entry. */
export function startImportWorker(task: ImportWorkerTask, script?: string): Worker {
  const here = import.meta.url;
  if (script !== undefined || !here.endsWith('.ts')) return new Worker(new URL(script ?? BUNDLED_WORKER, here), { workerData: task });
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./import-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}
