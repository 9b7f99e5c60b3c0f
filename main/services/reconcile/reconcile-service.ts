// The three-way reconciliation behind reconcile.run|mark|export: till ↔ Kaspi sales report
// (till-report.ts) and report ↔ bank statement (report-bank.ts), over SQLite with indexes. Marking
// locks matched pairs; exports write either view as CSV or XLSX.
import type { Locale } from '../../../shared/domain.js';
import { MAX_RECONCILE_YEARS, periodTooLong, type ReconcileView } from '../../../shared/import-domain.js';
import type { Db } from '../../store/database.js';
import { AppError } from '../app-error.js';
import { isYmd } from './almaty-days.js';
import { toCsv, toXlsx } from './export-files.js';
import { reportBankTable, tillReportTable } from './export-tables.js';
import { settlementDays, unsettledRows, type SettlementDay } from './report-bank.js';
import { inRangeTotals, pairIdOf, sortPairs, statusTotals, TillReportQueries, toPair, type PairRecord, type PairStatus } from './till-report.js';

/** Pairs listed in a view (the contract's cap); the rest are counted and totalled. */
export const MAX_LISTED_PAIRS = 5000;

export interface ReconcileServiceOptions {
  db: Db;
  now?: () => Date;
}

/** Which till sales take part: live only unless demo sales are asked for (they never reach a Kaspi report). */
export interface TillScope {
  includeDemo?: boolean | undefined;
}

export interface ExportOptions extends TillScope {
  /** till-report: only the pairs of this status. */
  status?: PairStatus | undefined;
}

export type ReconcileExportView = 'till-report' | 'report-bank';

interface Computed {
  pairs: PairRecord[];
  days: SettlementDay[];
  unsettled: { rows: number; netTiyn: number };
  /** Paid sales of the range not taken part (demo ones, unless asked for). */
  leftOut: number;
}

