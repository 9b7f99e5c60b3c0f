// Any other bank CSV, read through a saved column mapping (csv-mapping.ts, either shape) into StatementRows.
// Encoding: a BOM wins over the mapping (a UTF-8 BOM file read as cp1251 would be garbage).
// Rows before the header are skipped; empty rows and "Итого"/"Остаток" summary rows are skipped.
// `line` = CSV record number. External id (with the mapping's account): the id column when mapped
// (duplicates refused), else a hash of the row's normalized values with a counter for identical rows
// (see meaningHash and external-id.ts).
import { parseAmountText } from './amount-text.js';
import { almatyIso } from '../../../shared/almaty-time.js';
import { bomEncoding, decodeChunks, looksBinary, type TextEncodingName } from './encoding.js';
import { peekSource, type ByteSource } from './byte-source.js';
import { columnRefs, readCsvMapping, type ColumnRef, type CsvMapping } from './csv-mapping.js';
import { csvRecords } from './csv-records.js';
import { parseDateText, parseTimeText } from './date-text.js';
import { ExternalIdRegistry, contentHash, joinId } from './external-id.js';
import { collect, guardEvents, type ImportEvent, type ParseResult } from './import-result.js';
import { compact, statementRowSchema, validateRow, type StatementRow } from './import-row.js';
import { clip, failure, reason, type Reason } from './reason-codes.js';
import { MAX_CELL_CHARS } from './report-row-mapper.js';

export interface MappedCsvMeta {
  encoding: TextEncodingName;
  delimiter: string;
  headerLine: number | null;
  /** Mapping path → 0-based column index it resolved to. */
  columns: Record<string, number>;
  dataRows: number;
}

export type MappedCsvEvent = ImportEvent<StatementRow, MappedCsvMeta>;

export function streamMappedCsv(source: ByteSource, mapping: unknown): AsyncGenerator<MappedCsvEvent> {
  return guardEvents(mappedCsvEvents(source, mapping));
}

export function parseMappedCsv(source: ByteSource, mapping: unknown): Promise<ParseResult<StatementRow, MappedCsvMeta>> {
  return collect(streamMappedCsv(source, mapping));
}

const normalizeName = (s: string) => s.replace(/^\ufeff/, '').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
/**
 * Totals and balances under (or over) a bank's table, in ru / kk / en: not movements. Whole words
 * only ("Balance Trade LLP", "Оборотный фонд" are payers), and only on a line with no date of the
 * mapping's format in its date column (summaryRow): a payment has one, a total has none.
 */
const SUMMARY_ROW = /^(итого|всего|total|остаток|входящий остаток|исходящий остаток|сальдо|обороты|оборот|барлығы|жиыны|қорытынды|айналым|қалдық|кезең басындағы|кезең соңындағы|opening balance|closing balance|balance|turnover)(?![\p{L}\p{N}])/iu;

function summaryRow(cells: string[], columns: Map<string, number>, mapping: CsvMapping): boolean {
  const first = cells.find((c) => c.trim() !== '');
  if (first === undefined || !SUMMARY_ROW.test(first.trim())) return false;
  const index = columns.get('date.column');
  return index === undefined || parseDateText((cells[index] ?? '').trim(), mapping.date.format) === null;
}

class RowError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.code);
  }
}

