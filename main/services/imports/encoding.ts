// Text decoding for bank files: UTF-8 (with or without BOM), windows-1251, cp866 (1C "Кодировка=DOS"),
// UTF-16 with a BOM (Excel "Unicode text"). Declared encodings lie (BANK_EXPORT_FORMATS.md §4), so we detect:
// BOM → valid (or all but a few bytes valid) UTF-8 → cp866 if the file says DOS → windows-1251.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'windows-1251' | 'cp866' | 'utf-16le' | 'utf-16be';

export function bomEncoding(bytes: Uint8Array): TextEncodingName | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 multi-byte sequence. */
function utf8SafeLength(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b >= 0xc0) end -= back; // a lead byte whose sequence may be cut: drop it and its tail
    break;
  }
  return end;
}

/**
 * UTF-8 text with a few damaged bytes (a stray byte, a cut character) rather than a single-byte
 * encoding: its multi-byte sequences are mostly well formed. windows-1251 Cyrillic breaks UTF-8 at
 * nearly every letter (letters are 0xC0–0xFF, followed by letters, not by 0x80–0xBF).
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const { good, bad } = utf8Sequences(bytes);
  return good >= 8 && bad * 20 <= good;
}

/** Well-formed UTF-8 multi-byte sequences, and bytes that start none. */
function utf8Sequences(bytes: Uint8Array): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += length;
    } else {
      bad++;
      i++;
    }
  }
  return { good, bad };
}

/**
 * Picks the encoding of a file from its bytes. `complete` = the bytes are the whole file; otherwise
 * they are a prefix and a multi-byte character cut at its end is not held against UTF-8.
 */
export function detectEncoding(bytes: Uint8Array, complete = true): TextEncodingName {
  const bom = bomEncoding(bytes);
  if (bom) return bom;
  const checked = complete ? bytes : bytes.subarray(0, utf8SafeLength(bytes));
  if (isUtf8(checked) || mostlyUtf8(checked)) return 'utf-8';
  const head = bytes.subarray(0, 4096);
  // 1C files may declare "Кодировка=DOS" (cp866); the declaration is only trusted when it reads as such.
  if (/Кодировка\s*=\s*DOS/i.test(iconv.decode(Buffer.from(head), 'cp866'))) return 'cp866';
  return 'windows-1251';
}

/** Binary junk (images, archives, executables) has NULs or many control bytes; text does not. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bomEncoding(bytes)?.startsWith('utf-16')) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return sample.length > 0 && control / sample.length > 0.02;
}

/** A streaming decoder: feed byte chunks, get text; the BOM is dropped. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    const decoder = new TextDecoder(encoding); // non-fatal: bad bytes become U+FFFD
    return {
      write: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  const decoder = iconv.getDecoder(encoding);
  return {
    write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    end: () => decoder.end() ?? '',
  };
}

export function decodeBytes(bytes: Uint8Array, encoding: TextEncodingName): string {
  const decoder = createDecoder(encoding);
  return decoder.write(bytes) + decoder.end();
}

/**
 * Decodes a chunk stream. `onReplaced` is called once if UTF-8 decoding had to replace bytes
 * (a file that starts as UTF-8 and later is not: the prefix-based detection was wrong).
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  onReplaced?: () => void,
): AsyncGenerator<string> {
  const decoder = createDecoder(encoding);
  let reported = false;
  const check = (text: string): string => {
    if (!reported && encoding === 'utf-8' && text.includes('\ufffd')) {
      reported = true;
      onReplaced?.();
    }
    return text;
  };
  for await (const chunk of chunks) {
    const text = check(decoder.write(chunk));
    if (text) yield text;
  }
  const tail = check(decoder.end());
  if (tail) yield tail;
}

/**
 * Bytes a statement's text has no use for, read in a Cyrillic code page: in windows-1251 the letters
 * of other alphabets and the symbols of 0x80–0xBF (not – — … “ ” « » № nbsp Ё ё І і); in cp866 the box
 * drawing of 0xB0–0xDF and the Ukrainian / Belarusian letters and symbols of 0xF2–0xFE. The letters of
 * one code page fall on the other's odd bytes (cp866 «Сумма» is ‘г¬¬ in windows-1251; windows-1251
 * capitals are box drawing in cp866): a line odd in its file's code page and clean in the other is in
 * the other.
 */
const ODD: Record<'windows-1251' | 'cp866', Uint8Array> = {
  'windows-1251': oddTable((b) => b >= 0x80 && b <= 0xbf && ![0x85, 0x93, 0x94, 0x96, 0x97, 0xa0, 0xa8, 0xab, 0xb2, 0xb3, 0xb8, 0xb9, 0xbb].includes(b)),
  cp866: oddTable((b) => (b >= 0xb0 && b <= 0xdf) || (b >= 0xf2 && b <= 0xfe && b !== 0xfc)),
};

function oddTable(odd: (byte: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, b) => (odd(b) ? 1 : 0));
}

function oddBytes(bytes: Uint8Array, encoding: 'windows-1251' | 'cp866'): number {
  const table = ODD[encoding];
  let n = 0;
  for (const b of bytes) n += table[b]!;
  return n;
}

