// Leg 1's refunds: each month shows the money moved in it. A refund is dated by itself (the till's
// refund by when payment/return went out, the report's by its operation day), not by the purchase it returns, so
// a December refund of a November purchase changes nothing in November: it is December's pair.
//
// Refunds pair one by one: a till refund with the report's refund row of the same purchase and the
// same amount, the nearest in time, looked for up to a day either side of the range (a refund at
// 23:59, its row at 00:00 the next day). A pair with one side outside the range is listed, that side
// counted in its own range's totals only — as for purchases. What stays unpaired in the range, per
// purchase: the report's refunds missing at the till (only_report), the till's missing in the report
// (only_till), or, when both sides have some, one amount_differs pair of the two sums.
import type { Db } from '../../store/database.js';
import { utcBoundsOfDays } from './almaty-days.js';
import type { PairRecord, PairStatus, Side } from './till-report.js';

interface Refund {
  /** Negative: money back to the buyer. */
  tiyn: number;
  /** UTC ISO on the till side, Almaty ISO on the report side. */
  at: string;
  ms: number;
  inRange: boolean;
  /** The till refund's id, or the report row's id: tells two refunds of one purchase apart. */
  ref: string;
  saleId: string | null;
  orderNo: number | null;
}

interface Sides {
  pid: string | null;
  till: Refund[];
  report: Refund[];
}

const DAY_MS = 86_400_000;
const shiftDay = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function refundPairsOfRange(db: Db, modes: string, from: string, to: string): PairRecord[] {
  const { start, end } = utcBoundsOfDays(from, to);
  const around = utcBoundsOfDays(shiftDay(from, -1), shiftDay(to, 1));
  const byKey = new Map<string, Sides>();
  const sides = (key: string, pid: string | null): Sides => {
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { pid, till: [], report: [] }));
    return s;
  };

  const tillRows = db
    .prepare(
      `SELECT r.id, r.sale_id, s.qr_payment_id, o.number, r.sent_at, r.amount_tiyn
         FROM refunds r JOIN sales s ON s.id = r.sale_id LEFT JOIN orders o ON o.sale_id = s.id
        WHERE r.status = 'done' AND s.mode IN (SELECT value FROM json_each(@modes))
          AND r.sent_at >= @aroundStart AND r.sent_at < @aroundEnd`,
    )
    .raw()
    .all({ modes, aroundStart: around.start, aroundEnd: around.end }) as [string, string, string | null, number | null, string, number][];
  for (const [id, saleId, pid, orderNo, at, amount] of tillRows) {
    // a till sale without a purchase id is keyed by the sale: nothing in a report can pair with it
    sides(pid ?? `sale:${saleId}`, pid).till.push({ tiyn: -amount, at, ms: Date.parse(at), inRange: at >= start && at < end, ref: id, saleId, orderNo });
  }
  const reportRows = db
    .prepare(
      `SELECT id, purchase_id, operation_at, operation_date, gross_tiyn FROM report_rows
        WHERE operation_type = 'refund' AND operation_date BETWEEN @before AND @after`,
    )
    .raw()
    .all({ before: shiftDay(from, -1), after: shiftDay(to, 1) }) as [number, string, string, string, number][];
  for (const [id, pid, at, date, gross] of reportRows) {
    sides(pid, pid).report.push({ tiyn: gross, at, ms: Date.parse(at), inRange: date >= from && date <= to, ref: `r${id}`, saleId: null, orderNo: null });
  }

  const records: PairRecord[] = [];
  for (const s of byKey.values()) {
    const report = [...s.report];
    const tillLeft: Refund[] = [];
    for (const t of s.till) {
      let best = -1;
      for (const [i, r] of report.entries()) {
        if (r.tiyn === t.tiyn && (best === -1 || Math.abs(r.ms - t.ms) < Math.abs(report[best]!.ms - t.ms))) best = i;
      }
      if (best === -1) tillLeft.push(t);
      else {
        const [r] = report.splice(best, 1);
        if (t.inRange || r!.inRange) records.push(record(s.pid, t, r!, t.inRange ? (r!.inRange ? null : 'report') : 'till'));
      }
    }
    const tillIn = tillLeft.filter((t) => t.inRange);
    const reportIn = report.filter((r) => r.inRange);
    if (tillIn.length > 0 && reportIn.length > 0) records.push(record(s.pid, sum(tillIn), sum(reportIn), null));
    else if (tillIn.length > 0) records.push(record(s.pid, sum(tillIn), undefined, null));
    else if (reportIn.length > 0) records.push(record(s.pid, undefined, sum(reportIn), null));
  }
  return records;
}

/** Refunds of one purchase and side as one: their total, dated by the first. */
function sum(refunds: Refund[]): Refund {
  const first = refunds.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...first, tiyn: refunds.reduce((total, r) => total + r.tiyn, 0) };
}

function record(pid: string | null, t: Refund | undefined, r: Refund | undefined, outside: Side | null): PairRecord {
  const status: PairStatus = t && r ? (t.tiyn === r.tiyn ? 'matched' : 'amount_differs') : t ? 'only_till' : 'only_report';
  const time = t ? t.at : r!.at;
  return {
    kind: 'refund',
    refundRef: t ? t.ref : r!.ref,
    status,
    purchaseId: pid,
    saleId: t ? t.saleId : null,
    orderNo: t ? t.orderNo : null,
    time,
    ms: Date.parse(time),
    tillTiyn: t ? t.tiyn : null,
    reportTiyn: r ? r.tiyn : null,
    reconciled: false,
    counterpartOutside: outside,
  };
}
