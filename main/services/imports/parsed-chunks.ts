// A parse as the staging table wants it: chunks of rows already flattened into the kind's columns
// (one flat array of values, `rows` rows long) plus the other events of those rows (invalid lines,
// file problems, the fatal failure or the end). Plain data only, so a chunk crosses a worker
// boundary as it is; `import-worker.ts` runs this very generator in a worker thread.
import type { ImportFormat } from '../../../shared/import-domain.js';
import { kindOfFormat } from './row-kinds.js';
import { openParse, type AnyEvent } from './upload-parsers.js';

/** Rows gathered before a chunk is handed on (fewer at the end of the file). */
const CHUNK_ROWS = 512;

export interface ParseRequest {
  path: string;
  fileName: string;
  format: ImportFormat;
  mapping: unknown;
}

export interface ParsedChunk {
  /** Column values of `rows` rows, in the order of the kind's columns. */
  values: unknown[];
  rows: number;
  /** Every event but the rows, in file order. */
  events: Exclude<AnyEvent, { kind: 'row' }>[];
  /** Bytes of the file read when the chunk was cut. */
  bytesRead: number;
}

export interface ChunkSource {
  chunks: AsyncIterable<ParsedChunk>;
  /** Stops the parse (cancel, or the end) and releases the file. */
  close(): Promise<void>;
  /** Where the rows are parsed: 'unknown' until a worker has been heard from. */
  readonly thread: 'worker' | 'this' | 'unknown';
}

/** Parses in this thread. */
export function parseChunks(request: ParseRequest): ChunkSource {
  const parse = openParse(request.path, request.fileName, request.format, request.mapping);
  const kind = kindOfFormat(request.format);
  async function* chunks(): AsyncGenerator<ParsedChunk> {
    let chunk: ParsedChunk = { values: [], rows: 0, events: [], bytesRead: 0 };
    for await (const batch of parse.batches) {
      for (const event of batch) {
        if (event.kind === 'row') {
          kind.push(event.row, chunk.values);
          chunk.rows++;
        } else chunk.events.push(event);
      }
      if (chunk.rows >= CHUNK_ROWS || chunk.events.length >= CHUNK_ROWS) {
        chunk.bytesRead = parse.bytesRead();
        yield chunk;
        chunk = { values: [], rows: 0, events: [], bytesRead: 0 };
      }
    }
    chunk.bytesRead = parse.bytesRead();
    if (chunk.rows > 0 || chunk.events.length > 0) yield chunk;
  }
  return { chunks: chunks(), close: async () => parse.close(), thread: 'this' };
}
