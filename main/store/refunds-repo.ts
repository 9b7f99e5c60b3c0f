// Refunds: each one a persisted record with its own small state machine, written in transactions,
// each move recorded in refund_events (the audit trail) in the same transaction.
import { REFUND_APPLIED_AFTER_VERDICT, REFUND_AWAITING_VERDICT, REFUND_UNCONFIRMED, type RefundStatus } from '../../shared/domain.js';
import { AppError } from '../services/app-error.js';
import type { Db } from './database.js';

export interface RefundRow {
  id: string;
  sale_id: string;
  amount_tiyn: number;
  method: 'api' | 'qr' | 'manual';
  status: RefundStatus;
  qr_return_id: string | null;
  qr_token: string | null;
  poll_interval_s: number | null;
  scan_timeout_s: number | null;
  qr_shown_at: string | null;
  return_operation_id: string | null;
  available_before_tiyn: number | null;
  error_code: string | null;
  error_params: string | null;
  settled: number;
  created_at: string;
  finished_at: string | null;
  updated_at: string;
  /** The last successful Kaspi read of a refund marked "not applied" (after-verdict-check.ts). */
  checked_at: string | null;
  /** When payment/return went out (a manual refund: when recorded): the day the refund belongs to. */
  sent_at: string | null;
}

export type RefundPatch = Partial<
  Pick<RefundRow, 'qr_return_id' | 'qr_token' | 'poll_interval_s' | 'scan_timeout_s' | 'qr_shown_at' | 'return_operation_id' | 'available_before_tiyn' | 'error_code' | 'error_params' | 'settled' | 'finished_at' | 'checked_at'>
>;
/** Who moved a refund: Kassa itself, or the manager resolving one Kaspi never confirmed. */
export interface RefundAudit {
  actor: 'kassa' | 'manager';
  detail?: Record<string, string | number> | undefined;
}
const BY_KASSA: RefundAudit = { actor: 'kassa' };

export interface RefundEventRow {
  id: number;
  refund_id: string;
  from_status: RefundStatus | null;
  to_status: RefundStatus;
  error_code: string | null;
  actor: RefundAudit['actor'];
  detail: string | null;
  at: string;
}

/** Codes of refunds that ended long after they were sent: not flashed on the customer display. */
export const LATE_OUTCOMES = ['refund_applied_late', 'refund_marked_applied', 'refund_marked_not_applied', REFUND_APPLIED_AFTER_VERDICT] as const;

/** What a compare-and-set move expects the row to still be: its status and (for 'unknown') its reason. */
export type RefundState = Pick<RefundRow, 'status' | 'error_code'>;

const PATCHABLE = new Set<string>([
  'qr_return_id', 'qr_token', 'poll_interval_s', 'scan_timeout_s', 'qr_shown_at', 'return_operation_id',
  'available_before_tiyn', 'error_code', 'error_params', 'settled', 'finished_at', 'checked_at',
]);

const LEGAL: Record<RefundStatus, readonly RefundStatus[]> = {
  created: ['qr_shown', 'returning', 'failed', 'cancelled'],
  qr_shown: ['identified', 'failed', 'cancelled'],
  identified: ['returning', 'failed'],
  returning: ['done', 'failed', 'unknown'],
  // unknown -> unknown: a re-check changing only the reason (unconfirmed, a drop to review) or the baseline.
  unknown: ['unknown', 'done', 'failed'],
  done: [],
  failed: [],
  cancelled: [],
};

export function refundMoveIsLegal(from: RefundStatus, to: RefundStatus): boolean {
  return LEGAL[from].includes(to);
}

/** Statuses that hold back part of the refundable amount until they end. */
const PENDING: RefundStatus[] = ['created', 'qr_shown', 'identified', 'returning', 'unknown'];
const SETTLED: RefundStatus[] = ['done', 'failed', 'cancelled'];

/** A refund Kaspi never confirmed, or whose late drop needs a look: it waits for the manager's verdict. */
export function awaitsVerdict(row: RefundState): boolean {
  return row.status === 'unknown' && (REFUND_AWAITING_VERDICT as readonly (string | null)[]).includes(row.error_code);
}

