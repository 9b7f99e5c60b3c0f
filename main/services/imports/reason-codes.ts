// Every reason an import can give, as a translatable code plus params (never English prose):
// the UI words them in ru/kk/en. `level` says where a code appears:
//   file    — the whole file is refused ({ ok: false, code }), nothing to import;
//   problem — the file parsed, but something file-wide needs the manager's eye (balance mismatch...);
//   row     — one row/line/item is invalid ({ line, reason }); the others still import.

export const IMPORT_REASONS = {
  // file level
  empty_file: 'file',
  binary_content: 'file',
  file_too_large: 'file', // params: maxBytes, maxMb (what the manager reads)
  read_failed: 'file', // params: message (diagnostic only)
  internal_error: 'file', // params: message (diagnostic only) — a bug, never a user mistake
  bad_encoding: 'file', // JSON that is not UTF-8
  bad_json: 'file', // params: line?, column?
  json_not_array: 'file', // params: found ('object' | 'string' | ...)
  not_xlsx: 'file', // a zip (or an .xlsx name) that is not a workbook
  corrupt_xlsx: 'file', // params: detail
  too_big_to_read: 'file', // the file unpacks into more than an import may hold in memory (a workbook of millions of cells, or a hostile one)
  legacy_xls: 'file', // Excel 97-2003 .xls: ask the manager to save as .xlsx
  pdf_not_supported: 'file', // a PDF statement: ask for the 1C/MT940/xlsx export instead
  needs_mapping: 'file', // detect-format: a CSV of no known kind — the manager maps its columns
  no_header: 'file', // no Kaspi report header row found
  header_row_past_end: 'file', // params: headerRow, lines — a mapping's header row beyond the file's last row
  missing_columns: 'file', // params: columns (comma-separated names)
  not_1c: 'file',
  not_mt940: 'file',
  bad_mapping: 'file', // params: path, issue (zod issue code)
  record_too_long: 'file', // params: line, maxChars (e.g. an unclosed quote swallowing the file)
  unclosed_quote: 'file', // params: line — a quote that never closes swallowed the lines after it
  amounts_too_large: 'file', // params: line, limitTiyn — the file's amounts add up past what a till's books may hold (a wrong column mapped as the amount)
  invalid_rows: 'file', // params: count — the commit refused a file with invalid rows (acceptValid imports the rest)
  usage: 'file', // params: detail — `kassa import` was called wrongly (no FILE, an unknown flag, a bad --mapping)
  database_unavailable: 'file', // params: detail — the data folder's database is damaged, newer, not writable, or the disk is full
  // problems (file parsed)
  no_rows: 'problem',
  content_after_table: 'problem', // params: line
  content_after_end: 'problem', // params: line (1C: lines after КонецФайла — a second export joined on, say)
  encoding_replaced: 'problem', // undecodable bytes were replaced
  encoding_mixed: 'problem', // params: count, line (the first), encoding (the file's) — lines in another encoding, read in theirs
  net_derived: 'problem', // report without a net column: net = gross − fees
  no_settlement_date: 'problem', // report without a settlement-day column: its rows cannot be checked against the bank
  balance_mismatch: 'problem', // params: account|statement, openingTiyn, creditsTiyn, debitsTiyn, closingTiyn, differenceTiyn
  turnover_mismatch: 'problem', // params: account, kind, declaredTiyn, actualTiyn
  balance_unchecked: 'problem', // params: which ('section' | 'opening' | 'closing'), account|statement
  number_too_long: 'row', // params: field (JSON: an id written as a number past 2^53)
  balance_unchecked_no_account: 'problem', // 1C: no РасчСчет anywhere, so no balances to check
  bad_balance: 'problem', // params: line, value
  unterminated_section: 'problem', // params: line (an account section without its end)
  cut_off: 'problem', // params: line (a statement that stops inside a document: cut short)
  invalid_truncated: 'problem', // params: kept, total — too many invalid entries to list them all
  fee_rounded: 'problem', // params: line (the first) — a report fee with sub-tiyn digits rounded half-up (the net column is there)
  report_in_other_sheets: 'problem', // params: sheet (read), others (comma-separated) — more sheets with a report header, not read
  slash_dates_month_first: 'problem', // params: line — slash dates read m/d/yyyy (a second part above 12 there)
  ambiguous_slash_dates: 'problem', // params: line — slash dates that could be either order: read d/m/yyyy
  outside_period: 'problem', // params: count, line (the first), fromDay, toDay — rows dated outside the period the file declares (imported)
  changed_in_reexport: 'problem', // params: count, line (the first) — report rows already stored with another settlement date, fee, gross or net: not applied
  id_reused: 'problem', // params: count, line — statement rows whose id is stored with another day or amount (skipped as already imported)
  // row level
  missing_value: 'row', // params: field
  bad_value: 'row', // params: field, value
  bad_amount: 'row', // params: field, value
  too_many_decimals: 'row', // params: field, value (sub-tiyn precision)
  non_positive_amount: 'row', // params: field, value
  unexpected_sign: 'row', // params: field, value (e.g. a negative purchase)
  bad_date: 'row', // params: field, value (31.02.2025, 2025-13-01 ...)
  date_not_in_format: 'row', // params: field, value, format — a real date, in another format than the CSV mapping names
  bad_time: 'row', // params: field, value
  unknown_operation_type: 'row', // params: value
  too_few_columns: 'row', // params: expected, actual
  field_too_long: 'row', // params: field, length, maxLength
  cell_too_long: 'row', // params: column (1-based), length, maxLength — a cell no field of Kassa's is read from
  malformed_quotes: 'row', // a badly placed quote within one line
  duplicate_in_file: 'row', // params: externalId, firstLine
  not_an_object: 'row', // JSON item that is not an object
  unknown_direction: 'row', // 1C document whose accounts are not the statement's
  ambiguous_direction: 'row', // both credit and debit amounts filled
  missing_account: 'row',
  unterminated_document: 'row', // 1C СекцияДокумент without КонецДокумента
  unterminated_statement: 'row', // MT940 statement without its closing balance :62F: (a cut-off file)
  malformed_line: 'row', // a 1C line without "=" inside a document
  bad_entry: 'row', // MT940 :61: line that does not parse; params: value
  schema_violation: 'row', // params: path, issue — the built row failed its zod schema (a parser bug)
} as const;

export type ImportReasonCode = keyof typeof IMPORT_REASONS;
export type ImportReasonLevel = (typeof IMPORT_REASONS)[ImportReasonCode];
export const IMPORT_REASON_CODES = Object.keys(IMPORT_REASONS) as ImportReasonCode[];

export type ReasonParams = Record<string, string | number | boolean | null>;

export interface Reason {
  code: ImportReasonCode;
  params?: ReasonParams;
}

/** One invalid row/line/item. `line` is 1-based (see each parser for what it counts); null = no position. */
export interface InvalidEntry {
  line: number | null;
  reason: Reason;
}

/** A file the parser refuses as a whole. */
export interface FileFailure {
  ok: false;
  code: ImportReasonCode;
  params?: ReasonParams;
}

export function reason(code: ImportReasonCode, params?: ReasonParams): Reason {
  return params === undefined ? { code } : { code, params };
}

export function failure(code: ImportReasonCode, params?: ReasonParams): FileFailure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}

/** The limit a file went over, in bytes and as the MB a manager reads. */
export function sizeLimit(maxBytes: number): ReasonParams {
  return { maxBytes, maxMb: Math.round(maxBytes / (1024 * 1024)) };
}

/** Values echoed back in params are clipped: a 10 MB field must not travel to the UI. */
export function clip(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}
