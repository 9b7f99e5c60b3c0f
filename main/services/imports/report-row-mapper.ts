// One data row of a Kaspi Pay sales report (cells from CSV text or xlsx values) → SalesReportRow
// or the reason it is invalid. Signs are normalized by the operation type: a refund is negative
// whatever the file wrote (the refund sign is [L] in the format notes); a negative purchase is refused.
// Sub-tiyn digits are refused in every amount, except in a fee when the net column is there (the
// fee then only informs): it is rounded half-up and the caller warns once (`fee_rounded`).
// Slash dates are read day-first unless the caller decided the file is month-first (slash-order.ts).
import { almatyIso } from '../../../shared/almaty-time.js';
import { amountFromSpreadsheetNumber, parseAmountText, type AmountParse } from './amount-text.js';
import { parseDateText, parseTimeText, wallClockOfDate, wallClockOfSerial, type LocalDateTime } from './date-text.js';
import type { SalesReportRow } from './import-row.js';
import { clip, reason, type Reason } from './reason-codes.js';
import { FEE_FIELDS, fieldTitle, type ColumnMap, type ReportField } from './report-columns.js';

export type Cell = string | number | boolean | Date | null;

export const MAX_CELL_CHARS = 10_000;

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString() : '';
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  return String(cell).trim(); // trim() also drops NBSP and narrow NBSP (Unicode Zs)
}

/** `timeKnown`: the row says its time of day (a time cell, or a date cell with a time) — else 00:00:00 stands in. */
export type MappedRow = { ok: true; row: SalesReportRow; feeRounded: boolean; timeKnown: boolean } | { ok: false; reason: Reason };

export interface MapOptions {
  /** Slash dates are m/d/yyyy (the file's order, decided once). */
  monthFirst?: boolean;
  /** Fewer cells than this: the row was cut short ("…;12 000,00;11" would read a net of 11 ₸). */
  minCells?: number;
}

class RowError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.code);
  }
}

const OPERATION_TYPES: Record<string, 'purchase' | 'refund'> = {
  покупка: 'purchase',
  оплата: 'purchase',
  продажа: 'purchase',
  purchase: 'purchase',
  возврат: 'refund',
  refund: 'refund',
};

/** The amount of a cell (null when empty); `round`: sub-tiyn digits rounded half-up, not refused. */
function parsedAmountOf(cell: Cell | undefined, field: ReportField, round: boolean): { tiyn: number; rounded?: true } | null {
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let parsed: AmountParse;
  if (typeof cell === 'number') parsed = amountFromSpreadsheetNumber(cell, round);
  else if (typeof cell === 'string') parsed = parseAmountText(cell, 'auto', round);
  else parsed = { ok: false, code: 'bad_amount' };
  if (!parsed.ok) throw new RowError(reason(parsed.code, { field: fieldTitle(field), value: clip(cellText(cell)) }));
  return parsed;
}

const amountOf = (cell: Cell | undefined, field: ReportField): number | null => parsedAmountOf(cell, field, false)?.tiyn ?? null;

/** An Excel serial as a CSV copy of the workbook writes it: '45717', '45717,427106481', '0.4271' (a time). */
const SERIAL_TEXT = /^\s*(\d{5}|0)([.,]\d+)?\s*$/;
const serialOfText = (text: string): LocalDateTime | null => (SERIAL_TEXT.test(text) ? wallClockOfSerial(Number(text.trim().replace(',', '.'))) : null);

const textDate = (text: string, monthFirst: boolean): LocalDateTime | null =>
  monthFirst && text.includes('/') ? parseDateText(text, 'mm/dd/yyyy') : (parseDateText(text) ?? serialOfText(text));

function dateOf(cell: Cell | undefined, field: ReportField, monthFirst: boolean): LocalDateTime | null {
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let parsed: LocalDateTime | null = null;
  if (cell instanceof Date) parsed = wallClockOfDate(cell);
  else if (typeof cell === 'number') parsed = wallClockOfSerial(cell);
  else if (typeof cell === 'string') parsed = textDate(cell, monthFirst);
  if (parsed === null || parsed.date === '') {
    throw new RowError(reason('bad_date', { field: fieldTitle(field), value: clip(cellText(cell)) }));
  }
  return parsed;
}

function timeOf(cell: Cell | undefined, monthFirst: boolean): string | null {
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let time: string | null | undefined = null;
  if (cell instanceof Date) time = wallClockOfDate(cell)?.time;
  else if (typeof cell === 'number') time = wallClockOfSerial(cell % 1)?.time;
  else if (typeof cell === 'string') time = parseTimeText(cell) ?? textDate(cell, monthFirst)?.time ?? serialOfText(cell)?.time;
  if (!time) throw new RowError(reason('bad_time', { field: fieldTitle('operationTime'), value: clip(cellText(cell)) }));
  return time;
}

/** A full card number never leaves the parser: keep the first 6 and last 4 digits. */
export function maskCard(text: string): string | undefined {
  const t = text.replace(/\s/g, '');
  if (t === '') return undefined;
  if (/^\d{13,19}$/.test(t)) return `${t.slice(0, 6)}${'*'.repeat(t.length - 10)}${t.slice(-4)}`;
  return clip(t, 32).slice(0, 32);
}

/** The cell of a field (undefined when the file has no such column). */
function cellOf(cells: readonly Cell[], columns: ColumnMap, field: ReportField): Cell | undefined {
  const index = columns[field];
  return index === undefined ? undefined : cells[index];
}

