// Reads a Kaspi Pay sales report table row by row, whatever the container (CSV or xlsx sheet):
// metadata rows ("Период:", "ИИН/БИН:", "Наименование:") until the header row — found by content,
// never by index — then data rows until an empty or "Итого" row. Anything after an empty row, or a
// data-like row (first cell an integer) after "Итого", is reported (`content_after_table`), not
// read. Slash dates get one order per file (slash-order.ts); a sub-tiyn fee rounded by the mapper
// is reported once (`fee_rounded`). Emits rows, invalid entries and problems into `events`, which
// the caller drains after every push.
import { parseDateText } from './date-text.js';
import { ExternalIdRegistry, IdCounter, joinId } from './external-id.js';
import type { ImportEvent } from './import-result.js';
import { salesReportRowSchema, validateRow, type SalesReportRow } from './import-row.js';
import { OutsidePeriod } from './outside-period.js';
import { clip, failure, reason, type FileFailure } from './reason-codes.js';
import { isValidReportRow } from './report-row-check.js';
import {
  FEE_FIELDS,
  REQUIRED_FIELDS,
  fieldTitle,
  isReportHeader,
  type ColumnMap,
  type ReportField,
} from './report-columns.js';
import { cellText, mapReportRow, type Cell } from './report-row-mapper.js';
import { SlashOrder, type SlashDecision } from './slash-order.js';

/** Rows searched for the header before giving up (Kaspi variants put it at rows 6, 7 and 18). */
export const HEADER_SEARCH_ROWS = 200;

export interface ReportHeaderInfo {
  headerLine: number;
  columns: ReportField[];
  period: { from: string; to: string } | null;
  bin: string | null;
  shopName: string | null;
  /** Other "Key:" metadata rows, as written. */
  extra: Record<string, string>;
  /** Data rows read (valid or not). */
  dataRows: number;
}

export type ReportTableEvent = Exclude<ImportEvent<SalesReportRow, never>, { kind: 'end' }>;

const META_KEYS: Record<string, 'period' | 'bin' | 'shopName'> = {
  период: 'period',
  'иин/бин': 'bin',
  'бин/иин': 'bin',
  бин: 'bin',
  иин: 'bin',
  наименование: 'shopName',
  организация: 'shopName',
};

function parsePeriod(text: string): { from: string; to: string } | null {
  const found = text.match(/\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}/g) ?? [];
  const dates = found.map((d) => parseDateText(d)?.date).filter((d): d is string => d !== undefined);
  if (dates.length === 0) return null;
  return { from: dates[0]!, to: dates[1] ?? dates[0]! };
}

export class ReportTable {
  /** Events of the rows pushed so far; hand them out with takeEvents(). */
  events: ReportTableEvent[] = [];
  fatal: FileFailure | null = null;
  private state: 'preamble' | 'data' | 'after' = 'preamble';
  /** The table ended at an empty row (more rows after it may be a split table) or at "Итого" (final). */
  private endedBy: 'empty' | 'total' | null = null;
  private columns: ColumnMap = {};
  private headerTexts: string[] = [];
  private preambleRows = 0;
  private reportedAfter = false;
  private reportedFeeRounded = false;
  private readonly slash = new SlashOrder();
  /** Set when the header is found: the period is read from the metadata rows above it. */
  private outside: OutsidePeriod | null = null;
  /** null = the caller finds repeated keyed ids itself (SalesReportOptions.trackDuplicates). */
  private readonly ids: ExternalIdRegistry | null;
  /** Numbers the ids of rows without a time of day (#2, …) whatever trackDuplicates says. */
  private counter: IdCounter | null = null;
  /** Ids (…T00:00:00) given to rows whose time cell was empty: a second one of a purchase's day gets another. */
  private emptyTimeIds: Set<string> | null = null;
  private readonly textRows: boolean;
  /** A text row needs at least this many cells: through the last amount or date column. */
  private minCells = 0;
  readonly info: ReportHeaderInfo = {
    headerLine: 0,
    columns: [],
    period: null,
    bin: null,
    shopName: null,
    extra: {},
    dataRows: 0,
  };

