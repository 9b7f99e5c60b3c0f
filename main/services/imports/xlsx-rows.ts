// Opens an .xlsx with exceljs (after our own zip directory check) and walks its sheets as rows of
// plain cell values. exceljs' promise-based `load` is used, not its streaming reader: the streaming
// reader hangs on some broken inputs (an empty stream never settles), and a sales report is small.
// exceljs is loaded on the first workbook only (~17 MB a process that reads CSV never needs).
import type ExcelJS from 'exceljs';
import { failure, sizeLimit, type FileFailure } from './reason-codes.js';
import type { Cell } from './report-row-mapper.js';
import { checkXlsxZip } from './zip-directory.js';

/** Refuse workbooks that would inflate beyond this (zip bombs; a real report is a few MB). */
export const MAX_INFLATED_XLSX_BYTES = 512 * 1024 * 1024;

export interface XlsxSheet {
  name: string;
  rows: () => Generator<{ line: number; cells: Cell[] }>;
}

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    // what the cell shows, so a row's reason names it: an error (#VALUE!), a formula never calculated
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      const formula = (value as { formula?: unknown; sharedFormula?: unknown }).formula ?? (value as { sharedFormula?: unknown }).sharedFormula;
      if (result === undefined || result === null) return typeof formula === 'string' ? `=${formula}` : null;
      return plainValue(result as ExcelJS.CellValue);
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return typeof value.error === 'string' ? value.error : null;
  }
  return null;
}

export async function openXlsx(bytes: Uint8Array): Promise<{ ok: true; sheets: XlsxSheet[] } | FileFailure> {
  const check = checkXlsxZip(bytes, MAX_INFLATED_XLSX_BYTES);
  if (!check.ok) {
    return check.code === 'file_too_large'
      ? failure('file_too_large', sizeLimit(MAX_INFLATED_XLSX_BYTES))
      : failure(check.code);
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure('corrupt_xlsx', { detail: detail.slice(0, 120) });
  }
  const sheets = workbook.worksheets.map((ws) => ({
    name: ws.name,
    rows: function* (): Generator<{ line: number; cells: Cell[] }> {
      const last = ws.rowCount;
      for (let r = 1; r <= last; r++) {
        const values = ws.getRow(r).values;
        const cells: Cell[] = [];
        if (Array.isArray(values)) {
          for (let c = 1; c < values.length; c++) cells.push(plainValue(values[c] as ExcelJS.CellValue));
        }
        yield { line: r, cells };
      }
    },
  }));
  if (sheets.length === 0) return failure('not_xlsx');
  return { ok: true, sheets };
}