/**
 * Text a statement could hold: Latin, Cyrillic (Kazakh letters too), the usual signs. A short cp866
 * line may happen to be well-formed UTF-8 («чек»: e7 a5 aa, one CJK character) — not text of ours.
 */
function readsAsText(text: string): boolean {
  return /^[\u0000-\u007f\u00a0-\u00ff\u0400-\u052f\u2010-\u2044\u2116\u20ac\u20b8\ufeff]*$/.test(text);
}

/** A "line" this long has no line end (junk): decoded in pieces, never held whole. */
const MAX_HELD_LINE_BYTES = 1024 * 1024;

/**
 * Decodes a line-based file (1C) line by line: a line that is not in the file's encoding but in the
 * other one it could be (well-formed UTF-8 with letters in a windows-1251 / cp866 file; in a UTF-8
 * file, a line whose letters are not UTF-8 at all — a statement pieced together from two exports) is
 * read in that one, and `on.other` hears of it (its line number, the encoding it was read in): decoded as the file's, it would be
 * mojibake, dropped unseen. A UTF-8 line with only a damaged byte or two stays UTF-8 (`on.replaced`).
 * `on.own` hears of the lines with letters read in the file's encoding — the caller tells which
 * encoding the file is mostly in. Lines end as textLines has them (CRLF, LF or a lone CR), so line
 * numbers agree; consecutive lines read the same way are decoded together.
 */
export async function* decodeLinesEach(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  on: { other: (line: number, as: TextEncodingName) => void; replaced: () => void; own?: (line: number) => void },
): AsyncGenerator<string> {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return yield* decodeChunks(chunks, encoding, on.replaced);
  let line = 0;
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  /** The held line ended in a CR last in its chunk: a \n starting the next one is still its end. */
  let heldCr = false;
  let run: Uint8Array[] = [];
  let runEncoding: TextEncodingName = encoding;
  let text = '';
  const flushRun = (): void => {
    if (run.length > 0) text += decodeBytes(Buffer.concat(run), runEncoding);
    run = [];
  };
  const readAs = (bytes: Buffer): TextEncodingName => {
    if (!bytes.some((b) => b >= 0x80)) return runEncoding; // ASCII reads alike in all of them
    if (isUtf8(bytes) && (encoding === 'utf-8' || readsAsText(bytes.toString('utf8')))) {
      if (encoding !== 'utf-8') on.other(line, 'utf-8');
      else on.own?.(line);
      return 'utf-8';
    }
    if (encoding !== 'utf-8') {
      // a line of the other Cyrillic code page: odd bytes read as this one, none read as that one
      const other = encoding === 'cp866' ? 'windows-1251' : 'cp866';
      if (oddBytes(bytes, encoding) > 0 && oddBytes(bytes, other) === 0) {
        on.other(line, other);
        return other;
      }
      on.own?.(line);
      return encoding;
    }
    const { good, bad } = utf8Sequences(bytes);
    if (good > bad * 2) {
      // a damaged character or two in UTF-8 letters (windows-1251 letters make almost no sequence)
      on.replaced();
      on.own?.(line);
      return 'utf-8';
    }
    const as = oddBytes(bytes, 'windows-1251') > 0 && oddBytes(bytes, 'cp866') === 0 ? 'cp866' : 'windows-1251';
    on.other(line, as);
    return as;
  };
  const take = (bytes: Buffer): void => {
    line++;
    if (line === 1 && bomEncoding(bytes) === 'utf-8') bytes = bytes.subarray(3);
    const as = readAs(bytes);
    if (as !== runEncoding) flushRun();
    runEncoding = as;
    run.push(bytes);
  };
  const takeHeld = (): void => {
    take(Buffer.concat(held));
    held = [];
    heldBytes = 0;
    heldCr = false;
  };
  for await (const chunk of chunks) {
    let start = 0;
    if (chunk.length === 0) continue;
    if (heldCr) {
      if (chunk[0] === 0x0a) {
        held.push(chunk.subarray(0, 1));
        start = 1;
      }
      takeHeld();
    }
    // the next LF and CR at or after `start` (each found once per pass over the chunk, not per line)
    let lf = chunk.indexOf(0x0a, start);
    let cr = chunk.indexOf(0x0d, start);
    while (lf !== -1 || cr !== -1) {
      let end: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr + 1 === chunk.length) {
          heldCr = true; // a \n may begin the next chunk
          break;
        }
        end = chunk[cr + 1] === 0x0a ? cr + 2 : cr + 1;
      } else end = lf + 1;
      held.push(chunk.subarray(start, end));
      takeHeld();
      start = end;
      if (lf !== -1 && lf < start) lf = chunk.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf(0x0d, start);
    }
    if (start < chunk.length) {
      held.push(chunk.subarray(start));
      heldBytes += chunk.length - start;
    }
    if (heldBytes > MAX_HELD_LINE_BYTES && !heldCr) {
      // no line end in sight: cut where no UTF-8 character is split
      const bytes = Buffer.concat(held);
      const cut = utf8SafeLength(bytes);
      take(bytes.subarray(0, cut));
      held = [bytes.subarray(cut)];
      heldBytes = bytes.length - cut;
    }
    flushRun();
    if (text) yield text;
    text = '';
  }
  if (heldBytes > 0) take(Buffer.concat(held));
  flushRun();
  if (text) yield text;
}
