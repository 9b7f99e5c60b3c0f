// 1C files read line by line, each line in its own encoding (UTF-8, windows-1251, cp866 "DOS"):
// whatever the line ends (CRLF, LF, a lone CR) and wherever the chunks split lines, characters or a
// CRLF, the text is the file's text, and the lines in another encoding are named at the line numbers
// the parser counts.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeLinesEach } from '../../../main/services/imports/encoding.js';
import { catalogues } from '../../../shared/i18n/messages.js';

async function* chunked(bytes: Buffer, size: () => number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; ) {
    const n = Math.max(1, size());
    yield bytes.subarray(at, at + n);
    at += n;
  }
}
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
async function decode(bytes: Buffer, encoding: 'utf-8' | 'windows-1251' | 'cp866', size: () => number) {
  const other: number[] = [];
  let text = '';
  for await (const piece of decodeLinesEach(chunked(bytes, size), encoding, { other: (line) => other.push(line), replaced: () => {} })) text += piece;
  return { text, other };
}

const WORDS = ['Сумма=1 000,00', 'Получатель1=ТОО Ромашка ёжик', 'ДатаДок=05.04.2025', 'НазначениеПлатежа=Оплата №5, счёт', 'Код=ABC'];
const ENDS = ['\r\n', '\n', '\r'];

describe('decodeLinesEach', () => {
  it.each(Array.from({ length: 150 }, (_, i) => i))('seed %i: each line in its encoding, any line end, any chunking', async (seed) => {
    const next = random(seed);
    const encoding = (['utf-8', 'windows-1251', 'cp866'] as const)[seed % 3]!;
    const ends = seed % 2 === 0 ? ENDS : [ENDS[Math.floor(next() * 3)]!]; // mixed, or one kind
    const lines: string[] = [];
    const parts: Buffer[] = [];
    const otherLines: number[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 30); i++) {
      const word = WORDS[Math.floor(next() * WORDS.length)]!;
      const text = word + ends[Math.floor(next() * ends.length)]!;
      const others = (['utf-8', 'windows-1251', 'cp866'] as const).filter((e) => e !== encoding);
      const as = next() < 0.25 ? others[Math.floor(next() * 2)]! : encoding;
      if (as !== encoding && /[^\x00-\x7f]/.test(word)) otherLines.push(i + 1);
      lines.push(text);
      parts.push(iconv.encode(text, as));
    }
    const { text, other } = await decode(Buffer.concat(parts), encoding, () => 1 + Math.floor(next() * 7));
    expect(text).toBe(lines.join(''));
    expect(other).toEqual(otherLines);
  });

  it('real Russian and Kazakh text in one code page is never taken for the other (every ru and kk message of the catalogue)', async () => {
    const lines = [...Object.values(catalogues.ru), ...Object.values(catalogues.kk)].map((text) => text.replace(/[\r\n]+/g, ' ') + '\r\n');
    for (const encoding of ['windows-1251', 'cp866'] as const) {
      const bytes = Buffer.concat(lines.map((line) => iconv.encode(line, encoding)));
      const { text, other } = await decode(bytes, encoding, () => 64 * 1024);
      expect(other).toEqual([]);
      expect(text).toBe(iconv.decode(bytes, encoding));
    }
  });

  it('a CR-only file over a megabyte: the UTF-8 lines after windows-1251 ones are read as UTF-8, named at their line', async () => {
    const line = 'НазначениеПлатежа=Зачисление по операциям Kaspi Pay\r';
    const own = 30_000; // ~1.6 MB of windows-1251
    const bytes = Buffer.concat([iconv.encode(line.repeat(own), 'windows-1251'), Buffer.from(line.repeat(100), 'utf8'), iconv.encode('КонецФайла\r', 'windows-1251')]);
    const { text, other } = await decode(bytes, 'windows-1251', () => 64 * 1024);
    expect(text === line.repeat(own + 100) + 'КонецФайла\r').toBe(true);
    expect([other[0], other.length]).toEqual([own + 1, 100]);
  });
});
