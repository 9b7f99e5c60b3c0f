// Worker-thread entry (bundled as dist/main/import-parse-worker.js): parses one upload and posts
// its chunks to the staging thread, at most `window` unacknowledged at a time (bounded memory: the
// parser waits when staging falls behind). Parsing is pure JS, so it overlaps with the SQLite inserts.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportFormat } from '../../../shared/import-domain.js';
import { toChunk } from './parsed-chunks.js';
import { kindOfFormat } from './row-kinds.js';
import { openParse } from './upload-parsers.js';

export interface ParseWorkerData {
  path: string;
  fileName: string;
  format: ImportFormat;
  mapping: unknown;
  window: number;
}

/** Worker → staging thread. */
export type ParseWorkerMessage =
  | { type: 'chunk'; values: unknown[]; rows: number; events: unknown[]; bytesRead: number }
  | { type: 'done' }
  | { type: 'error'; message: string };

const port = parentPort!;
const data = workerData as ParseWorkerData;
let credits = data.window;
let wake: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message === 'ack') credits++;
  wake?.();
  wake = null;
});

const send = (message: ParseWorkerMessage) => port.postMessage(message);
const parse = openParse(data.path, data.fileName, data.format, data.mapping);
const kind = kindOfFormat(data.format);
let waited = 0, flat = 0, sent = 0; const T = performance.now();
try {
  for await (const batch of parse.batches) {
    const w0 = performance.now();
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    waited += performance.now() - w0;
    const s0 = performance.now();
    const c = toChunk(batch, kind, parse.bytesRead());
    const s1 = performance.now(); flat += s1 - s0;
    send({ type: 'chunk', ...c });
    sent += performance.now() - s1;
  }
  (await import('node:fs')).writeSync(2, JSON.stringify(['worker waited', waited.toFixed(0), 'flatten', flat.toFixed(0), 'post', sent.toFixed(0), 'total', (performance.now() - T).toFixed(0)]) + '\n');
  send({ type: 'done' });
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
} finally {
  parse.close();
  port.close();
}