function requiredText(cells: readonly Cell[], columns: ColumnMap, field: ReportField): string {
  const value = cellText(cellOf(cells, columns, field));
  if (value === '') {
    const index = columns[field] ?? 0;
    if (index >= cells.length) throw new RowError(reason('too_few_columns', { expected: index + 1, actual: cells.length }));
    throw new RowError(reason('missing_value', { field: fieldTitle(field) }));
  }
  return value;
}

function optionalText(cells: readonly Cell[], columns: ColumnMap, field: ReportField, max: number): string | undefined {
  if (columns[field] === undefined) return undefined;
  const value = cellText(cellOf(cells, columns, field));
  return value === '' ? undefined : value.slice(0, max);
}

/**
 * Maps one data row. The row comes back with `externalId: ''` for the caller to fill in (one object
 * per row, its shape fixed from the start: 10^6 rows make object churn the cost that matters).
 */
export function mapReportRow(line: number, cells: readonly Cell[], columns: ColumnMap, options: MapOptions = {}): MappedRow {
  const monthFirst = options.monthFirst === true;
  try {
    if (options.minCells !== undefined && cells.length < options.minCells) {
      throw new RowError(reason('too_few_columns', { expected: options.minCells, actual: cells.length }));
    }
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        const field = (Object.keys(columns) as ReportField[]).find((f) => columns[f] === i);
        const where = field === undefined ? reason('cell_too_long', { column: i + 1, length: cell.length, maxLength: MAX_CELL_CHARS }) : reason('field_too_long', { field: fieldTitle(field), length: cell.length, maxLength: MAX_CELL_CHARS });
        return { ok: false, reason: where };
      }
    }
    const purchaseId = requiredText(cells, columns, 'purchaseId');
    if (purchaseId.length > 64) throw new RowError(reason('bad_value', { field: fieldTitle('purchaseId'), value: clip(purchaseId) }));
    const typeText = requiredText(cells, columns, 'operationType');
    const operationType = OPERATION_TYPES[typeText.toLowerCase().replace(/ё/g, 'е')];
    if (!operationType) throw new RowError(reason('unknown_operation_type', { value: clip(typeText) }));

    requiredText(cells, columns, 'operationDate');
    const when = dateOf(cellOf(cells, columns, 'operationDate'), 'operationDate', monthFirst)!;
    const cellTime = timeOf(cellOf(cells, columns, 'operationTime'), monthFirst);
    const time = cellTime ?? when.time ?? '00:00:00';
    // A date cell's midnight is no time of day (a spreadsheet date without one reads as 00:00:00).
    const timeKnown = cellTime !== null || time !== '00:00:00';
    const settlement = dateOf(cellOf(cells, columns, 'settlementDate'), 'settlementDate', monthFirst);

    requiredText(cells, columns, 'gross');
    let gross = amountOf(cellOf(cells, columns, 'gross'), 'gross')!;
    let fee: number | undefined;
    let feeRounded = false;
    const netGiven = columns.net !== undefined; // else the net is derived from the fees: exact only
    for (const field of FEE_FIELDS) {
      if (columns[field] === undefined) continue;
      const value = parsedAmountOf(cellOf(cells, columns, field), field, netGiven);
      if (value === null) continue;
      fee = (fee ?? 0) + value.tiyn;
      if (value.rounded) feeRounded = true;
    }
    let net: number;
    if (columns.net !== undefined) {
      requiredText(cells, columns, 'net');
      net = amountOf(cellOf(cells, columns, 'net'), 'net')!;
    } else {
      net = Math.abs(gross) - Math.abs(fee ?? 0); // signed below like any net
    }
    if (operationType === 'purchase') {
      if (gross < 0) throw new RowError(reason('unexpected_sign', { field: fieldTitle('gross'), value: clip(cellText(cellOf(cells, columns, 'gross'))) }));
      if (net < 0) throw new RowError(reason('unexpected_sign', { field: fieldTitle('net'), value: clip(cellText(cellOf(cells, columns, 'net'))) }));
    } else {
      gross = -Math.abs(gross);
      net = -Math.abs(net);
    }

    const row: SalesReportRow = {
      source: 'kaspi-report',
      externalId: '',
      line,
      purchaseId,
      operationType,
      operationAt: almatyIso(when.date, time),
      settlementDate: settlement?.date ?? null,
      grossTiyn: gross,
      netTiyn: net,
    };
    // optional fields only when present (rows compare and serialize without undefined keys)
    if (fee !== undefined) row.feeTiyn = fee;
    const paymentType = optionalText(cells, columns, 'paymentType', 100);
    if (paymentType !== undefined) row.paymentType = paymentType;
    const paymentType2 = optionalText(cells, columns, 'paymentType2', 100);
    if (paymentType2 !== undefined) row.paymentType2 = paymentType2;
    const terminal = optionalText(cells, columns, 'terminal', 200);
    if (terminal !== undefined) row.terminal = terminal;
    const docNumber = optionalText(cells, columns, 'docNumber', 64);
    if (docNumber !== undefined) row.docNumber = docNumber;
    if (columns.cardMask !== undefined) {
      const cardMask = maskCard(cellText(cellOf(cells, columns, 'cardMask')));
      if (cardMask !== undefined) row.cardMask = cardMask;
    }
    const details = optionalText(cells, columns, 'details', 1000);
    if (details !== undefined) row.details = details;
    return { ok: true, row, feeRounded, timeKnown };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, reason: error.reason };
    throw error;
  }
}
