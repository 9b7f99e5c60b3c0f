// Parsing in a worker thread: the CPU-heavy half of an import (decode, split, validate, flatten)
// runs beside the thread that stages the rows, so a large file takes about the longer of the two
// instead of their sum, and the main process stays free for the till meanwhile. A worker that
// cannot start (no worker script next to the bundle, a platform without workers) falls back to
// parsing in this thread — the same generator, the same chunks; a worker that fails once running
// fails the parse.
import { parseChunks, type ChunkSource, type ParseRequest, type ParsedChunk } from './parsed-chunks.js';
import { failure } from './reason-codes.js';
import { startImportWorker } from './worker-start.js';

/** Chunks the worker may post ahead of the stager. */
const IN_FLIGHT = 4;

/**
 * `script`, `heapMb` (tests): the worker entry to start instead of the usual one, relative to
 * worker-start.ts; its heap limit. A worker that runs out of its heap ends the parse with the file's
 * refusal (too_big_to_read): it is the file that unpacks into too much, never the till that dies.
 */
export function parseChunksInWorker(request: ParseRequest, options: { script?: string; heapMb?: number } = {}): ChunkSource {
  const queue: ParsedChunk[] = [];
  let heard = false;
  let ended = false;
  let failed: Error | null = null;
  let runHere = false;
  let wake: (() => void) | null = null;
  const worker = startImportWorker(
    { task: 'parse', request, inFlight: IN_FLIGHT },
    {
      onMessage: (message) => {
        heard = true;
        if (message === 'end') ended = true;
        else queue.push((message as { chunk: ParsedChunk }).chunk);
        wake?.();
      },
      onFailure: (error, ready) => {
        if (ended) return; // the worker's normal exit
        failed = error;
        runHere = !ready;
        wake?.();
      },
    },
    options.script,
    options.heapMb,
  );
  if (worker === null) return parseChunks(request);

  let fallback: ChunkSource | null = null;
  async function* chunks(): AsyncGenerator<ParsedChunk> {
    try {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          yield chunk;
          worker!.postMessage('ack'); // staged: the worker may post one more
        } else if (ended) return;
        else if (failed && runHere) {
          fallback = parseChunks(request); // the worker never loaded: parse here
          yield* fallback.chunks;
          return;
        } else if (failed && (failed as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          yield { values: [], rows: 0, events: [{ kind: 'fatal', failure: failure('too_big_to_read') }], bytesRead: 0 };
          return;
        } else if (failed) throw failed;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      void worker!.terminate();
    }
  }
  return {
    chunks: chunks(),
    get thread() {
      return fallback ? 'this' : heard ? 'worker' : 'unknown';
    },
    close: async () => {
      await worker.terminate();
      await fallback?.close();
    },
  };
}
