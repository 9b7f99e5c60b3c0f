// Worker-thread entry of the import (bundled as dist/main/import-worker.js; `worker-start.ts`
// starts it). Two tasks:
// - 'parse': parses one file with `parseChunks` and posts the chunks to the thread that stages
//   them, never more than `inFlight` ahead of its acknowledgements (memory stays flat whatever the
//   file size). Messages in: 'ack' (one chunk staged), 'stop'. Out: { chunk } …, then 'end'.
// - 'checkpoint': copies the WAL a large import left into the database file (PASSIVE: it never
//   blocks the till's writes), off the thread that serves the till. Out: { checkpoint } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { parseChunks, type ParseRequest } from './parsed-chunks.js';
import { walCheckpoint } from './wal-checkpoint.js';

export type ImportWorkerTask =
  | { task: 'parse'; request: ParseRequest; inFlight: number }
  | { task: 'checkpoint'; dbPath: string };

const port = parentPort!;
const data = workerData as ImportWorkerTask;

async function parse(request: ParseRequest, inFlight: number): Promise<void> {
  let unacked = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  port.on('message', (message: 'ack' | 'stop') => {
    if (message === 'ack') unacked--;
    else stopped = true;
    wake?.();
  });
  const source = parseChunks(request);
  try {
    for await (const chunk of source.chunks) {
      if (stopped) break;
      port.postMessage({ chunk });
      unacked++;
      while (unacked >= inFlight && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (stopped) break;
    }
    if (!stopped) port.postMessage('end');
  } finally {
    source.close();
  }
}

function checkpoint(dbPath: string): void {
  try {
    port.postMessage({ checkpoint: walCheckpoint(dbPath) });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

try {
  if (data.task === 'parse') await parse(data.request, data.inFlight);
  else checkpoint(data.dbPath);
} finally {
  port.close();
}
