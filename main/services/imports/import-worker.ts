// Worker-thread entry of the import (bundled as dist/main/import-worker.js; `worker-start.ts`
// starts it). It says 'ready' once its modules have loaded — a failure before that means no
// worker could run here (the caller then does the work in its own thread); after it, a failure is
// a real one. Two tasks:
// - 'parse': parses one file with `parseChunks` and posts the chunks to the thread that stages
//   them, never more than `inFlight` ahead of its acknowledgements (memory stays flat whatever the
//   file size). In: 'ack' (one chunk staged). Out: 'ready', { chunk } …, 'end'. The caller stops
//   it by terminating it.
// - 'checkpoint': copies the WAL a large import left into the database file (PASSIVE: it never
//   blocks the till's writes), off the thread that serves the till. Out: 'ready', then
//   { checkpoint } or { error }. Only this task loads the SQLite addon.
import { parentPort, workerData } from 'node:worker_threads';
import { parseChunks, type ParseRequest } from './parsed-chunks.js';

export type ImportWorkerTask =
  | { task: 'parse'; request: ParseRequest; inFlight: number }
  | { task: 'checkpoint'; dbPath: string };

const port = parentPort!;
const data = workerData as ImportWorkerTask;

async function parse(request: ParseRequest, inFlight: number): Promise<void> {
  let unacked = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    unacked--; // 'ack'
    wake?.();
  });
  const source = parseChunks(request);
  try {
    for await (const chunk of source.chunks) {
      port.postMessage({ chunk });
      unacked++;
      while (unacked >= inFlight) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    port.postMessage('end');
  } finally {
    await source.close();
  }
}

async function checkpoint(dbPath: string): Promise<void> {
  const { walCheckpoint } = await import('./wal-checkpoint.js');
  port.postMessage('ready');
  try {
    port.postMessage({ checkpoint: walCheckpoint(dbPath) });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

try {
  if (data.task === 'parse') {
    port.postMessage('ready');
    await parse(data.request, data.inFlight);
  } else await checkpoint(data.dbPath);
} finally {
  port.close();
}
