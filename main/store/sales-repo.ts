// Sales, their transitions and orders. Every status change goes through `transition`, which checks
// the state machine and writes the new status, its audit event and (for `paid`) the order in ONE
// transaction — a crash can never leave a paid sale without its order, or with two.
import { REFUND_APPLIED_AFTER_VERDICT, REFUND_AWAITING_VERDICT, type SaleStatus } from '../../shared/domain.js';
import { AppError } from '../services/app-error.js';
import { checkTransition } from '../services/payments/payment-machine.js';
import type { Db } from './database.js';

export interface SaleRow {
  id: string;
  seq: number;
  amount_tiyn: number;
  description: string | null;
  status: SaleStatus;
  mode: 'demo' | 'live';
  external_id: string;
  qr_payment_id: string | null;
  qr_token: string | null;
  expire_date: string | null;
  payment_methods: string;
  poll_interval_s: number | null;
  scan_timeout_s: number | null;
  confirm_timeout_s: number | null;
  kaspi_status: string | null;
  error_code: string | null;
  settled: number;
  created_at: string;
  qr_shown_at: string | null;
  /** When Kaspi's answer to qr/create came (steady clock): its scan timer started between qr_shown_at and this. */
  qr_answered_at: string | null;
  scanned_at: string | null;
  finished_at: string | null;
  updated_at: string;
  kind: 'qr' | 'link';
  pay_link: string | null;
  kaspi_transaction_id: string | null;
  product_type: string | null;
  /** 'unseen': Kaspi says the sale was paid after the cashier gave it up, and no cashier has acknowledged it. */
  paid_late: 'unseen' | 'seen' | null;
  order_number: number | null;
  refunded_tiyn: number;
  /** 1 while a refund of this sale Kaspi never confirmed waits for the manager's verdict. */
  refund_awaiting_verdict: number;
  /** 1 while a refund of this sale is flagged after the manager's "not applied" (REFUND_APPLIED_AFTER_VERDICT). */
  refund_to_review: number;
}

/** Columns a transition may set besides the status. */
export type SalePatch = Partial<
  Pick<
    SaleRow,
    | 'qr_payment_id'
    | 'qr_token'
    | 'expire_date'
    | 'payment_methods'
    | 'poll_interval_s'
    | 'scan_timeout_s'
    | 'confirm_timeout_s'
    | 'kaspi_status'
    | 'error_code'
    | 'settled'
    | 'qr_shown_at'
    | 'qr_answered_at'
    | 'scanned_at'
    | 'finished_at'
    | 'pay_link'
    | 'kaspi_transaction_id'
    | 'product_type'
    | 'paid_late'
  >
>;

/** The only columns `writePatch` may name in SQL. */
const PATCHABLE = new Set<string>([
  'qr_payment_id', 'qr_token', 'expire_date', 'payment_methods', 'poll_interval_s', 'scan_timeout_s',
  'confirm_timeout_s', 'kaspi_status', 'error_code', 'settled', 'qr_shown_at', 'qr_answered_at', 'scanned_at', 'finished_at',
  'pay_link', 'kaspi_transaction_id', 'product_type', 'paid_late',
]);

const SELECT = `SELECT s.*, o.number AS order_number,
  (SELECT COALESCE(SUM(r.amount_tiyn), 0) FROM refunds r WHERE r.sale_id = s.id AND r.status = 'done') AS refunded_tiyn,
  EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = s.id AND r.settled = 0 AND r.status = 'unknown'
          AND r.error_code IN (${REFUND_AWAITING_VERDICT.map((code) => `'${code}'`).join(', ')})) AS refund_awaiting_verdict,
  EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = s.id AND r.status = 'failed' AND r.error_code = '${REFUND_APPLIED_AFTER_VERDICT}') AS refund_to_review
  FROM sales s LEFT JOIN orders o ON o.sale_id = s.id`;