async function* mappedCsvEvents(source: ByteSource, rawMapping: unknown): AsyncGenerator<MappedCsvEvent> {
  const read = readCsvMapping(rawMapping);
  if (!read.ok) return yield { kind: 'fatal', failure: failure('bad_mapping', { path: read.path, issue: read.issue }) };
  const mapping = read.mapping;
  const peeked = await peekSource(source, 64 * 1024);
  if (peeked.prefix.length === 0) return yield { kind: 'fatal', failure: failure('empty_file') };
  if (looksBinary(peeked.prefix)) return yield { kind: 'fatal', failure: failure('binary_content') };
  const encoding: TextEncodingName = bomEncoding(peeked.prefix) ?? mapping.encoding;
  let replaced = false; // the mapping said UTF-8 but the bytes are not (a cp1251 file, say)
  const text = decodeChunks(peeked.chunks, encoding, () => (replaced = true));

  const ids = new ExternalIdRegistry();
  let columns: Map<string, number> | null = mapping.headerRow === 0 ? byNumber(mapping) : null;
  let dataRows = 0;
  let sawRecord = false;
  let lastLine = 0;
  for await (const record of csvRecords(text, { delimiter: mapping.delimiter })) {
    if ('fatal' in record) return yield { kind: 'fatal', failure: failure(record.fatal, { line: record.line }) };
    sawRecord = true;
    lastLine = record.line;
    if (record.line < mapping.headerRow) continue;
    if (record.line === mapping.headerRow) {
      const resolved = byName(mapping, record.cells);
      if (!resolved.ok) return yield { kind: 'fatal', failure: failure('missing_columns', { columns: resolved.missing.join(', ') }) };
      columns = resolved.columns;
      continue;
    }
    if (columns === null) break; // header row never reached (file shorter than headerRow)
    if (record.cells.every((c) => c.trim() === '') || summaryRow(record.cells, columns, mapping)) continue;
    dataRows++;
    if (record.quoteError) {
      yield { kind: 'invalid', line: record.line, reason: reason('malformed_quotes') };
      continue;
    }
    let row: Omit<StatementRow, 'externalId'>;
    let idValue: string;
    try {
      ({ row, idValue } = mapRow(record.line, record.cells, columns, mapping));
    } catch (error) {
      if (error instanceof RowError) {
        yield { kind: 'invalid', line: record.line, reason: error.reason };
        continue;
      }
      throw error;
    }
    const keyed = idValue !== '';
    const id = keyed ? joinId('csv', mapping.account, 'id', idValue) : joinId('csv', mapping.account, 'h', meaningHash(row));
    const claim = ids.claim(id, record.line, keyed ? 'reject' : 'counter');
    if (!claim.ok) {
      yield { kind: 'invalid', line: record.line, reason: reason('duplicate_in_file', { externalId: clip(id, 200), firstLine: claim.firstLine }) };
      continue;
    }
    const checked = validateRow(statementRowSchema, { ...row, externalId: claim.externalId });
    if (checked.ok) yield { kind: 'row', row: checked.row };
    else yield { kind: 'invalid', line: record.line, reason: checked.reason };
  }
  if (!sawRecord) return yield { kind: 'fatal', failure: failure('empty_file') };
  if (columns === null) return yield { kind: 'fatal', failure: failure('header_row_past_end', { headerRow: mapping.headerRow, lines: lastLine }) };
  if (dataRows === 0) yield { kind: 'problem', reason: reason('no_rows') };
  if (replaced) yield { kind: 'problem', reason: reason('encoding_replaced') };
  yield {
    kind: 'end',
    meta: {
      encoding,
      delimiter: mapping.delimiter,
      headerLine: mapping.headerRow || null,
      columns: Object.fromEntries(columns),
      dataRows,
    },
  };
}

/**
 * Without an id column a row is identified by what it means — day, time, signed tiyn, purpose,
 * counterparty, document number, with runs of spaces made one — never by its raw cells: a "№" column
 * renumbered in every export, a running balance or the column order would make the same transfer
 * look new in an overlapping export. (Ids of files imported before were `csv|h|<hash of the raw
 * cells>`; they stay as stored.)
 */
function meaningHash(row: Omit<StatementRow, 'externalId'>): string {
  const text = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
  return contentHash([
    row.date,
    row.operationAt?.slice(11, 19) ?? '',
    row.amountTiyn,
    text(row.purpose),
    text(row.counterparty),
    text(row.docNumber),
  ]);
}

function byNumber(mapping: CsvMapping): Map<string, number> {
  return new Map(columnRefs(mapping).map(([path, ref]) => [path, (ref as number) - 1]));
}

