// Parsing in a worker thread: the CPU-heavy half of an import (decode, split, validate, flatten)
// runs beside the thread that stages the rows, so a large file takes about the longer of the two
// instead of their sum, and the main process stays free for the till meanwhile. A worker that
// cannot start (no worker script next to the bundle, a platform without workers) falls back to
// parsing in this thread — the same generator, the same chunks; a worker that fails once running
// fails the parse. One parse worker runs at a time in this process: each may take a quarter of the
// machine's memory (an .xlsx unpacked whole), and two previews, a preview and an import, or two
// windows must not add those up in the till's process.
import type { Worker } from 'node:worker_threads';
import { parseChunks, type ChunkSource, type ParseRequest, type ParsedChunk } from './parsed-chunks.js';
import { failure } from './reason-codes.js';
import { startImportWorker } from './worker-start.js';

/** Chunks the worker may post ahead of the stager. */
const IN_FLIGHT = 4;
/** How often a parse waiting (for its turn, for the worker's next chunk) looks whether it was cancelled. */
const CANCEL_CHECK_MS = 100;

/** The end of the last parse worker's turn so far. */
let turns: Promise<void> = Promise.resolve();
/**
 * A turn for a parse worker: `ready` once the turns before it have ended; `release` ends it — never
 * before those (a parse cancelled while it waited does not let the next start beside a running one).
 */
function nextTurn(): { ready: Promise<void>; release: () => void } {
  const before = turns;
  let free!: () => void;
  turns = new Promise<void>((resolve) => (free = resolve));
  return { ready: before, release: () => void before.then(free) };
}

/** Waits for `promise`, or until `cancelled` says so (checked every CANCEL_CHECK_MS): false then. */
async function until(promise: Promise<unknown>, cancelled: (() => boolean) | undefined): Promise<boolean> {
  if (!cancelled) return promise.then(() => true);
  let done = false;
  void promise.then(() => (done = true));
  for (;;) {
    await Promise.race([promise, new Promise((resolve) => setTimeout(resolve, CANCEL_CHECK_MS))]);
    if (done) return true;
    if (cancelled()) return false;
  }
}

/**
 * `script`, `heapMb` (tests): the worker entry to start instead of the usual one, relative to
 * worker-start.ts; its heap limit. A worker that runs out of its heap ends the parse with the file's
 * refusal (too_big_to_read): it is the file that unpacks into too much, never the till that dies.
 * `cancelled`: a parse no longer wanted (a superseded preview) ends — its worker stopped — within
 * CANCEL_CHECK_MS, also while the worker is still unpacking a workbook; its chunks simply end (the
 * caller asks `cancelled` itself).
 */
export function parseChunksInWorker(
  request: ParseRequest,
  options: { script?: string; heapMb?: number; cancelled?: () => boolean } = {},
): ChunkSource {
  const queue: ParsedChunk[] = [];
  let heard = false;
  let ended = false;
  let failed: Error | null = null;
  let runHere = false;
  let wake: (() => void) | null = null;
  let worker: Worker | null = null;
  let fallback: ChunkSource | null = null;
  let turn: ReturnType<typeof nextTurn> | null = null; // taken when the chunks are first asked for

  const start = (): Worker | null =>
    startImportWorker(
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

  async function* chunks(): AsyncGenerator<ParsedChunk> {
    turn = nextTurn();
    try {
      if (!(await until(turn.ready, options.cancelled))) return;
      worker = start();
      if (worker === null) {
        fallback = parseChunks(request); // no worker can run here
        yield* fallback.chunks;
        return;
      }
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          yield chunk;
          worker.postMessage('ack'); // staged: the worker may post one more
        } else if (ended) return;
        else if (failed && runHere) {
          fallback = parseChunks(request); // the worker never loaded: parse here
          yield* fallback.chunks;
          return;
        } else if (failed && (failed as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          yield { values: [], rows: 0, events: [{ kind: 'fatal', failure: failure('too_big_to_read') }], bytesRead: 0 };
          return;
        } else if (failed) throw failed;
        else if (!(await until(new Promise<void>((resolve) => (wake = resolve)), options.cancelled))) return;
      }
    } finally {
      void worker?.terminate();
      turn.release();
    }
  }
  return {
    chunks: chunks(),
    get thread() {
      return fallback ? 'this' : heard ? 'worker' : 'unknown';
    },
    close: async () => {
      turn?.release();
      await worker?.terminate();
      await fallback?.close();
    },
  };
}
