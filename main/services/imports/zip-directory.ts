// Reads a zip's central directory (names and sizes only, nothing inflated) so that an .xlsx can be
// checked before exceljs touches it: junk renamed to .xlsx, a zip that is not a workbook, a truncated
// download, or a zip bomb are refused with a clear code instead of an exception deep in a library.

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** Uncompressed size; Infinity when the zip64 extension hides it. */
  size: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAX_COMMENT = 0xffff;

/** The entries of a zip, or null when its directory cannot be read (not a zip, truncated, corrupt). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEocd = Math.max(0, bytes.length - 22 - MAX_COMMENT);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= minEocd; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || count === 0xffff) return readZip64(bytes, view, eocd);
  return readEntries(bytes, view, offset, size, count);
}

function readZip64(bytes: Uint8Array, view: DataView, eocd: number): ZipEntry[] | null {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return null;
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) return null;
  const count = Number(view.getBigUint64(record + 32, true));
  const size = Number(view.getBigUint64(record + 40, true));
  const offset = Number(view.getBigUint64(record + 48, true));
  return readEntries(bytes, view, offset, size, count);
}

function readEntries(bytes: Uint8Array, view: DataView, offset: number, size: number, count: number): ZipEntry[] | null {
  if (offset + size > bytes.length || count > 100_000) return null;
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const compressedSize = view.getUint32(at + 20, true);
    const rawSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, compressedSize, size: rawSize === 0xffffffff ? Infinity : rawSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export type XlsxCheck = { ok: true } | { ok: false; code: 'not_xlsx' | 'corrupt_xlsx' | 'file_too_large' };

/** Is this zip an Office Open XML workbook of a sane inflated size? */
export function checkXlsxZip(bytes: Uint8Array, maxInflatedBytes: number): XlsxCheck {
  const entries = readZipDirectory(bytes);
  if (entries === null) return { ok: false, code: 'corrupt_xlsx' };
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) return { ok: false, code: 'not_xlsx' };
  const inflated = entries.reduce((sum, e) => sum + e.size, 0);
  if (inflated > maxInflatedBytes) return { ok: false, code: 'file_too_large' };
  return { ok: true };
}
