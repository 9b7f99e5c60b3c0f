// Leg 1's refunds: each month shows the money moved in it. A refund is dated by itself (the till's
// refund by when it was made, the report's by its operation day), not by the purchase it returns, so
// a December refund of a November purchase changes nothing in November: it is December's pair.
//
// One pair per purchase and range: the till's done refunds of that purchase dated in the range ↔ the
// report's refund rows of that purchase dated in it, each side summed (negative tiyn). When only one
// side has any, the other side's refunds of the same purchase dated the day before or after the range
// are brought in as its counterpart (a refund at 23:59, its row at 00:00 the next day), listed but
// counted in their own range's totals only — as for purchases.
import type { Db } from '../../store/database.js';
import { utcBoundsOfDays } from './almaty-days.js';
import type { PairRecord, PairStatus } from './till-report.js';

interface Side {
  /** Negative: money back to the buyer. */
  tiyn: number;
  /** The first refund's time: UTC ISO on the till side, Almaty ISO on the report side. */
  at: string;
  inRange: boolean;
}

interface TillSide extends Side {
  saleId: string;
  orderNo: number | null;
}

/** A key per purchase; a till sale without a purchase id is keyed by the sale. */
const keyOf = (pid: string | null, saleId: string) => pid ?? `sale:${saleId}`;

const DAY_MS = 86_400_000;
const shiftDay = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const TILL_REFUNDS = `SELECT r.sale_id, s.qr_payment_id, o.number, r.created_at, r.amount_tiyn
  FROM refunds r JOIN sales s ON s.id = r.sale_id LEFT JOIN orders o ON o.sale_id = s.id
  WHERE r.status = 'done' AND s.mode IN (SELECT value FROM json_each(@modes))`;

type TillRefund = [string, string | null, number | null, string, number];

export function refundPairsOfRange(db: Db, modes: string, from: string, to: string): PairRecord[] {
  const { start, end } = utcBoundsOfDays(from, to);
  const tills = new Map<string, TillSide & { pid: string | null }>();
  const addTill = ([saleId, pid, orderNo, at, amount]: TillRefund, inRange: boolean) => {
    const key = keyOf(pid, saleId);
    const known = tills.get(key);
    if (!known) tills.set(key, { saleId, pid, orderNo, at, tiyn: -amount, inRange });
    else {
      known.tiyn -= amount;
      if (at < known.at) known.at = at;
    }
  };
  const reports = new Map<string, Side>();
  const addReport = ([pid, at, gross]: [string, string, number], inRange: boolean) => {
    const known = reports.get(pid);
    if (!known) reports.set(pid, { tiyn: gross, at, inRange });
    else {
      known.tiyn += gross;
      if (at < known.at) known.at = at;
    }
  };

  for (const row of db.prepare(`${TILL_REFUNDS} AND r.created_at >= @start AND r.created_at < @end`).raw().all({ modes, start, end }) as TillRefund[]) {
    addTill(row, true);
  }
  const reportRows = db
    .prepare(`SELECT purchase_id, operation_at, gross_tiyn FROM report_rows WHERE operation_type = 'refund' AND operation_date BETWEEN @from AND @to`)
    .raw()
    .all({ from, to }) as [string, string, number][];
  for (const row of reportRows) addReport(row, true);

  // counterparts a day either side of the range, for purchases only one side refunded in it
  const tillOnly = [...tills.values()].filter((t) => t.pid !== null && !reports.has(t.pid)).map((t) => t.pid!);
  if (tillOnly.length > 0) {
    const rows = db
      .prepare(
        `SELECT purchase_id, operation_at, gross_tiyn FROM report_rows
         WHERE operation_type = 'refund' AND purchase_id IN (SELECT value FROM json_each(@pids))
           AND operation_date IN (@before, @after)`,
      )
      .raw()
      .all({ pids: JSON.stringify(tillOnly), before: shiftDay(from, -1), after: shiftDay(to, 1) }) as [string, string, number][];
    for (const row of rows) addReport(row, false);
  }
  const reportOnly = [...reports.keys()].filter((pid) => !tills.has(pid));
  if (reportOnly.length > 0) {
    const around = utcBoundsOfDays(shiftDay(from, -1), shiftDay(to, 1));
    const rows = db
      .prepare(
        `${TILL_REFUNDS} AND s.qr_payment_id IN (SELECT value FROM json_each(@pids))
           AND r.created_at >= @aroundStart AND r.created_at < @aroundEnd AND (r.created_at < @start OR r.created_at >= @end)`,
      )
      .raw()
      .all({ modes, pids: JSON.stringify(reportOnly), aroundStart: around.start, aroundEnd: around.end, start, end }) as TillRefund[];
    for (const row of rows) addTill(row, false);
  }

  const records: PairRecord[] = [];
  for (const key of new Set([...tills.keys(), ...reports.keys()])) {
    const t = tills.get(key);
    const r = reports.get(key);
    if ((!t || !t.inRange) && (!r || !r.inRange)) continue;
    const status: PairStatus = t && r ? (t.tiyn === r.tiyn ? 'matched' : 'amount_differs') : t ? 'only_till' : 'only_report';
    const time = t ? t.at : r!.at;
    records.push({
      kind: 'refund',
      status,
      purchaseId: t ? t.pid : key,
      saleId: t ? t.saleId : null,
      orderNo: t ? t.orderNo : null,
      time,
      ms: Date.parse(time),
      tillTiyn: t ? t.tiyn : null,
      reportTiyn: r ? r.tiyn : null,
      reconciled: false,
      counterpartOutside: t && !t.inRange ? 'till' : r && !r.inRange ? 'report' : null,
    });
  }
  return records;
}
