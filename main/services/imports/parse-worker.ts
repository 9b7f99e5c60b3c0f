// Worker-thread entry (bundled as dist/main/import-parse-worker.js): parses one file with
// `parseChunks` and posts the chunks to the thread that stages them, never more than
// `inFlight` ahead of its acknowledgements (memory stays flat whatever the file size).
// Messages in: 'ack' (one chunk staged), 'stop'. Out: { chunk } …, then 'end'.
import { parentPort, workerData } from 'node:worker_threads';
import { parseChunks, type ParseRequest } from './parsed-chunks.js';

const { request, inFlight } = workerData as { request: ParseRequest; inFlight: number };
const port = parentPort!;
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
  port.close();
}