/**
 * Every write transaction here begins IMMEDIATE: each reads before it writes, and begun DEFERRED it
 * would get SQLITE_BUSY at once (no busy_timeout) while a `kassa import` beside the till writes.
 */
export class SalesRepo {
  /** This database's random tag (migration 8), part of every ExternalId. */
  private readonly instance: string;

  constructor(private readonly db: Db) {
    this.instance = (db.prepare("SELECT value FROM kassa_meta WHERE key = 'instance'").get() as { value: string }).value;
  }

  insert(sale: {
    id: string;
    amountTiyn: number;
    description: string | null;
    mode: 'demo' | 'live';
    kind?: 'qr' | 'link';
    externalIdPrefix: string;
    at: string;
  }): SaleRow {
    return this.db.transaction(() => {
      const seq = ((this.db.prepare('SELECT MAX(seq) AS m FROM sales').get() as { m: number | null }).m ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO sales (id, seq, amount_tiyn, description, status, mode, kind, external_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'created', ?, ?, ?, ?, ?)`,
        )
        .run(sale.id, seq, sale.amountTiyn, sale.description, sale.mode, sale.kind ?? 'qr', `${sale.externalIdPrefix}-${this.instance}-${seq}`, sale.at, sale.at);
      this.db
        .prepare(`INSERT INTO sale_events (sale_id, from_status, to_status, at) VALUES (?, NULL, 'created', ?)`)
        .run(sale.id, sale.at);
      return this.get(sale.id)!;
    }).immediate();
  }

  get(id: string): SaleRow | null {
    return (this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SaleRow | undefined) ?? null;
  }

  require(id: string): SaleRow {
    const row = this.get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Sales newest first: `limit` of them before `beforeId`, created in [start, end) (UTC ISO) when given. */
  list(limit: number, options: { beforeId?: string; start?: string; end?: string } = {}): SaleRow[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (options.beforeId) {
      const before = this.get(options.beforeId);
      if (!before) return [];
      where.push('s.seq < ?');
      args.push(before.seq);
    }
    if (options.start !== undefined && options.end !== undefined) {
      where.push('s.created_at >= ? AND s.created_at < ?');
      args.push(options.start, options.end);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.prepare(`${SELECT} ${filter} ORDER BY s.seq DESC LIMIT ?`).all(...args, limit) as SaleRow[];
  }

  /** Paid sales of `mode` created in [start, end) (UTC ISO), and how many sales of other modes are there. */
  paidBetween(start: string, end: string, mode: 'demo' | 'live'): { count: number; tiyn: number; otherMode: number } {
    return this.db
      .prepare(
        `SELECT COALESCE(SUM(status = 'paid' AND mode = @mode), 0) AS count,
                COALESCE(SUM(CASE WHEN status = 'paid' AND mode = @mode THEN amount_tiyn END), 0) AS tiyn,
                COALESCE(SUM(mode <> @mode), 0) AS otherMode
           FROM sales WHERE created_at >= @start AND created_at < @end`,
      )
      .get({ start, end, mode }) as { count: number; tiyn: number; otherMode: number };
  }

  /** The newest sale that still occupies the till (not yet closed). */
  active(): SaleRow | null {
    return (
      (this.db
        .prepare(`${SELECT} WHERE s.status IN ('created','qr_shown','scanned') ORDER BY s.seq DESC LIMIT 1`)
        .get() as SaleRow | undefined) ?? null
    );
  }

  /** Sales paid after the cashier gave them up that no cashier has acknowledged yet, oldest first. */
  paidLateUnseen(): SaleRow[] {
    return this.db.prepare(`${SELECT} WHERE s.paid_late = 'unseen' ORDER BY s.seq LIMIT 20`).all() as SaleRow[];
  }

  /** A cashier has seen that the sale was paid late; false when there was nothing to see. */
  markPaidLateSeen(id: string, at: string): boolean {
    return this.db.prepare("UPDATE sales SET paid_late = 'seen', updated_at = ? WHERE id = ? AND paid_late = 'unseen'").run(at, id).changes > 0;
  }

  latest(): SaleRow | null {
    return (this.db.prepare(`${SELECT} ORDER BY s.seq DESC LIMIT 1`).get() as SaleRow | undefined) ?? null;
  }

  /** A live sale is still being watched at Kaspi (its credentials must not change under it). */
  /** The oldest live sale still watched (what a manager is told waits): its amount and when it was rung up. */
  oldestUnsettledLive(): { amountTiyn: number; createdAt: string } | null {
    return (
      (this.db
        .prepare("SELECT amount_tiyn AS amountTiyn, created_at AS createdAt FROM sales WHERE settled = 0 AND mode = 'live' ORDER BY seq LIMIT 1")
        .get() as { amountTiyn: number; createdAt: string } | undefined) ?? null
    );
  }

  hasUnsettledLive(): boolean {
    return this.db.prepare("SELECT 1 FROM sales WHERE settled = 0 AND mode = 'live' LIMIT 1").get() !== undefined;
  }

  /** Sales whose outcome at Kaspi is not yet known for sure: watched until they are. */
  unsettled(): SaleRow[] {
    return this.db.prepare(`${SELECT} WHERE s.settled = 0 ORDER BY s.seq`).all() as SaleRow[];
  }

  /** Update columns without a status change (e.g. Kaspi's raw status, the settled flag). */
  patch(id: string, patch: SalePatch, at: string): SaleRow {
    this.db.transaction(() => this.writePatch(id, patch, at)).immediate();
    return this.require(id);
  }

  /**
   * Moves a sale to `to`. A repeat of the current status is accepted and only patches (idempotent
   * re-delivery); an illegal move throws `illegal_transition` and writes nothing.
   */
  transition(id: string, to: SaleStatus, patch: SalePatch, at: string): { row: SaleRow; moved: boolean } {
    const moved = this.db.transaction(() => {
      const current = this.require(id);
      const check = checkTransition(current.status, to);
      if (check === 'illegal') throw new AppError('illegal_transition', { from: current.status, to });
      if (check === 'same') {
        this.writePatch(id, patch, at);
        return false;
      }
      this.db.prepare('UPDATE sales SET status = ? WHERE id = ?').run(to, id);
      this.writePatch(id, patch, at);
      this.db
        .prepare('INSERT INTO sale_events (sale_id, from_status, to_status, kaspi_status, at) VALUES (?, ?, ?, ?, ?)')
        .run(id, current.status, to, patch.kaspi_status ?? null, at);
      // the cashier gave this sale up (cancelled, or its timers ran out): someone must be told it was paid
      if (to === 'paid' && (current.status === 'cancelled' || current.status === 'expired'))
        this.db.prepare("UPDATE sales SET paid_late = 'unseen' WHERE id = ?").run(id);
      if (to === 'paid') {
        // Exactly one order per paid sale: orders.sale_id is UNIQUE, and this runs in the same transaction.
        this.db
          .prepare(
            'INSERT INTO orders (number, sale_id, amount_tiyn, created_at) VALUES ((SELECT COALESCE(MAX(number), 0) + 1 FROM orders), ?, ?, ?)',
          )
          .run(id, current.amount_tiyn, at);
      }
      return true;
    }).immediate();
    return { row: this.require(id), moved };
  }

  private writePatch(id: string, patch: SalePatch, at: string): void {
    const keys = Object.keys(patch).filter(
      (k) => PATCHABLE.has(k) && (patch as Record<string, unknown>)[k] !== undefined,
    ) as (keyof SalePatch)[];
    const sets = [...keys.map((k) => `${k} = @${k}`), 'updated_at = @updated_at'];
    this.db.prepare(`UPDATE sales SET ${sets.join(', ')} WHERE id = @id`).run({ ...pick(patch, keys), updated_at: at, id });
  }
}

function pick(patch: SalePatch, keys: (keyof SalePatch)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, patch[k]]));
}
