// One data row of a Kaspi Pay sales report (cells from CSV text or xlsx values) → SalesReportRow
// or the reason it is invalid. Signs are normalized by the operation type: a refund is negative
// whatever the file wrote (the refund sign is [L] in the format notes); a negative purchase is refused.
import { almatyIso } from './almaty-time.js';
import { amountFromSpreadsheetNumber, parseAmountText, type AmountParse } from './amount-text.js';
import { parseDateText, parseTimeText, wallClockOfDate, wallClockOfSerial, type LocalDateTime } from './date-text.js';
import { compact, type SalesReportRow } from './import-row.js';
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

export type MappedRow = { ok: true; row: Omit<SalesReportRow, 'externalId'> } | { ok: false; reason: Reason };

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

function amountOf(cell: Cell | undefined, field: ReportField): number | null {
  const title = fieldTitle(field);
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let parsed: AmountParse;
  if (typeof cell === 'number') parsed = amountFromSpreadsheetNumber(cell);
  else if (typeof cell === 'string') parsed = parseAmountText(cell);
  else parsed = { ok: false, code: 'bad_amount' };
  if (!parsed.ok) throw new RowError(reason(parsed.code, { field: title, value: clip(cellText(cell)) }));
  return parsed.tiyn;
}

function dateOf(cell: Cell | undefined, field: ReportField): LocalDateTime | null {
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let parsed: LocalDateTime | null = null;
  if (cell instanceof Date) parsed = wallClockOfDate(cell);
  else if (typeof cell === 'number') parsed = wallClockOfSerial(cell);
  else if (typeof cell === 'string') parsed = parseDateText(cell);
  if (parsed === null || parsed.date === '') {
    throw new RowError(reason('bad_date', { field: fieldTitle(field), value: clip(cellText(cell)) }));
  }
  return parsed;
}

function timeOf(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined || cellText(cell) === '') return null;
  let time: string | null | undefined = null;
  if (cell instanceof Date) time = wallClockOfDate(cell)?.time;
  else if (typeof cell === 'number') time = wallClockOfSerial(cell % 1)?.time;
  else if (typeof cell === 'string') time = parseTimeText(cell) ?? parseDateText(cell)?.time;
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

export function mapReportRow(line: number, cells: readonly Cell[], columns: ColumnMap): MappedRow {
  try {
    const longest = cells.findIndex((c) => typeof c === 'string' && c.length > MAX_CELL_CHARS);
    if (longest !== -1) {
      const length = (cells[longest] as string).length;
      return { ok: false, reason: reason('field_too_long', { column: longest + 1, length, maxLength: MAX_CELL_CHARS }) };
    }
    const get = (field: ReportField): Cell | undefined => {
      const index = columns[field];
      return index === undefined ? undefined : cells[index];
    };
    const text = (field: ReportField): string => cellText(get(field));
    const required = (field: ReportField): string => {
      const value = text(field);
      if (value === '') {
        const index = columns[field] ?? 0;
        if (index >= cells.length) {
          throw new RowError(reason('too_few_columns', { expected: index + 1, actual: cells.length }));
        }
        throw new RowError(reason('missing_value', { field: fieldTitle(field) }));
      }
      return value;
    };

    const purchaseId = required('purchaseId');
    if (purchaseId.length > 64) throw new RowError(reason('bad_value', { field: fieldTitle('purchaseId'), value: clip(purchaseId) }));
    const typeText = required('operationType');
    const operationType = OPERATION_TYPES[typeText.toLowerCase().replace(/ё/g, 'е')];
    if (!operationType) throw new RowError(reason('unknown_operation_type', { value: clip(typeText) }));

    required('operationDate');
    const when = dateOf(get('operationDate'), 'operationDate')!;
    const time = timeOf(get('operationTime')) ?? when.time ?? '00:00:00';
    const settlement = dateOf(get('settlementDate'), 'settlementDate');

    required('gross');
    let gross = amountOf(get('gross'), 'gross')!;
    let fee: number | undefined;
    for (const field of FEE_FIELDS) {
      const value = amountOf(get(field), field);
      if (value !== null) fee = (fee ?? 0) + value;
    }
    let net: number;
    if (columns.net !== undefined) {
      required('net');
      net = amountOf(get('net'), 'net')!;
    } else {
      net = Math.abs(gross) - Math.abs(fee ?? 0); // signed below like any net
    }
    if (operationType === 'purchase') {
      if (gross < 0) throw new RowError(reason('unexpected_sign', { field: fieldTitle('gross'), value: clip(text('gross')) }));
      if (net < 0) throw new RowError(reason('unexpected_sign', { field: fieldTitle('net'), value: clip(text('net')) }));
    } else {
      gross = -Math.abs(gross);
      net = -Math.abs(net);
    }

    const optional = (field: ReportField, max: number): string | undefined => {
      const value = text(field);
      return value === '' ? undefined : value.slice(0, max);
    };
    return {
      ok: true,
      row: compact({
        source: 'kaspi-report' as const,
        line,
        purchaseId,
        operationType,
        operationAt: almatyIso(when.date, time),
        settlementDate: settlement?.date ?? null,
        grossTiyn: gross,
        netTiyn: net,
        feeTiyn: fee,
        paymentType: optional('paymentType', 100),
        paymentType2: optional('paymentType2', 100),
        terminal: optional('terminal', 200),
        docNumber: optional('docNumber', 64),
        cardMask: maskCard(text('cardMask')),
        details: optional('details', 1000),
      }),
    };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, reason: error.reason };
    throw error;
  }
}
