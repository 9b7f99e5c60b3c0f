// Shared test helpers for the import parsers: the read-only samples, byte builders (cp1251, a tiny
// stored-zip writer, an exceljs sales report), and chunked streams to exercise the streaming paths.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect } from 'vitest';
import type { ParseResult, ParseSuccess } from '../../../main/services/imports/import-result.js';

export const samplesDir = fileURLToPath(new URL('../../fixtures/kaspi-samples/', import.meta.url));

export function sample(name: string): Buffer {
  return readFileSync(samplesDir + name);
}

export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
export const utf8Bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);
export const cp1251 = (text: string): Buffer => iconv.encode(text, 'windows-1251');
export const cp866 = (text: string): Buffer => iconv.encode(text, 'cp866');
export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Feeds bytes in small chunks, as a file stream would (and splits multi-byte characters). */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export function expectOk<Row, Meta>(result: ParseResult<Row, Meta>): ParseSuccess<Row, Meta> {
  if (!result.ok) throw new Error(`expected ok, got failure ${JSON.stringify(result)}`);
  return result;
}

export function expectFailure(result: ParseResult<unknown, unknown>, code: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.code).toBe(code);
}

/** A bank CSV with one signed amount column: ';', UTF-8, header on row 1, "Дата" dd.mm.yyyy, "Сумма" with ','. */
export const SIGNED_MAPPING = {
  delimiter: ';',
  encoding: 'utf-8',
  headerRow: 1,
  date: { column: 'Дата', format: 'dd.mm.yyyy' },
  amount: { kind: 'signed', column: 'Сумма' },
  decimalSeparator: ',',
} as const;

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** A zip with stored (uncompressed) entries — enough to build "a zip that is not an xlsx". */
export function makeZip(entries: { name: string; data: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Excel serial day number of a wall-clock date-time (UTC fields = wall clock, like exceljs). */
export function excelSerial(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  return (Date.UTC(y, m - 1, d, hh, mm, ss) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const REPORT_HEADER = [
  '#',
  'Номер заказа (ID/RRN)',
  'Дата операции',
  'Время',
  'Дата учета операции',
  'Тип операции',
  'Тип оплаты',
  'Сумма операции (т)',
  'Сумма к зачислению/ списанию (т)',
  'Комиссия за операции (т)',
  'Комиссия Kaspi Pay (т)',
  'Номер карты',
  'Детали покупки',
];

/** The sample's three rows as CSV lines (';'), reused by the CSV variants. */
export const REPORT_SAMPLE_ROWS = [
  '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;Кофе 250 г, 3 шт.',
  '2;13000000102;01.03.2025;12:40:45;02.03.2025;Покупка;Карта;12 000,00;11 820,00;180,00;0,00;440043******1234;Чайник',
  '3;13000000101;02.03.2025;09:05:10;03.03.2025;Возврат;QR;-1 500,00;-1 485,00;-15,00;0,00;;Кофе 250 г, 1 шт.',
];

export function reportCsv(rows: string[], options: { preamble?: string[]; header?: string[]; delimiter?: string } = {}): string {
  const d = options.delimiter ?? ';';
  const preamble = options.preamble ?? [';Период:;01.03.2025 - 02.03.2025', ';ИИН/БИН:;200340001238', ';Наименование:;ТОО «Тестовый магазин»', ''];
  return [...preamble, (options.header ?? REPORT_HEADER).join(d), ...rows].join('\r\n') + '\r\n';
}