  /**
   * `textRows`: the rows are lines of text (CSV), each with every cell of its line — one short of the
   * amount and date columns was cut (an interrupted download). A sheet's row ends at its last filled cell.
   */
  constructor(options: { trackDuplicates?: boolean; textRows?: boolean } = {}) {
    this.ids = options.trackDuplicates === false ? null : new ExternalIdRegistry();
    this.textRows = options.textRows === true;
  }

  /** The events gathered since the last call (the table starts a fresh list). */
  takeEvents(): ReportTableEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  get headerFound(): boolean {
    return this.state !== 'preamble';
  }

  /** Feeds one row; false = stop (a fatal failure is set). */
  push(line: number, cells: readonly Cell[]): boolean {
    if (this.fatal) return false;
    if (this.state === 'preamble') {
      const texts = cells.map(cellText);
      return this.pushPreamble(line, texts, texts.every((t) => t === ''));
    }
    // data rows are the hot path: look at the first non-empty cell only, no per-row text array
    let first = '';
    for (const cell of cells) {
      first = cellText(cell);
      if (first !== '') break;
    }
    const empty = first === '';
    const lower = first.toLowerCase();
    const total = lower.startsWith('итого') || lower.startsWith('всего');
    if (this.state === 'after') {
      const more = this.endedBy === 'empty' ? !empty && !total : /^\d+$/.test(first); // after "Итого": data-like rows only
      if (more && !this.reportedAfter) {
        this.reportedAfter = true;
        this.events.push({ kind: 'problem', reason: reason('content_after_table', { line }) });
      }
      return true;
    }
    if (empty || total) {
      this.state = 'after';
      this.endedBy = total ? 'total' : 'empty';
      return true;
    }
    if (this.isRepeatedHeader(cells)) return true; // the header repeated (page break in some exports)
    this.info.dataRows++;
    if (this.slash.decided === null) {
      const look = this.slash.look(line, cells, this.columns);
      if (look === 'hold') return true;
      if (look !== 'pass') this.decideSlash(look, line);
      if (look === 'assumed-day') return true; // this row was the last one held
    }
    this.pushData(line, cells);
    return true;
  }

  /** The file's slash-date order is known: warn when it is not the usual one, map the held rows. */
  private decideSlash(decision: SlashDecision, line: number): void {
    const held = this.slash.decide(decision);
    if (decision === 'month') this.events.push({ kind: 'problem', reason: reason('slash_dates_month_first', { line }) });
    if (decision === 'assumed-day') this.events.push({ kind: 'problem', reason: reason('ambiguous_slash_dates', { line: held[0]!.line }) });
    for (const row of held) this.pushData(row.line, row.cells);
  }

  /** After the last row: a missing header is fatal, an empty table is a problem. */
  finish(): void {
    if (this.fatal) return;
    if (this.slash.held.length > 0) this.decideSlash('assumed-day', 0);
    if (this.state === 'preamble') this.fatal = failure('no_header');
    else if (this.info.dataRows === 0) this.events.push({ kind: 'problem', reason: reason('no_rows') });
    const outside = this.outside?.problem();
    if (outside) this.events.push({ kind: 'problem', reason: outside });
  }

  private pushPreamble(line: number, texts: string[], empty: boolean): boolean {
    if (++this.preambleRows > HEADER_SEARCH_ROWS) {
      this.fatal = failure('no_header');
      return false;
    }
    if (empty) return true;
    const columns = isReportHeader(texts);
    if (!columns) {
      this.readMetadata(texts);
      return true;
    }
    const missing = REQUIRED_FIELDS.filter((f) => columns[f] === undefined);
    const hasFee = FEE_FIELDS.some((f) => columns[f] !== undefined);
    if (columns.net === undefined && !hasFee) missing.push('net');
    if (missing.length > 0) {
      this.fatal = failure('missing_columns', { columns: missing.map(fieldTitle).join(', ') });
      return false;
    }
    if (columns.net === undefined) this.events.push({ kind: 'problem', reason: reason('net_derived') });
    if (columns.settlementDate === undefined) this.events.push({ kind: 'problem', reason: reason('no_settlement_date') });
    this.columns = columns;
    if (this.textRows) {
      const needed: ReportField[] = ['operationDate', 'operationTime', 'settlementDate', 'gross', 'net', ...FEE_FIELDS];
      this.minCells = Math.max(...needed.map((f) => columns[f] ?? -1)) + 1;
    }
    this.headerTexts = texts;
    this.info.headerLine = line;
    this.outside = new OutsidePeriod(this.info.period);
    this.info.columns = Object.keys(columns) as ReportField[];
    this.state = 'data';
    return true;
  }