const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export class ReconcileService {
  private readonly db: Db;
  private readonly now: () => Date;

  constructor(options: ReconcileServiceOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
  }

  private queries(scope: TillScope): TillReportQueries {
    return new TillReportQueries(this.db, scope.includeDemo ? ['demo', 'live'] : ['live']);
  }

  /** `status`: only that status's pairs listed (the cap then holds them all, not the problems first). */
  run(from: string, to: string, scope: TillScope & { status?: PairStatus | undefined } = {}): ReconcileView {
    const { pairs, days, unsettled, leftOut } = this.compute(from, to, scope);
    let listed = scope.status ? pairs.filter((p) => p.status === scope.status) : pairs;
    // A cut list of matched pairs: those not marked yet first, so marking a busy month's first
    // listed ones brings the next ones up — every open pair can be reached and marked.
    if (scope.status === 'matched' && listed.length > MAX_LISTED_PAIRS) listed = [...listed.filter((p) => !p.reconciled), ...listed.filter((p) => p.reconciled)];
    const counts: Record<PairStatus, number> = { matched: 0, amount_differs: 0, only_till: 0, only_report: 0 };
    for (const p of pairs) counts[p.status]++;
    const totals = inRangeTotals(pairs);
    const reportNetTotalTiyn = days.reduce((s, d) => s + d.reportNetTiyn, 0);
    const bankCreditTotalTiyn = days.reduce((s, d) => s + d.bankCreditTiyn, 0);
    return {
      from,
      to,
      tillVsReport: {
        pairs: listed.slice(0, MAX_LISTED_PAIRS).map(toPair),
        truncated: listed.length > MAX_LISTED_PAIRS,
        listedStatus: scope.status ?? null,
        counts,
        sums: statusTotals(pairs),
        tillTotalTiyn: totals.till,
        reportTotalTiyn: totals.report,
        demoSalesLeftOut: leftOut,
      },
      reportVsBank: {
        days,
        reportNetTotalTiyn,
        bankCreditTotalTiyn,
        differenceTiyn: bankCreditTotalTiyn - reportNetTotalTiyn,
        unsettled,
      },
    };
  }

  /**
   * Locks pairs the manager confirmed. Only pairs that are matched right now are locked (with both
   * amounts, so a later change unlocks them in the view); returns how many were newly locked.
   */
  mark(pairIds: string[], scope: TillScope = {}): number {
    const pids = [...new Set(pairIds.filter((id) => id.startsWith('purchase:')).map((id) => id.slice('purchase:'.length)))];
    const at = this.now().toISOString();
    const upsert = this.db.prepare(
      `INSERT INTO reconciled_pairs (pair_id, purchase_id, sale_id, till_tiyn, report_tiyn, marked_at)
       VALUES (@id, @purchaseId, @saleId, @tillTiyn, @reportTiyn, @at)
       ON CONFLICT (pair_id) DO UPDATE SET sale_id = excluded.sale_id, till_tiyn = excluded.till_tiyn,
         report_tiyn = excluded.report_tiyn, marked_at = excluded.marked_at
       WHERE reconciled_pairs.till_tiyn <> excluded.till_tiyn OR reconciled_pairs.report_tiyn <> excluded.report_tiyn
          OR reconciled_pairs.sale_id <> excluded.sale_id`,
    );
    return this.db.transaction(() => {
      let marked = 0;
      for (const p of this.queries(scope).pairsOf(pids)) {
        if (p.status !== 'matched') continue;
        const id = pairIdOf(p.purchaseId, p.saleId);
        marked += upsert.run({ id, purchaseId: p.purchaseId, saleId: p.saleId, tillTiyn: p.tillTiyn, reportTiyn: p.reportTiyn, at }).changes;
      }
      return marked;
    }).immediate();
  }

  /** Takes marks back; returns how many were removed. */
  unmark(pairIds: string[]): number {
    const ids = [...new Set(pairIds)];
    const remove = this.db.prepare('DELETE FROM reconciled_pairs WHERE pair_id = ?');
    return this.db.transaction(() => ids.reduce((n, id) => n + remove.run(id).changes, 0)).immediate();
  }

  /** One view of the range as a file in `locale`; every pair (of the status asked for) and day, not only the listed ones. */
  async export(
    from: string,
    to: string,
    view: ReconcileExportView,
    format: 'csv' | 'xlsx',
    locale: Locale = 'ru',
    options: ExportOptions = {},
  ): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
    const computed = this.compute(from, to, options);
    const { days } = computed;
    const status = view === 'till-report' ? options.status : undefined;
    const pairs = status ? computed.pairs.filter((p) => p.status === status) : computed.pairs;
    const table =
      view === 'till-report'
        ? tillReportTable(pairs.map(toPair), inRangeTotals(pairs), locale)
        : reportBankTable(days, {
            report: days.reduce((s, d) => s + d.reportNetTiyn, 0),
            bank: days.reduce((s, d) => s + d.bankCreditTiyn, 0),
          }, locale);
    const content = format === 'csv' ? toCsv(table) : await toXlsx(table);
    return { fileName: `kassa-${view}${status ? `-${status}` : ''}-${from}_${to}.${format}`, mimeType: MIME[format], content };
  }

  private compute(from: string, to: string, scope: TillScope): Computed {
    if (!isYmd(from) || !isYmd(to) || from > to) throw new AppError('invalid_request', { field: 'to' });
    // every settlement day of the period is listed: a period is at most so long
    if (periodTooLong(from, to)) throw new AppError('reconcile_period_too_long', { years: MAX_RECONCILE_YEARS });
    const queries = this.queries(scope);
    const read = this.db.transaction(() => ({
      pairs: sortPairs(queries.pairsOfRange(from, to)),
      days: settlementDays(this.db, from, to),
      unsettled: unsettledRows(this.db, from, to),
      leftOut: queries.salesLeftOut(from, to),
    }));
    return read(); // one read transaction: both legs see the same snapshot
  }
}
