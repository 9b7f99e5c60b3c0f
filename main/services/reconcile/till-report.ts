// Leg 1 of the reconciliation: the till's paid sales ↔ the Kaspi sales report's purchases, paired
// by Kaspi's purchase id (sales.qr_payment_id = `Номер заказа (ID/RRN)`).
//
// Rules:
//  * Which pairs: every paid sale whose Almaty day is in [from, to], and every report purchase whose
//    operation day is; each then brings its counterpart whatever the counterpart's date (a sale at
//    23:59 and its report row at 00:00 the next day still pair). Such a pair is listed in both
//    ranges, marked `counterpartOutside` ('till' | 'report': the side dated outside the range), and
//    each side's amount counts in the totals of its own range only (`inRangeTotals`), so monthly
//    totals add up.
//  * A purchase pair compares the purchase itself: till = the sale's amount, report = the purchase's
//    gross. Refunds are pairs of their own, paired one by one and dated by themselves
//    (refund-pairs.ts): a later month's refund never changes a month already reconciled, and each
//    range's totals are the money moved in it. A refund Kaspi made that the till never recorded (or
//    the other way round) is a refund pair only in the report (only on the till).
//  * Only live sales by default: demo sales never reach a Kaspi report.
// Pairs are built as cheap records (10^5 of them within the 1 s budget); the view's strings
// (Almaty time, receipt number) are made only for the pairs actually shown or exported.
import { reconcileStatuses } from '../../../shared/import-domain.js';
import type { Db } from '../../store/database.js';
import { formatOrderNumber } from '../../../shared/sale-label.js';
import { almatyOfUtc, utcBoundsOfDays } from './almaty-days.js';
import { refundPairsOfRange } from './refund-pairs.js';

export type PairStatus = (typeof reconcileStatuses)[number];

/** A purchase, or the refunds of one purchase within the range. */
export type PairKind = 'purchase' | 'refund';

/** A pair as the view shows it (shared/import-domain.ts tillReportPairSchema). */
export interface Pair {
  id: string;
  kind: PairKind;
  status: PairStatus;
  purchaseId: string | null;
  saleId: string | null;
  orderNumber: string | null;
  /** Almaty ISO time of the sale, else of the report purchase. */
  at: string;
  tillTiyn: number | null;
  reportTiyn: number | null;
  reconciled: boolean;
  /** The side dated outside the range asked for (listed, not counted in its totals); null: none. */
  counterpartOutside: Side | null;
}

export type Side = 'till' | 'report';

/** A pair as computed; `toPair` dresses it for the view. */
export interface PairRecord {
  kind: PairKind;
  /** A refund pair's own reference (one purchase may have several refund pairs). */
  refundRef?: string;
  status: PairStatus;
  purchaseId: string | null;
  saleId: string | null;
  orderNo: number | null;
  /** Sale time (UTC ISO) or, without a sale, the purchase's Almaty ISO time. */
  time: string;
  /** Epoch ms of `time` (for sorting). */
  ms: number;
  tillTiyn: number | null;
  reportTiyn: number | null;
  reconciled: boolean;
  counterpartOutside: Side | null;
  /** A second till sale under a purchase id another sale already pairs (a demo id repeating a live one): its own pair. */
  ownPair?: true;
}

interface Till {
  saleId: string;
  pid: string | null;
  createdAt: string;
  orderNo: number | null;
  till: number;
  lockTill: number | null;
  lockReport: number | null;
  /** Dated in the range asked for (false: brought in as a counterpart). */
  inRange: boolean;
}

interface Purchase {
  gross: number;
  at: string;
  inRange: boolean;
}

const TILL_SELECT = `SELECT s.id, s.qr_payment_id, s.created_at, o.number, s.amount_tiyn, p.till_tiyn, p.report_tiyn
  FROM sales s LEFT JOIN orders o ON o.sale_id = s.id LEFT JOIN reconciled_pairs p ON p.purchase_id = s.qr_payment_id
  WHERE s.status = 'paid' AND s.mode IN (SELECT value FROM json_each(@modes))`;

/** The sale that pairs with a purchase id first: a live one before a demo one (the demo simulator's ids may repeat Kaspi's). */
const TILL_ORDER = "ORDER BY s.mode = 'demo', s.created_at";

