// Which parser a file needs, decided by content (BANK_EXPORT_FORMATS.md §8: "never by file name");
// the name only breaks ties (an empty-ish ".json", an ".xlsx" that is not a zip). Give it the whole
// file when you can: an .xlsx is only recognised through its zip directory, which sits at the end.
import { EMPTY_ZIP_MAGIC, OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC, startsWithBytes } from './byte-source.js';
import { csvRecords, sniffDelimiter, type CsvDelimiter } from './csv-records.js';
import { decodeBytes, detectEncoding, looksBinary, type TextEncodingName } from './encoding.js';
import { isKaspiGoldLine } from './kaspi-gold-lines-parser.js';
import { reason, type Reason } from './reason-codes.js';
import { isReportHeader } from './report-columns.js';
import { cellText } from './report-row-mapper.js';
import { HEADER_SEARCH_ROWS } from './report-table.js';
import { openXlsx } from './xlsx-rows.js';

/**
 * The parser to use — the same names as the IPC contract's import formats, plus 'unknown'.
 * 'csv' = a CSV of no known kind: it needs a column mapping (reason needs_mapping).
 */
export type ImportFormat = 'json' | 'kaspi-report' | '1c' | 'mt940' | 'csv' | 'kaspi-gold' | 'unknown';

export interface FormatDetection {
  format: ImportFormat;
  /** For 'kaspi-report': the workbook or its CSV copy. */
  container: 'xlsx' | 'csv' | null;
  encoding: TextEncodingName | null;
  /** For CSV-like text: the delimiter that fits best (a starting point for a mapping). */
  delimiter: CsvDelimiter | null;
  /** Why the format is 'unknown' (empty_file, binary_content, not_xlsx, ...) or 'csv' (needs_mapping). */
  reason: Reason | null;
}

const SAMPLE_BYTES = 64 * 1024;

function result(format: ImportFormat, extra: Partial<FormatDetection> = {}): FormatDetection {
  return { format, container: null, encoding: null, delimiter: null, reason: null, ...extra };
}

export async function detectFormat(bytes: Uint8Array, fileName = ''): Promise<FormatDetection> {
  const name = fileName.toLowerCase();
  if (bytes.length === 0) return result('unknown', { reason: reason('empty_file') });
  if (startsWithBytes(bytes, OLE_MAGIC)) return result('unknown', { reason: reason('legacy_xls') });
  if (startsWithBytes(bytes, PDF_MAGIC)) return result('unknown', { reason: reason('pdf_not_supported') });
  if (startsWithBytes(bytes, ZIP_MAGIC) || startsWithBytes(bytes, EMPTY_ZIP_MAGIC)) return detectXlsx(bytes);
  if (looksBinary(bytes)) return result('unknown', { reason: reason('binary_content') });

  const head = bytes.subarray(0, SAMPLE_BYTES);
  const encoding = detectEncoding(head, bytes.length <= SAMPLE_BYTES);
  const text = decodeBytes(head, encoding).replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start === '') return result('unknown', { encoding, reason: reason('empty_file') });
  if (/^1CClientBankExchange/i.test(start)) return result('1c', { encoding });
  if (/^\{1:/.test(start) || (/^:20:/m.test(text) && /^:(?:60[FM]|61|62[FM]):/m.test(text))) {
    return result('mt940', { encoding });
  }
  if (start.startsWith('[') || start.startsWith('{')) return result('json', { encoding });

  const lines = start.split(/\r\n|\n|\r/, 20).filter((l) => l.trim() !== '');
  if (lines.length > 0 && lines.slice(0, 5).every((l) => isKaspiGoldLine(l) || !/^\d{2}\.\d{2}\./.test(l)) && lines.some(isKaspiGoldLine)) {
    return result('kaspi-gold', { encoding });
  }

  const delimiter = sniffDelimiter(text);
  let records = 0;
  for await (const record of csvRecords(single(text), { delimiter })) {
    if ('fatal' in record || ++records > HEADER_SEARCH_ROWS) break;
    if (isReportHeader(record.cells)) return result('kaspi-report', { container: 'csv', encoding, delimiter });
  }
  if (name.endsWith('.json')) return result('json', { encoding });
  if (name.endsWith('.xlsx')) return result('unknown', { encoding, reason: reason('not_xlsx') });
  return result('csv', { encoding, delimiter, reason: reason('needs_mapping') });
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}

async function detectXlsx(bytes: Uint8Array): Promise<FormatDetection> {
  const opened = await openXlsx(bytes);
  if (!opened.ok) return result('unknown', { reason: reason(opened.code, opened.params) });
  for (const sheet of opened.sheets) {
    let seen = 0;
    for (const { cells } of sheet.rows()) {
      if (++seen > HEADER_SEARCH_ROWS) break;
      if (isReportHeader(cells.map(cellText))) return result('kaspi-report', { container: 'xlsx' });
    }
  }
  return result('unknown', { reason: reason('no_header') });
}
