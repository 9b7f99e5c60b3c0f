// The staging thread's end of the parsing worker: an async stream of chunks with backpressure (each
// chunk taken is acknowledged, so at most WINDOW chunks are ever in flight), and a fallback to
// parsing in this thread when no worker can be started (no worker file next to this code).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportFormat } from '../../../shared/import-domain.js';
import type { ParseWorkerData, ParseWorkerMessage } from './import-parse-worker.js';
import { chunksInThread, type OpenedChunks, type ParsedChunk } from './parsed-chunks.js';
import { kindOfFormat } from './row-kinds.js';
import type { AnyEvent } from './upload-parsers.js';
import { openParse } from './upload-parsers.js';

/** Chunks (~64 KiB of file each) the worker may run ahead of staging. */
const WINDOW = 8;
/** Smaller files parse in this thread: a worker costs more to start than it saves. */
export const WORKER_FROM_BYTES = 8 * 1024 * 1024;

export interface ParseRequest {
  path: string;
  fileName: string;
  format: ImportFormat;
  mapping: unknown;
  size: number;
  /** Force (true) or forbid (false) the worker; default by size. */
  worker?: boolean;
}

/** The bundled worker (dist/main) or, from source (dev, tests), the .ts entry loaded through tsx. */
function startWorker(workerData: ParseWorkerData): Worker | null {
  const options = { workerData, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.YG ?? 16) } };
  const bundled = new URL('./import-parse-worker.js', import.meta.url);
  if (bundled.protocol !== 'file:') return null;
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled, options);
  const source = new URL('./import-parse-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) return null;
  const api = tsxApi();
  if (api === null) return null; // no tsx: parse in this thread
  const code = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}))`;
  return new Worker(code, { ...options, eval: true });
}

/** tsx's ESM API (its `import` export; require.resolve would name the CommonJS one). */
function tsxApi(): string | null {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    try {
      return pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
    } catch {
      return null;
    }
  }
}

export function openChunks(request: ParseRequest): OpenedChunks {
  const kind = kindOfFormat(request.format);
  const inThread = () => chunksInThread(openParse(request.path, request.fileName, request.format, request.mapping), kind);
  const wanted = request.worker ?? request.size >= WORKER_FROM_BYTES;
  if (!wanted) return inThread();
  const data: ParseWorkerData = { path: request.path, fileName: request.fileName, format: request.format, mapping: request.mapping, window: WINDOW };
  let worker: Worker | null;
  try {
    worker = startWorker(data);
  } catch {
    worker = null;
  }
  if (worker === null) return inThread();
  const queue: ParseWorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let started = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ParseWorkerMessage) => {
    started = true;
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  let fallback: OpenedChunks | null = null;
  async function* chunks(): AsyncGenerator<ParsedChunk> {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== null || exited) {
          // a worker that never got going (no loader, no file): parse here instead
          if (!started) {
            if (process.env.KASSA_DEBUG) console.error("fallback", failure);
            fallback = inThread();
            return yield* fallback.chunks;
          }
          throw failure ?? new Error('the parsing worker stopped');
        }
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'done') return;
      if (message.type === 'error') throw new Error(message.message);
      worker!.postMessage('ack');
      yield { values: message.values, rows: message.rows, events: message.events as AnyEvent[], bytesRead: message.bytesRead };
    }
  }
  return {
    chunks: chunks(),
    close: () => {
      fallback?.close();
      if (!exited) void worker!.terminate();
    },
  };
}