  private isRepeatedHeader(cells: readonly Cell[]): boolean {
    const at = this.columns.purchaseId!;
    return cellText(cells[at]) === this.headerTexts[at] && isReportHeader(cells.map(cellText)) !== null;
  }

  private readMetadata(texts: string[]): void {
    const keyAt = texts.findIndex((t) => t.endsWith(':'));
    if (keyAt === -1) return;
    const key = texts[keyAt]!.slice(0, -1).trim();
    const value = texts.slice(keyAt + 1).find((t) => t !== '') ?? '';
    const known = META_KEYS[key.toLowerCase().replace(/\s+/g, '')];
    if (known === 'period') this.info.period = parsePeriod(value);
    else if (known === 'bin') this.info.bin = clip(value, 20);
    else if (known === 'shopName') this.info.shopName = clip(value, 200);
    else if (Object.keys(this.info.extra).length < 20) this.info.extra[clip(key, 60)] = clip(value, 200);
  }

  private pushData(line: number, cells: readonly Cell[]): void {
    const mapped = mapReportRow(line, cells, this.columns, { monthFirst: this.slash.decided === 'month', minCells: this.minCells });
    if (!mapped.ok) {
      this.events.push({ kind: 'invalid', line, reason: mapped.reason });
      return;
    }
    if (mapped.feeRounded && !this.reportedFeeRounded) {
      this.reportedFeeRounded = true;
      this.events.push({ kind: 'problem', reason: reason('fee_rounded', { line }) });
    }
    const row = mapped.row;
    // With a time of day, purchase + type + moment identify an operation. Without one (no time column,
    // a bare date), two partial refunds on one day would collide: the day, amount and document number
    // are used instead, and truly identical rows are counted (#2) rather than refused. The count is
    // part of the id, so it is kept here even when the caller finds repeated keyed ids itself.
    // An empty cell in a time column: the first such row of a purchase's day keeps the id it always
    // had (…T00:00:00), so a report imported before still matches; a second one is told apart as above.
    const moment = joinId('kaspi-report', row.purchaseId, row.operationType, row.operationAt.slice(0, 19));
    const emptyCell = !mapped.timeKnown && this.columns.operationTime !== undefined;
    const firstOfItsDay = emptyCell && !(this.emptyTimeIds ??= new Set()).has(moment);
    if (firstOfItsDay) this.emptyTimeIds!.add(moment);
    if (!mapped.timeKnown && !firstOfItsDay) {
      const id = joinId('kaspi-report', row.purchaseId, row.operationType, row.operationAt.slice(0, 10), row.grossTiyn, row.docNumber ?? '');
      row.externalId = (this.counter ??= new IdCounter()).next(id);
    } else {
      row.externalId = moment;
      const claim = this.ids?.claim(row.externalId, line, 'reject');
      if (claim && !claim.ok) {
        this.events.push({
          kind: 'invalid',
          line,
          reason: reason('duplicate_in_file', { externalId: clip(row.externalId, 200), firstLine: claim.firstLine }),
        });
        return;
      }
    }
    if (isValidReportRow(row)) {
      this.outside!.note(row.operationAt.slice(0, 10), line);
      this.events.push({ kind: 'row', row });
      return;
    }
    const checked = validateRow(salesReportRowSchema, row); // the exact issue (and the last word)
    if (checked.ok) {
      this.outside!.note(checked.row.operationAt.slice(0, 10), line);
      this.events.push({ kind: 'row', row: checked.row });
    } else this.events.push({ kind: 'invalid', line, reason: checked.reason });
  }
}