type TillTuple = [string, string | null, string, number | null, number, number | null, number | null];

/** A purchase pair's id (the one `mark` takes); a refund pair's is `refund:`, the same and its reference. */
export const pairIdOf = (purchaseId: string | null, saleId: string | null): string =>
  purchaseId !== null ? `purchase:${purchaseId}` : `sale:${saleId}`;

export function toPair(r: PairRecord): Pair {
  const id = r.ownPair ? `sale:${r.saleId}` : pairIdOf(r.purchaseId, r.saleId);
  return {
    id: r.kind === 'refund' ? `refund:${id}:${r.refundRef ?? ''}` : id,
    kind: r.kind,
    status: r.status,
    purchaseId: r.purchaseId,
    saleId: r.saleId,
    orderNumber: r.orderNo === null ? null : formatOrderNumber(r.orderNo),
    at: r.saleId !== null ? almatyOfUtc(r.time) : r.time,
    tillTiyn: r.tillTiyn,
    reportTiyn: r.reportTiyn,
    reconciled: r.reconciled,
    counterpartOutside: r.counterpartOutside,
  };
}

/** Each side's sum per status, counting a side only when it is dated in the range. */
export function statusTotals(pairs: readonly PairRecord[]): Record<PairStatus, { tillTiyn: number; reportTiyn: number }> {
  const out = Object.fromEntries(reconcileStatuses.map((s) => [s, { tillTiyn: 0, reportTiyn: 0 }])) as Record<PairStatus, { tillTiyn: number; reportTiyn: number }>;
  for (const p of pairs) {
    if (p.counterpartOutside !== 'till') out[p.status].tillTiyn += p.tillTiyn ?? 0;
    if (p.counterpartOutside !== 'report') out[p.status].reportTiyn += p.reportTiyn ?? 0;
  }
  return out;
}

/** Each side's total over the pairs, counting a side only when it is dated in the range. */
export function inRangeTotals(pairs: readonly PairRecord[]): { till: number; report: number } {
  const sums = Object.values(statusTotals(pairs));
  return { till: sums.reduce((s, x) => s + x.tillTiyn, 0), report: sums.reduce((s, x) => s + x.reportTiyn, 0) };
}

export class TillReportQueries {
  private readonly modes: string;

  constructor(
    private readonly db: Db,
    modes: readonly ('demo' | 'live')[],
  ) {
    this.modes = JSON.stringify(modes);
  }

