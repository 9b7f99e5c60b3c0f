// Spreadsheet formula injection: a text cell starting with = + - @ (or a tab / carriage return,
// which some spreadsheet apps skip before looking) would be read as a formula by Excel or LibreOffice
// (`=cmd|' /C calc'!A0`). Such text gets a leading apostrophe. Numbers are never text here: the
// exports write them as numbers (numeric cells in XLSX, plain digits in CSV), so they need no escape.

const DANGEROUS_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** An Almaty wall-clock day (and time): a date cell in XLSX, `dd.mm.yyyy[ HH:MM:SS]` in CSV. */
export interface LocalDateCell {
  ymd: string;
  time: string | null;
}

/** A table cell of an export: text (escaped on write), a number of tenge, or a local date. */
export type ExportCell = string | number | LocalDateCell | null;

export interface ExportTable {
  sheetName: string;
  headers: string[];
  rows: ExportCell[][];
  /** Columns holding tenge amounts (shown with two decimals). */
  moneyColumns: number[];
}
