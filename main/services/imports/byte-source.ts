// Where the bytes come from: a whole buffer, or any async iterable of chunks (fs.createReadStream,
// a fetch body...). Parsers look at a prefix (format/encoding sniffing) and then stream the rest,
// so a 1 000 000-row file never has to become one giant string.
import { SourceReadError } from './import-result.js';

export type ByteSource = Uint8Array | AsyncIterable<Uint8Array | string>;

/** Size of the slices a whole buffer is fed in. */
export const CHUNK_BYTES = 1 << 20;

/** Chunks of a source; a Uint8Array is sliced into views (no copy). Read errors become SourceReadError. */
export async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let at = 0; at < source.length; at += CHUNK_BYTES) {
      yield source.subarray(at, Math.min(source.length, at + CHUNK_BYTES));
    }
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let step: IteratorResult<Uint8Array | string>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw new SourceReadError(error instanceof Error ? error.message : String(error), { cause: error });
    }
    if (step.done) return;
    const chunk = step.value;
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** A source whose first bytes can be inspected before the whole of it is streamed. */
export interface PeekedSource {
  /** At least `minBytes` of the start (or all of it, if shorter). For a Uint8Array: the whole buffer. */
  prefix: Uint8Array;
  /** True when `prefix` is the complete file. */
  complete: boolean;
  /** All chunks from the very start (the prefix is replayed). Iterate once. */
  chunks: AsyncIterable<Uint8Array>;
}

export async function peekSource(source: ByteSource, minBytes = CHUNK_BYTES): Promise<PeekedSource> {
  if (source instanceof Uint8Array) {
    return { prefix: source, complete: true, chunks: byteChunks(source) };
  }
  const iterator = byteChunks(source);
  const head: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  while (size < minBytes) {
    const step = await iterator.next();
    if (step.done) {
      complete = true;
      break;
    }
    head.push(step.value);
    size += step.value.length;
  }
  const prefix = head.length === 1 ? head[0]! : Buffer.concat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (prefix.length > 0) yield prefix;
    if (complete) return;
    for (;;) {
      const step = await iterator.next();
      if (step.done) return;
      yield step.value;
    }
  }
  return { prefix, complete, chunks: replay() };
}

/** The whole source in memory, refusing more than `maxBytes`. */
export async function readAllBytes(
  source: ByteSource,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true }> {
  if (source instanceof Uint8Array) {
    return source.length > maxBytes ? { ok: false, tooLarge: true } : { ok: true, bytes: source };
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of byteChunks(source)) {
    size += chunk.length;
    if (size > maxBytes) return { ok: false, tooLarge: true };
    parts.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(parts) };
}

export function startsWithBytes(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
export const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06] as const;
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
export const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46] as const;