  /** Paid sales of the range in the modes left out (demo, unless asked for). */
  salesLeftOut(from: string, to: string): number {
    const { start, end } = utcBoundsOfDays(from, to);
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM sales WHERE status = 'paid' AND mode NOT IN (SELECT value FROM json_each(@modes))
           AND created_at >= @start AND created_at < @end`,
      )
      .get({ modes: this.modes, start, end }) as { n: number };
    return row.n;
  }

  /** Every pair of the range (unsorted, not truncated). */
  pairsOfRange(from: string, to: string): PairRecord[] {
    const { start, end } = utcBoundsOfDays(from, to);
    const tills = new Map<string, Till>();
    const withoutPid: Till[] = [];
    const rows = this.db
      .prepare(`${TILL_SELECT} AND s.created_at >= @start AND s.created_at < @end ${TILL_ORDER}`)
      .raw()
      .all({ modes: this.modes, start, end }) as TillTuple[];
    const repeated: Till[] = [];
    for (const row of rows) {
      const t = till(row, true);
      if (t.pid === null) withoutPid.push(t);
      else if (!tills.has(t.pid)) tills.set(t.pid, t);
      else repeated.push(t); // counted on its own, never dropped
    }
    const purchases = new Map<string, Purchase>();
    const purchaseRows = this.db
      .prepare(
        `SELECT purchase_id, gross_tiyn, operation_at FROM report_rows
         WHERE operation_date BETWEEN @from AND @to AND operation_type = 'purchase'`,
      )
      .raw()
      .all({ from, to }) as [string, number, string][];
    for (const [pid, gross, at] of purchaseRows) addPurchase(purchases, pid, gross, at, true); // summed in JS: no GROUP BY b-tree
    // each side's counterparts outside the range
    this.addPurchases(purchases, [...tills.keys()].filter((pid) => !purchases.has(pid)), false);
    this.addTills(tills, [...purchases.keys()].filter((pid) => !tills.has(pid)), false);
    const pids = new Set<string>([...tills.keys(), ...purchases.keys()]);
    const records = this.assemble([...pids], tills, purchases);
    for (const t of withoutPid) records.push(record(t, undefined));
    for (const t of repeated) records.push({ ...record(t, undefined), reconciled: false, ownPair: true });
    return records.concat(refundPairsOfRange(this.db, this.modes, from, to));
  }

  /** The current pairs of the given purchase ids (whatever their dates). */
  pairsOf(purchaseIds: string[]): PairRecord[] {
    const tills = new Map<string, Till>();
    const purchases = new Map<string, Purchase>();
    this.addTills(tills, purchaseIds, true);
    this.addPurchases(purchases, purchaseIds, true);
    return this.assemble(purchaseIds, tills, purchases);
  }

  /** `inRange`: false for counterparts of a range (they are dated outside it), true for pairsOf. */
  private addTills(tills: Map<string, Till>, pids: string[], inRange: boolean): void {
    if (pids.length === 0) return;
    const rows = this.db
      .prepare(`${TILL_SELECT} AND s.qr_payment_id IN (SELECT value FROM json_each(@pids)) ${TILL_ORDER}`)
      .raw()
      .all({ modes: this.modes, pids: JSON.stringify(pids) }) as TillTuple[];
    for (const row of rows) if (!tills.has(row[1]!)) tills.set(row[1]!, till(row, inRange));
  }

  private addPurchases(purchases: Map<string, Purchase>, pids: string[], inRange: boolean): void {
    if (pids.length === 0) return;
    const rows = this.db
      .prepare(
        `SELECT purchase_id, gross_tiyn, operation_at FROM report_rows
         WHERE operation_type = 'purchase' AND purchase_id IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(JSON.stringify(pids)) as [string, number, string][];
    for (const [pid, gross, at] of rows) addPurchase(purchases, pid, gross, at, inRange);
  }

  private assemble(pids: string[], tills: Map<string, Till>, purchases: Map<string, Purchase>): PairRecord[] {
    const records: PairRecord[] = [];
    for (const pid of pids) {
      const t = tills.get(pid);
      const purchase = purchases.get(pid);
      if (t || purchase) records.push(record(t, purchase, pid));
    }
    return records;
  }
}

function till(row: TillTuple, inRange: boolean): Till {
  return { saleId: row[0], pid: row[1], createdAt: row[2], orderNo: row[3], till: row[4], lockTill: row[5], lockReport: row[6], inRange };
}

function addPurchase(purchases: Map<string, Purchase>, pid: string, gross: number, at: string, inRange: boolean): void {
  const known = purchases.get(pid);
  if (!known) purchases.set(pid, { gross, at, inRange });
  else {
    known.gross += gross;
    if (at < known.at) known.at = at;
  }
}

function record(t: Till | undefined, purchase: Purchase | undefined, pid: string | null = null): PairRecord {
  const tillTiyn = t ? t.till : null;
  const reportTiyn = purchase ? purchase.gross : null;
  const status: PairStatus = t && purchase ? (tillTiyn === reportTiyn ? 'matched' : 'amount_differs') : t ? 'only_till' : 'only_report';
  const time = t ? t.createdAt : purchase!.at;
  return {
    kind: 'purchase',
    status,
    purchaseId: t ? t.pid : pid,
    saleId: t ? t.saleId : null,
    orderNo: t ? t.orderNo : null,
    time,
    ms: Date.parse(time),
    tillTiyn,
    reportTiyn,
    // locked, and still exactly what the manager confirmed
    reconciled: status === 'matched' && t!.lockTill === tillTiyn && t!.lockReport === reportTiyn,
    counterpartOutside: t && !t.inRange ? 'till' : purchase && !purchase.inRange ? 'report' : null,
  };
}

const STATUS_ORDER: Record<PairStatus, number> = { amount_differs: 0, only_till: 1, only_report: 2, matched: 3 };

/** Problems first (what the manager must look at), then matched pairs; each in time order. */
export function sortPairs(pairs: PairRecord[]): PairRecord[] {
  return pairs.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.ms - b.ms);
}
