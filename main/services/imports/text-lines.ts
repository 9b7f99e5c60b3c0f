// Splits a stream of text chunks into numbered lines (CRLF, LF or lone CR), with a cap on line
// length so that a 10 MB line (or binary junk without newlines) never sits whole in memory.

export interface TextLine {
  /** 1-based physical line number. */
  line: number;
  /** The line without its end; when `length` > cap, only its first `keptChars` characters. */
  text: string;
  /** The real length of the line in characters. */
  length: number;
  overflow: boolean;
}

export const DEFAULT_MAX_LINE_CHARS = 100_000;
const KEPT_ON_OVERFLOW = 200;

export async function* textLines(
  chunks: AsyncIterable<string>,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): AsyncGenerator<TextLine> {
  let lineNo = 0;
  let parts: string[] = [];
  let kept = 0;
  let length = 0;
  let pendingCR = false;

  const append = (piece: string): void => {
    length += piece.length;
    if (kept >= maxLineChars) return;
    parts.push(piece);
    kept += piece.length;
  };
  const take = (): TextLine => {
    lineNo++;
    const overflow = length > maxLineChars;
    let text = parts.length === 1 ? parts[0]! : parts.join('');
    if (overflow) text = text.slice(0, KEPT_ON_OVERFLOW);
    const out = { line: lineNo, text, length, overflow };
    parts = [];
    kept = 0;
    length = 0;
    return out;
  };

  const ends = /\r\n|\n|\r/g;
  for await (const chunk of chunks) {
    let start = 0;
    if (pendingCR) {
      pendingCR = false;
      if (chunk.startsWith('\n')) start = 1; // the \n of a CRLF split across chunks
    }
    ends.lastIndex = start;
    let match: RegExpExecArray | null;
    while ((match = ends.exec(chunk)) !== null) {
      append(chunk.slice(start, match.index));
      yield take();
      start = match.index + match[0].length;
      if (match[0] === '\r' && start === chunk.length) pendingCR = true;
    }
    if (start < chunk.length) append(chunk.slice(start));
  }
  if (length > 0) yield take();
}