/** Marked "not applied", then a drop at Kaspi: waits for the manager's review (REFUND_APPLIED_AFTER_VERDICT). */
export function flaggedAfterVerdict(row: RefundState): boolean {
  return row.status === 'failed' && row.error_code === REFUND_APPLIED_AFTER_VERDICT;
}

export class RefundsRepo {
  constructor(private readonly db: Db) {}

  insert(refund: { id: string; saleId: string; amountTiyn: number; method: RefundRow['method']; status: RefundStatus; at: string }): RefundRow {
    this.db
      .prepare(
        `INSERT INTO refunds (id, sale_id, amount_tiyn, method, status, settled, created_at, finished_at, sent_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(refund.id, refund.saleId, refund.amountTiyn, refund.method, refund.status, refund.status === 'done' ? 1 : 0, refund.at, ...(refund.status === 'done' ? [refund.at, refund.at] : [null, null]), refund.at);
    this.record(refund.id, null, refund.status, null, BY_KASSA, refund.at);
    return this.require(refund.id);
  }

  /** Inserts a refund only if the sale still has that much left to refund — checked in the same transaction. */
  insertChecked(refund: Parameters<RefundsRepo['insert']>[0], saleAmountTiyn: number, seenRefundedTiyn?: number): RefundRow {
    return this.db.transaction(() => {
      if (seenRefundedTiyn !== undefined) {
        const done = (this.db.prepare("SELECT COALESCE(SUM(amount_tiyn), 0) AS t FROM refunds WHERE sale_id = ? AND status = 'done'").get(refund.saleId) as { t: number }).t;
        if (done !== seenRefundedTiyn) throw new AppError('refund_recorded_meanwhile', { refundedTiyn: done });
      }
      // Said first, whatever the amount: Kaspi may still apply an unconfirmed refund, and another one
      // now could refund the buyer twice.
      const pending = this.pendingFor(refund.saleId);
      if (pending) throw new AppError(awaitsVerdict(pending) ? REFUND_UNCONFIRMED : 'refund_in_progress');
      // one marked "not applied" that Kaspi then showed applied: until the manager says whose the money
      // was, another refund could give it back twice (its amount is not reserved: it failed)
      if (this.flaggedFor(refund.saleId)) throw new AppError('refund_to_review');
      const left = saleAmountTiyn - this.committedTiyn(refund.saleId);
      if (refund.amountTiyn > left) throw new AppError('refund_too_much', { availableTiyn: left });
      return this.insert(refund);
    }).immediate();
  }

  get(id: string): RefundRow | null {
    return (this.db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined) ?? null;
  }

  require(id: string): RefundRow {
    const row = this.get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  forSale(saleId: string): RefundRow[] {
    return this.db.prepare('SELECT * FROM refunds WHERE sale_id = ? ORDER BY created_at, rowid').all(saleId) as RefundRow[];
  }

  /** A refund of a live sale is still in progress at Kaspi. */
  /** The oldest live refund still watched: its amount and when it was started. */
  oldestUnsettledLive(): { amountTiyn: number; createdAt: string } | null {
    return (
      (this.db
        .prepare(
          "SELECT r.amount_tiyn AS amountTiyn, r.created_at AS createdAt FROM refunds r JOIN sales s ON s.id = r.sale_id WHERE r.settled = 0 AND s.mode = 'live' ORDER BY r.created_at LIMIT 1",
        )
        .get() as { amountTiyn: number; createdAt: string } | undefined) ?? null
    );
  }

  hasUnsettledLive(): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM refunds r JOIN sales s ON s.id = r.sale_id WHERE r.settled = 0 AND s.mode = 'live' LIMIT 1")
        .get() !== undefined
    );
  }

  /** A refund of a live sale Kaspi never confirmed (or whose late drop needs a look): only the manager's verdict ends it. */
  /** The oldest live refund Kaspi never confirmed that waits for the manager's verdict, with its sale's number and time (History lists it by them). */
  oldestUnconfirmedLive(): { amountTiyn: number; saleCreatedAt: string; orderNumber: number | null } | null {
    const codes = REFUND_AWAITING_VERDICT.map(() => '?').join(',');
    return (
      (this.db
        .prepare(
          `SELECT r.amount_tiyn AS amountTiyn, s.created_at AS saleCreatedAt, o.number AS orderNumber
             FROM refunds r JOIN sales s ON s.id = r.sale_id LEFT JOIN orders o ON o.sale_id = s.id
            WHERE r.settled = 0 AND r.error_code IN (${codes}) AND s.mode = 'live' ORDER BY r.created_at LIMIT 1`,
        )
        .get(...REFUND_AWAITING_VERDICT) as { amountTiyn: number; saleCreatedAt: string; orderNumber: number | null } | undefined) ?? null
    );
  }

  /**
   * Refunds the manager marked "not applied" not yet checked successfully at or after `watchMs` past the
   * verdict (whatever the wall clock says now): each is checked again until such a read.
   */
  watchedAfterVerdict(watchMs: number): RefundRow[] {
    return this.db
      .prepare(
        `SELECT * FROM refunds WHERE status = 'failed' AND error_code = 'refund_marked_not_applied'
           AND (checked_at IS NULL OR checked_at < strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, '+' || ? || ' seconds'))
         ORDER BY finished_at`,
      )
      .all(watchMs / 1000) as RefundRow[];
  }

  /** A successful check of a refund marked "not applied": a read, not a move, so not in the audit trail. */
  markChecked(id: string, at: string): void {
    this.db.prepare("UPDATE refunds SET checked_at = ? WHERE id = ? AND status = 'failed' AND error_code = 'refund_marked_not_applied'").run(at, id);
  }

  /** The sum of the sale's refunds, done or still pending, created since `afterIso`: drops at Kaspi Kassa can explain. */
  startedAfterTiyn(saleId: string, afterIso: string): number {
    const marks = ['done', ...PENDING].map(() => '?').join(',');
    const row = this.db
      .prepare(`SELECT COALESCE(SUM(amount_tiyn), 0) AS s FROM refunds WHERE sale_id = ? AND created_at >= ? AND status IN (${marks})`)
      .get(saleId, afterIso, 'done', ...PENDING) as { s: number };
    return row.s;
  }

  /** Refunds done that were sent in [start, end) (UTC ISO) — the day Kaspi applied them — of sales of `mode`: their count and sum. */
  doneBetween(start: string, end: string, mode: 'demo' | 'live'): { count: number; tiyn: number } {
    return this.db
      .prepare(
        `SELECT COUNT(*) AS count, COALESCE(SUM(r.amount_tiyn), 0) AS tiyn
           FROM refunds r JOIN sales s ON s.id = r.sale_id
          WHERE r.status = 'done' AND s.mode = ? AND r.sent_at >= ? AND r.sent_at < ?`,
      )
      .get(mode, start, end) as { count: number; tiyn: number };
  }

  /** The done refunds doneBetween counts, oldest first (at most `limit`), with their sale's day and order number. */
  doneListBetween(start: string, end: string, mode: 'demo' | 'live', limit: number): { id: string; sentAt: string; amountTiyn: number; saleId: string; saleCreatedAt: string; orderNumber: number | null }[] {
    return this.db
      .prepare(
        `SELECT r.id, r.sent_at AS sentAt, r.amount_tiyn AS amountTiyn, s.id AS saleId, s.created_at AS saleCreatedAt, o.number AS orderNumber
           FROM refunds r JOIN sales s ON s.id = r.sale_id LEFT JOIN orders o ON o.sale_id = s.id
          WHERE r.status = 'done' AND s.mode = ? AND r.sent_at >= ? AND r.sent_at < ?
          ORDER BY r.sent_at, r.id LIMIT ?`,
      )
      .all(mode, start, end, limit) as { id: string; sentAt: string; amountTiyn: number; saleId: string; saleCreatedAt: string; orderNumber: number | null }[];
  }

  /** The refund's audit trail, oldest first. */
  events(refundId: string): RefundEventRow[] {
    return this.db.prepare('SELECT * FROM refund_events WHERE refund_id = ? ORDER BY id').all(refundId) as RefundEventRow[];
  }

  unsettled(): RefundRow[] {
    return this.db.prepare('SELECT * FROM refunds WHERE settled = 0 ORDER BY created_at').all() as RefundRow[];
  }

  /** An r2 refund holds the customer display: its QR is coming, waits to be scanned, or is being sent. */
  hasQrRefundRunning(): boolean {
    return (
      this.db.prepare("SELECT 1 FROM refunds WHERE method = 'qr' AND status IN ('created','qr_shown','identified','returning') LIMIT 1").get() !==
      undefined
    );
  }

  /**
   * The refund the customer display should show: the newest through Kaspi, when it is in progress (its
   * answer lost and being checked too: «Возврат обрабатывается…») or ended less than `lingerMs` ago (so
   * the buyer sees «Возврат выполнен»; one failed or cancelled takes the sale's «paid» off). Newest only: an older one's
   * «done» must not stand in for a refund just cancelled. Newest by insertion, not by its wall-clock time: after
   * the clock was set back a new refund QR would sort behind the one before and never reach the display. Manual refunds happen elsewhere; one
   * resolved long after it was sent is no news for whoever stands at the till now.
   */
  showing(nowIso: string, lingerMs: number): RefundRow | null {
    const since = new Date(Date.parse(nowIso) - lingerMs).toISOString();
    const until = new Date(Date.parse(nowIso) + 2_000).toISOString(); // a finish "ahead": the clock was set back since
    const late = LATE_OUTCOMES.map(() => '?').join(',');
    return (
      (this.db
        .prepare(
          `SELECT * FROM (SELECT * FROM refunds WHERE method <> 'manual' ORDER BY rowid DESC LIMIT 1)
            WHERE status IN ('qr_shown','identified','returning')
               OR (status = 'unknown' AND error_code = 'refund_unknown')
               OR (status IN ('done','failed','cancelled') AND finished_at > ? AND finished_at <= ? AND COALESCE(error_code, '') NOT IN (${late}))`,
        )
        .get(since, until, ...LATE_OUTCOMES) as RefundRow | undefined) ?? null
    );
  }

  /** Done plus pending refunds: what can no longer be refunded again. */
  committedTiyn(saleId: string): number {
    const marks = ['done', ...PENDING].map(() => '?').join(',');
    const row = this.db.prepare(`SELECT COALESCE(SUM(amount_tiyn), 0) AS s FROM refunds WHERE sale_id = ? AND status IN (${marks})`).get(saleId, 'done', ...PENDING) as { s: number };
    return row.s;
  }

  private flaggedFor(saleId: string): boolean {
    return this.db.prepare("SELECT 1 FROM refunds WHERE sale_id = ? AND status = 'failed' AND error_code = ?").get(saleId, REFUND_APPLIED_AFTER_VERDICT) !== undefined;
  }

  private pendingFor(saleId: string): RefundRow | null {
    const marks = PENDING.map(() => '?').join(',');
    return (this.db.prepare(`SELECT * FROM refunds WHERE sale_id = ? AND status IN (${marks}) LIMIT 1`).get(saleId, ...PENDING) as RefundRow | undefined) ?? null;
  }

  /**
   * Compare-and-set: moves the refund from the state the caller read (`from`) to `to`. When the row is
   * no longer in that state (another core, a watcher or the manager moved it first) nothing is written
   * and null is returned: the caller lost the race and must not act on its stale read (e.g. send
   * payment/return). A same-state move is legal only for unknown (a re-check).
   */
  transition(id: string, from: RefundState, to: RefundStatus, patch: RefundPatch, at: string, audit: RefundAudit = BY_KASSA): RefundRow | null {
    if (!refundMoveIsLegal(from.status, to)) throw new AppError('refund_illegal_transition', { from: from.status, to });
    return this.db.transaction(() => this.write(id, from, to, patch, at, audit)).immediate();
  }

  /**
   * A flag on a refund that has ended, its status kept (e.g. a drop at Kaspi after the manager's "not
   * applied"): the same compare-and-set on its state, audited like a move.
   */
  flagSettled(id: string, from: RefundState, patch: RefundPatch, at: string, audit: RefundAudit = BY_KASSA): RefundRow | null {
    if (!SETTLED.includes(from.status)) throw new AppError('refund_illegal_transition', { from: from.status, to: from.status });
    return this.db.transaction(() => this.write(id, from, from.status, patch, at, audit)).immediate();
  }

  /**
   * The manager's review of a refund flagged after "not applied": ours went through after all. The one
   * move out of 'failed' (for that flag only), compare-and-set, capped like insertChecked: the sale may
   * have been refunded again meanwhile, and its refunds never exceed it (refund_too_much). null: it
   * moved on meanwhile.
   */
  doneAfterVerdict(id: string, from: RefundState, patch: RefundPatch, at: string, audit: RefundAudit, saleAmountTiyn: number): RefundRow | null {
    if (!flaggedAfterVerdict(from)) throw new AppError('refund_illegal_transition', { from: from.status, to: 'done' });
    return this.db.transaction(() => {
      const row = this.require(id);
      const left = saleAmountTiyn - this.committedTiyn(row.sale_id);
      if (flaggedAfterVerdict(row) && row.amount_tiyn > left) throw new AppError('refund_too_much', { availableTiyn: left });
      return this.write(id, from, 'done', patch, at, audit);
    }).immediate();
  }

  /**
   * The detail of the manager's "not applied" verdict on this refund (its baseline: Kaspi's
   * AvailableReturnAmount then, and an app refund it recorded), from the audit trail; null when none.
   */
  notAppliedVerdict(id: string): Record<string, unknown> | null {
    const rows = this.db
      .prepare("SELECT detail FROM refund_events WHERE refund_id = ? AND actor = 'manager' AND to_status = 'failed' ORDER BY id DESC")
      .all(id) as { detail: string | null }[];
    for (const { detail } of rows) {
      const parsed = detail ? (JSON.parse(detail) as Record<string, unknown>) : null;
      if (parsed?.outcome === 'not_applied') return parsed;
    }
    return null;
  }

  /**
   * A verdict that records a refund made in the Kaspi Pay app: ours moved (compare-and-set; a refund
   * that has ended keeps its status, its flag changed) and the app refund inserted as a manual one —
   * both or neither. Capped like insertChecked: the app refund may not exceed what the sale has left
   * once ours has moved (refund_too_much). null: ours moved on meanwhile.
   */
  recordAppRefund(
    manual: Parameters<RefundsRepo['insert']>[0],
    ours: { id: string; from: RefundState; to: RefundStatus; patch: RefundPatch },
    audit: RefundAudit,
    saleAmountTiyn: number,
  ): { manual: RefundRow; ours: RefundRow } | null {
    const flag = ours.from.status === ours.to && SETTLED.includes(ours.to);
    if (!flag && !refundMoveIsLegal(ours.from.status, ours.to)) throw new AppError('refund_illegal_transition', { from: ours.from.status, to: ours.to });
    return this.db.transaction(() => {
      const next = this.write(ours.id, ours.from, ours.to, ours.patch, manual.at, audit);
      if (!next) return null;
      const left = saleAmountTiyn - this.committedTiyn(manual.saleId);
      if (manual.amountTiyn > left) throw new AppError('refund_too_much', { availableTiyn: left }); // rolls ours back too
      return { manual: this.insert(manual), ours: next };
    }).immediate();
  }

  private write(id: string, from: RefundState, to: RefundStatus, patch: RefundPatch, at: string, audit: RefundAudit): RefundRow | null {
    const keys = Object.keys(patch).filter((k) => PATCHABLE.has(k) && (patch as Record<string, unknown>)[k] !== undefined);
    // payment/return goes out with this move: the refund's day, written with it
    const sets = ['status = @status', 'updated_at = @updated_at', ...(to === 'returning' ? ['sent_at = @updated_at'] : []), ...keys.map((k) => `${k} = @${k}`)];
    const values = Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]]));
    const changed = this.db
      .prepare(`UPDATE refunds SET ${sets.join(', ')} WHERE id = @id AND status = @from_status AND error_code IS @from_code`)
      .run({ ...values, status: to, updated_at: at, id, from_status: from.status, from_code: from.error_code }).changes;
    if (changed === 0) {
      this.require(id); // not_found stays an error; a lost race is not
      return null;
    }
    const next = this.require(id);
    this.record(id, from.status, to, next.error_code, audit, at);
    return next;
  }

  private record(id: string, from: RefundStatus | null, to: RefundStatus, errorCode: string | null, audit: RefundAudit, at: string): void {
    this.db
      .prepare('INSERT INTO refund_events (refund_id, from_status, to_status, error_code, actor, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, from, to, errorCode, audit.actor, audit.detail ? JSON.stringify(audit.detail) : null, at);
  }
}