function byName(
  mapping: CsvMapping,
  header: string[],
): { ok: true; columns: Map<string, number> } | { ok: false; missing: string[] } {
  const names = header.map(normalizeName);
  const columns = new Map<string, number>();
  const missing: string[] = [];
  for (const [path, ref] of columnRefs(mapping)) {
    const index = typeof ref === 'number' ? ref - 1 : names.indexOf(normalizeName(ref));
    if (index === -1 || (typeof ref === 'number' && index >= header.length)) missing.push(String(ref));
    else columns.set(path, index);
  }
  return missing.length ? { ok: false, missing } : { ok: true, columns };
}

function mapRow(
  line: number,
  cells: string[],
  columns: Map<string, number>,
  mapping: CsvMapping,
): { row: Omit<StatementRow, 'externalId'>; idValue: string } {
  const long = cells.findIndex((c) => c.length > MAX_CELL_CHARS);
  if (long !== -1) throw new RowError(reason('cell_too_long', { column: long + 1, length: cells[long]!.length, maxLength: MAX_CELL_CHARS }));
  const cell = (path: string): string => {
    const index = columns.get(path);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const required = (path: string, ref: ColumnRef): string => {
    const value = cell(path);
    if (value !== '') return value;
    const index = columns.get(path)!;
    if (index >= cells.length) throw new RowError(reason('too_few_columns', { expected: index + 1, actual: cells.length }));
    throw new RowError(reason('missing_value', { field: String(ref) }));
  };

  const dateText = required('date.column', mapping.date.column);
  const date = parseDateText(dateText, mapping.date.format);
  if (!date) {
    // a real date in another format than the mapping names: the format is what to change, not the file
    const other = parseDateText(dateText) ?? parseDateText(dateText, 'mm/dd/yyyy');
    const code = other ? 'date_not_in_format' : 'bad_date';
    throw new RowError(reason(code, { field: String(mapping.date.column), value: clip(dateText), ...(other ? { format: mapping.date.format } : {}) }));
  }
  let time = date.time;
  const timeText = cell('date.timeColumn');
  if (timeText !== '') {
    const parsed = parseTimeText(timeText);
    if (!parsed) throw new RowError(reason('bad_time', { field: String(mapping.date.timeColumn), value: clip(timeText) }));
    time = parsed;
  }

  const amountOf = (path: string, ref: ColumnRef, text: string): number => {
    const parsed = parseAmountText(text, mapping.decimalSeparator);
    if (!parsed.ok) throw new RowError(reason(parsed.code, { field: String(ref), value: clip(text) }));
    return parsed.tiyn;
  };
  let amount: number;
  let reversal = false;
  if (mapping.amount.kind === 'signed') {
    amount = amountOf('amount.column', mapping.amount.column, required('amount.column', mapping.amount.column));
  } else {
    const creditText = cell('amount.credit');
    const debitText = cell('amount.debit');
    // A credit keeps its sign: a negative one is a reversal ("red storno") that takes money back, not a
    // second credit. A debit may be written either way (banks print "-250,00" and "250,00" alike).
    const credit = creditText === '' ? 0 : amountOf('amount.credit', mapping.amount.credit, creditText);
    const debit = debitText === '' ? 0 : Math.abs(amountOf('amount.debit', mapping.amount.debit, debitText));
    if (creditText === '' && debitText === '') throw new RowError(reason('missing_value', { field: 'line_amount' }));
    if (credit !== 0 && debit > 0) throw new RowError(reason('ambiguous_direction'));
    amount = credit !== 0 ? credit : -debit;
    reversal = credit < 0;
  }
  if (mapping.invertSign) amount = -amount;

  const optional = (path: string, max: number) => cell(path).slice(0, max) || undefined;
  return {
    idValue: cell('idColumn').slice(0, 200),
    row: compact({
      source: 'csv' as const,
      line,
      date: date.date,
      operationAt: time ? almatyIso(date.date, time) : undefined,
      amountTiyn: amount === 0 ? 0 : amount,
      account: mapping.account,
      purpose: optional('descriptionColumn', 2000),
      counterparty: optional('counterpartyColumn', 300),
      docNumber: optional('docNumberColumn', 64),
      reversal: reversal || undefined,
    }),
  };
}
