// What staging consumes: the parser's events per chunk, with the rows already flattened into the
// kind's column values (one flat array: cheap to hand from a parsing worker to the staging thread)
// and the other events (invalid, problem, fatal, end) kept as they are.
import type { AnyRowKind } from './row-kinds.js';
import type { AnyEvent, OpenedParse } from './upload-parsers.js';

export interface ParsedChunk {
  /** `rows` rows' column values, in the kind's column order. */
  values: unknown[];
  rows: number;
  /** The chunk's events other than rows, in file order. */
  events: AnyEvent[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

export interface OpenedChunks {
  chunks: AsyncIterable<ParsedChunk>;
  /** Stops parsing (cancel, or the end). */
  close(): void;
}

export function toChunk(batch: readonly AnyEvent[], kind: AnyRowKind, bytesRead: number): ParsedChunk {
  const values: unknown[] = [];
  const events: AnyEvent[] = [];
  let rows = 0;
  for (const event of batch) {
    if (event.kind === 'row') {
      kind.push(event.row, values);
      rows++;
    } else events.push(event);
  }
  return { values, rows, events, bytesRead };
}

/** The parse in this thread (small files, or no worker available). */
export function chunksInThread(parse: OpenedParse, kind: AnyRowKind): OpenedChunks {
  async function* chunks(): AsyncGenerator<ParsedChunk> {
    for await (const batch of parse.batches) yield toChunk(batch, kind, parse.bytesRead());
  }
  return { chunks: chunks(), close: () => parse.close() };
}
