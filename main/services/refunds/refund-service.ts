// Refunds of paid sales. r3 (and demo): payment/return directly. r2: a refund QR on the customer
// display; once the buyer scans it, payment/return with that QrReturnId. r1: no refund API — the
// cashier refunds in the Kaspi Pay app and records it here. A payment/return whose answer was lost is
// never re-sent: AvailableReturnAmount from payment/details tells whether it went through. Kaspi has
// no refund-status call and nothing bounds how late a lost one may still apply, so one it never
// confirms is never failed by Kassa: it stays unconfirmed (amount reserved, checked on) until the
// manager resolves it (refund-verdict.ts). Every move is a compare-and-set on the state read, so a
// step that lost a race (another core on the same data) writes nothing and sends nothing.
import { unconfirmedRefundParams } from '../../../shared/waiting-work.js';
import { randomUUID } from 'node:crypto';
import { REFUND_UNCONFIRMED, type RefundResolution, type RefundView } from '../../../shared/domain.js';
import { awaitsVerdict, type RefundAudit, type RefundPatch, type RefundRow } from '../../store/refunds-repo.js';
import type { SaleRow } from '../../store/sales-repo.js';
import { AppError } from '../app-error.js';
import { KaspiError, type KaspiRefundPort } from '../kaspi/kaspi-port.js';
import { kaspiErrorCode } from '../kaspi/kaspi-error-code.js';
import { KASPI_TIMER_SKEW_MS, MAX_POLL_MS, pollIntervalMs } from '../kaspi/poll-interval.js';
import { SteadyClock } from '../scheduler.js';
import { DISPLAY_LINGER_MS } from '../payments/payment-service.js';
import { Watchers } from '../watchers.js';
import { AFTER_VERDICT_WATCH_MS, recheckAfterVerdict, seenAfterVerdict, watchedAfterVerdict } from './after-verdict-check.js';
import { RECHECK_EVERY_MS, type RefundContext, type RefundServiceOptions } from './refund-context.js';
import { lostReturnOutcome } from './refund-resolution.js';
import { resolveRefund, settleDrop } from './refund-verdict.js';

export type { RefundServiceOptions } from './refund-context.js';

/**
 * payment/return answers that mean Kaspi refused it and returned nothing (KASPI_QR_API.md §5.10, §7):
 * -10000 is a refused certificate, key or address (before any business logic). Not among them:
 * -99000006 ("refund error; retry, then contact the bank" — it does not say no money moved) and -999
 * ("temporarily unavailable"): both are checked against AvailableReturnAmount like a lost answer.
 */
const REFUSALS = new Set([-1501, -1502, -1601, -10000, -99000001, -99000002, -99000003, -99000005, -99000011, -99000020, 990000018]);

/** How often and how long a lost payment/return is checked against AvailableReturnAmount... */
const VERIFY_EVERY_MS = 5_000;
const VERIFY_FOR_MS = 120_000;
// ...and every RECHECK_EVERY_MS after that, while it stays unconfirmed (also once on every start).
/** return/operations lists at most the buyer's last 10 purchases here (KASPI_QR_API.md §5.9; the client asks for 10). */
const BUYER_HISTORY_MAX = 10;
/** How long after the refund QR's scan deadline the buyer's purchases are still asked for when Kaspi does not answer. */
const IDENTIFY_GRACE_MS = 60_000;

/** When the refund QR's scan time is up (its steady clock). */
function qrDeadline(row: RefundRow): number {
  return Date.parse(row.qr_shown_at ?? row.created_at) + (row.scan_timeout_s ?? 180) * 1000;
}

export class RefundService {
  private readonly watchers: Watchers;
  /** The refund QR's scan timer and the wait for a lost payment/return, immune to wall-clock jumps. */
  private readonly steady: SteadyClock;
  private readonly ctx: RefundContext;

  constructor(private readonly o: RefundServiceOptions) {
    this.ctx = {
      o,
      move: (row, to, patch, audit) => this.move(row, to, patch, audit),
      publish: (row) => this.publish(row),
      schedule: (id, delayMs) => this.schedule(id, delayMs),
      isoNow: () => this.isoNow(),
    };
    this.steady = new SteadyClock(o.scheduler);
    this.watchers = new Watchers(o.scheduler, (id) => this.tick(id), (id, error, retryInMs) =>
      o.log.error('refund watcher failed', { refund: id, error: String(error).slice(0, 200), retryInMs }),
    );
  }

  list(saleId: string): RefundView[] {
    this.o.sales.require(saleId);
    return this.o.refunds.forSale(saleId).map((row) => this.view(row));
  }

  oldestUnsettledLive(): { amountTiyn: number; createdAt: string } | null {
    return this.o.refunds.oldestUnsettledLive();
  }

  hasUnsettledLive(): boolean {
    return this.o.refunds.hasUnsettledLive();
  }

  /** The params of live_refund_unconfirmed (which refund of which sale waits for the verdict); null when none waits. */
  unconfirmedLiveParams(): { amount: string; order: string; saleAt: string } | null {
    return unconfirmedRefundParams(this.o.refunds.oldestUnconfirmedLive());
  }

  /** An r2 refund QR is coming to, or waits on, the customer display. */
  qrRunning(): boolean {
    return this.o.refunds.hasQrRefundRunning();
  }

  /** The refund as the screens see it: its QR's deadline in the wall clock as it reads now. */
  view(row: RefundRow): RefundView {
    return toRefundView(row, (steadyMs) => steadyMs - this.steady.now(row.id) + this.o.scheduler.now());
  }

  showing(): RefundRow | null {
    return this.o.refunds.showing(this.isoNow(), DISPLAY_LINGER_MS);
  }

  resume(): void {
    for (const row of this.o.refunds.unsettled()) this.schedule(row.id, 0);
    // However long the till was off: at least one more check of every verdict not read through its window.
    for (const row of this.o.refunds.watchedAfterVerdict(AFTER_VERDICT_WATCH_MS)) this.schedule(row.id, 0);
  }

  close(): void {
    this.watchers.close();
    this.steady.clear();
  }

  async start(saleId: string, amountTiyn: number): Promise<RefundView> {
    const sale = this.paidSale(saleId);
    // Demo mode promises that nothing real happens: a live sale's refund would send real money.
    if (sale.mode === 'live' && this.o.mode?.() === 'demo') throw new AppError('refund_live_in_demo');
    const port = this.o.port(sale.mode);
    if (!port) throw new AppError('refund_manual_only');
    // One customer display: a refund QR would hide the QR of the sale running on it, or of another
    // refund still waiting for its buyer (who could then no longer scan it).
    if (port.refundMethod === 'qr' && this.o.sales.active()) throw new AppError('sale_in_progress');
    if (port.refundMethod === 'qr' && this.o.refunds.hasQrRefundRunning()) throw new AppError('refund_qr_showing');
    const row = this.o.refunds.insertChecked(
      { id: randomUUID(), saleId, amountTiyn, method: port.refundMethod, status: 'created', at: this.isoNow() },
      sale.amount_tiyn,
    );
    this.publish(row);
    try {
      return await this.startRecorded(row, sale, port);
    } catch (error) {
      // A write refused (a full disk) after Kaspi may have acted: the watcher takes the refund over,
      // as after a crash (created: nothing was sent; returning: settled from AvailableReturnAmount),
      // once the database takes writes again — never left holding the till until a restart.
      this.schedule(row.id, VERIFY_EVERY_MS);
      // payment/return went out: "nothing was written" would be untrue, and the buyer may have the money
      if (this.o.refunds.get(row.id)?.status === 'returning') throw new AppError('refund_sent_not_recorded');
      throw error;
    }
  }

  private async startRecorded(row: RefundRow, sale: SaleRow, port: KaspiRefundPort): Promise<RefundView> {
    if (port.refundMethod === 'qr') {
      let qr: Awaited<ReturnType<KaspiRefundPort['returnCreate']>>;
      try {
        qr = await port.returnCreate({ externalId: `${sale.external_id}-R${row.id.slice(0, 8)}` });
      } catch (error) {
        return this.view(this.fail(row, error));
      }
      const next = this.move(row, 'qr_shown', {
        qr_return_id: qr.qrReturnId,
        qr_token: qr.qrToken,
        poll_interval_s: qr.pollIntervalS,
        scan_timeout_s: qr.scanTimeoutS,
        qr_shown_at: new Date(this.steady.now(row.id)).toISOString(),
      });
      if (next) this.schedule(row.id, pollIntervalMs(qr.pollIntervalS));
      return this.view(next ?? this.o.refunds.require(row.id));
    }
    return this.view(await this.sendReturn(row, sale, port));
  }

  /** `seenRefundedTiyn`: what the cashier's screen showed as refunded; another record since refuses this one. */
  recordManual(saleId: string, amountTiyn: number, seenRefundedTiyn?: number): RefundView {
    const sale = this.paidSale(saleId);
    const row = this.o.refunds.insertChecked(
      { id: randomUUID(), saleId, amountTiyn, method: 'manual', status: 'done', at: this.isoNow() },
      sale.amount_tiyn,
      seenRefundedTiyn,
    );
    this.publish(row);
    return this.view(row);
  }

  cancel(refundId: string): RefundView {
    const row = this.o.refunds.require(refundId);
    if (row.status !== 'created' && row.status !== 'qr_shown') throw cancelRefused(row.status);
    const next = this.move(row, 'cancelled', { settled: 1, finished_at: this.isoNow() });
    if (!next) throw cancelRefused(this.o.refunds.require(refundId).status);
    return this.view(next);
  }

  /** The manager's verdict on a refund Kaspi never confirmed, after looking in Kaspi Pay (refund-verdict.ts). */
  async resolve(refundId: string, outcome: RefundResolution, appRefundTiyn?: number): Promise<RefundView> {
    return this.view(await resolveRefund(this.ctx, refundId, outcome, appRefundTiyn));
  }

  private paidSale(saleId: string): SaleRow {
    const sale = this.o.sales.require(saleId);
    if (sale.status !== 'paid' || !sale.qr_payment_id) throw new AppError('refund_not_paid');
    return sale;
  }

  /** Checks what Kaspi still allows, then sends payment/return once. */
  private async sendReturn(row: RefundRow, sale: SaleRow, port: KaspiRefundPort): Promise<RefundRow> {
    let available: number;
    try {
      available = (await port.paymentDetails(sale.qr_payment_id!)).availableReturnTiyn;
    } catch (error) {
      return this.fail(row, error);
    }
    if (row.amount_tiyn > available) {
      return this.moveOrCurrent(row, 'failed', { error_code: 'refund_too_much', error_params: JSON.stringify({ availableTiyn: available }), settled: 1, finished_at: this.isoNow() });
    }
    // Written before sending: a crash from here on is resolved by comparing AvailableReturnAmount.
    // Lost (another core moved it first): that core sends it, this one never does.
    const returning = this.move(row, 'returning', { available_before_tiyn: available });
    if (!returning) return this.o.refunds.require(row.id);
    // Only the Kaspi call is in the try: whatever fails after a successful answer is no failed refund.
    let operationId: string | null;
    try {
      operationId = (await port.paymentReturn({ qrPaymentId: sale.qr_payment_id!, amountTiyn: row.amount_tiyn, qrReturnId: row.qr_return_id })).returnOperationId;
    } catch (error) {
      return this.returnNotConfirmed(returning, error);
    }
    const done = { return_operation_id: operationId, error_code: null, error_params: null, settled: 1, finished_at: this.isoNow() };
    const next = this.move(returning, 'done', done);
    if (next) return next;
    // Another core took it for lost meanwhile: Kaspi's answer settles it.
    const now = this.o.refunds.require(row.id);
    return now.status === 'unknown' ? this.moveOrCurrent(now, 'done', done) : now;
  }

  /**
   * Only Kaspi's documented refusals mean "nothing was returned". Anything else — a lost answer, -999,
   * a broken proxy — is checked against AvailableReturnAmount before the amount is freed.
   */
  private returnNotConfirmed(returning: RefundRow, error: unknown): RefundRow {
    const refused = error instanceof KaspiError && error.kind === 'rejected' && error.statusCode !== null && REFUSALS.has(error.statusCode);
    if (refused) return this.fail(returning, error);
    this.o.log.error('payment/return outcome unknown', { refund: returning.id, error: error instanceof KaspiError ? `${error.kind}:${error.statusCode ?? error.message}` : 'other' });
    const next = this.move(returning, 'unknown', { error_code: 'refund_unknown' });
    if (next) this.schedule(returning.id, VERIFY_EVERY_MS);
    return next ?? this.o.refunds.require(returning.id);
  }

  private schedule(id: string, delayMs: number): void {
    this.watchers.schedule(id, delayMs);
  }

  private async tick(id: string): Promise<void> {
    const row = this.o.refunds.get(id);
    if (!row || this.watchers.closed) return this.steady.forget(id);
    if (row.settled && !watchedAfterVerdict(row)) return this.steady.forget(id);
    const sale = this.o.sales.require(row.sale_id);
    let port: KaspiRefundPort | null = null;
    try {
      port = this.o.port(sale.mode);
    } catch {
      // live settings being changed: look again later
    }
    if (!port && !row.settled && row.status === 'created') {
      // We stopped before payment/return was sent: nothing happened at Kaspi (no client needed to say so).
      this.move(row, 'failed', { error_code: 'refund_interrupted', settled: 1, finished_at: this.isoNow() });
      return;
    }
    if (!port && row.status === 'returning') {
      // payment/return went out and its answer is lost (no client needed to say so): checked once a
      // client is back. Left 'returning', it held the till ("a refund QR on the display") for ever.
      const unknown = this.move(row, 'unknown', { error_code: 'refund_unknown' });
      if (unknown) this.schedule(id, VERIFY_EVERY_MS);
      return;
    }
    if (!port) {
      // No client (settings being changed, the scheme lost its refund API): a refund QR nobody could
      // check, or send on, ends once its time is up — payment/return was not sent; anything else stays
      // pending, looked at later.
      const qr = row.status === 'qr_shown' || row.status === 'identified';
      if (qr && !row.settled && this.qrTimeUp(row)) {
        // Kaspi could not be asked whether the buyer scanned: no "did not scan" blamed on the buyer.
        this.move(row, 'failed', { error_code: row.status === 'qr_shown' ? 'refund_qr_unchecked' : 'refund_interrupted', settled: 1, finished_at: this.isoNow() });
        return;
      }
      return this.schedule(id, qr ? MAX_POLL_MS : VERIFY_EVERY_MS * 6);
    }
    if (row.settled) return recheckAfterVerdict(this.ctx, row, sale, port);
    switch (row.status) {
      case 'created':
        // We stopped before payment/return was sent: nothing happened at Kaspi.
        this.move(row, 'failed', { error_code: 'refund_interrupted', settled: 1, finished_at: this.isoNow() });
        return;
      case 'qr_shown':
        return this.watchReturnQr(row, sale, port);
      case 'identified':
        // Sent on only while the buyer may still stand there (a restart within the QR's time):
        // later, the cashier may well have refunded in Kaspi Pay meanwhile.
        if (this.qrTimeUp(row)) return void this.move(row, 'failed', { error_code: 'refund_qr_late', settled: 1, finished_at: this.isoNow() });
        await this.sendReturn(row, sale, port);
        return;
      case 'returning': {
        const unknown = this.move(row, 'unknown', { error_code: 'refund_unknown' });
        return unknown ? this.verify(unknown, sale, port) : undefined;
      }
      case 'unknown':
        return this.verify(row, sale, port);
      default:
        return;
    }
  }

  private async watchReturnQr(row: RefundRow, sale: SaleRow, port: KaspiRefundPort): Promise<void> {
    const interval = pollIntervalMs(row.poll_interval_s);
    const deadline = qrDeadline(row);
    let status: string | null = null;
    try {
      status = await port.returnStatus(row.qr_return_id!);
    } catch (error) {
      this.o.log.warn('return/status failed', { refund: row.id, error: error instanceof KaspiError ? `${error.kind}:${error.statusCode ?? ''}` : 'other' });
    }
    if (status === 'CustomerIdentityObtained') {
      // The buyer who scanned must be the one who paid this sale.
      try {
        const purchases = await port.returnOperations(row.qr_return_id!);
        if (!purchases.some((p) => p.qrPaymentId === sale.qr_payment_id)) {
          // A full list may just not reach back to this sale (a regular buyer): that is no proof of
          // another buyer. Either way nothing is sent without a match; the full-list case is refunded
          // in Kaspi Pay and recorded here.
          const code = purchases.length >= BUYER_HISTORY_MAX ? 'refund_buyer_history_full' : 'refund_wrong_buyer';
          this.move(row, 'failed', { error_code: code, settled: 1, finished_at: this.isoNow() });
          return;
        }
      } catch (error) {
        // Kaspi unreachable: ask again — until a while past the scan deadline. Nothing was sent, so
        // ending it then is safe, and frees the amount and the customer display.
        if (!(error instanceof KaspiError) || error.kind === 'rejected' || this.qrTimeUp(row)) {
          this.fail(row, error);
          return;
        }
        return this.schedule(row.id, interval);
      }
      if (this.qrTimeUp(row)) {
        // Scanned, but seen only now — after a restart, or an outage — long past the QR's time: the
        // buyer has likely gone, and the cashier may have refunded in Kaspi Pay meanwhile. Nothing is sent.
        this.move(row, 'failed', { error_code: 'refund_qr_late', settled: 1, finished_at: this.isoNow() });
        return;
      }
      const identified = this.move(row, 'identified', {});
      if (identified) await this.sendReturn(identified, sale, port);
      return;
    }
    if (status === 'Error') {
      // Kaspi's own timer ran out with ours (it started a round trip earlier, and we see it a poll
      // later): the timeout it is, not a buyer who refused
      const code = this.steady.now(row.id) >= deadline - KASPI_TIMER_SKEW_MS ? 'refund_scan_timeout' : 'kaspi_payment_error';
      this.move(row, 'failed', { error_code: code, settled: 1, finished_at: this.isoNow() });
      return;
    }
    if (status !== null && this.steady.now(row.id) >= deadline) {
      this.move(row, 'failed', { error_code: 'refund_scan_timeout', settled: 1, finished_at: this.isoNow() });
      return;
    }
    if (status === null && this.qrTimeUp(row)) {
      // Kaspi did not say whether the buyer scanned, not even a while past the deadline: nothing was
      // sent, and "did not scan in time" could be untrue.
      this.move(row, 'failed', { error_code: 'refund_qr_unchecked', settled: 1, finished_at: this.isoNow() });
      return;
    }
    this.schedule(row.id, interval);
  }

  /** The refund QR's scan time and a grace are over: a refund QR is neither sent on nor waited for any more. */
  private qrTimeUp(row: RefundRow): boolean {
    return this.steady.now(row.id) >= qrDeadline(row) + IDENTIFY_GRACE_MS;
  }

  /**
   * A lost payment/return: AvailableReturnAmount dropped by our amount = it went through (settleDrop:
   * only while first checked). No drop is no proof it will not go through later: after VERIFY_FOR_MS it
   * is marked unconfirmed for the manager, its amount stays reserved, and it is checked every
   * RECHECK_EVERY_MS — after a "not applied" verdict too, for a while (after-verdict-check.ts).
   */
  private async verify(row: RefundRow, sale: SaleRow, port: KaspiRefundPort): Promise<void> {
    let available: number | null = null;
    try {
      available = (await port.paymentDetails(sale.qr_payment_id!)).availableReturnTiyn;
    } catch (error) {
      // Kaspi unreachable: keep checking; the money is tied up in this refund until we know.
      this.o.log.warn('refund check failed', { refund: row.id, error: error instanceof KaspiError ? `${error.kind}:${error.statusCode ?? ''}` : 'other' });
    }
    row = this.o.refunds.require(row.id); // the manager may have resolved it meanwhile
    if (row.settled) return seenAfterVerdict(this.ctx, row, available);
    if (available !== null && lostReturnOutcome(row, available) !== 'pending') {
      const next = settleDrop(this.ctx, row, available);
      if (next && !next.settled) this.schedule(row.id, RECHECK_EVERY_MS);
      return;
    }
    if (awaitsVerdict(row)) return this.schedule(row.id, RECHECK_EVERY_MS);
    // Measured on the refund's steady clock and as long watched by this process, so a wall clock
    // moved forward does not cut the quick checks short.
    if (this.steady.now(row.id) - Date.parse(row.updated_at) > VERIFY_FOR_MS && this.steady.watchedMs(row.id) >= VERIFY_FOR_MS) {
      this.o.log.error('payment/return unconfirmed: left to the manager', { refund: row.id });
      if (this.move(row, 'unknown', { error_code: REFUND_UNCONFIRMED })) this.schedule(row.id, RECHECK_EVERY_MS);
      return;
    }
    this.schedule(row.id, VERIFY_EVERY_MS);
  }

  private fail(row: RefundRow, error: unknown): RefundRow {
    const kaspi = error instanceof KaspiError ? kaspiErrorCode(error) : null;
    const code = kaspi ? kaspi.code : error instanceof AppError ? error.code : 'internal';
    const params = kaspi?.statusCode != null ? JSON.stringify({ code: kaspi.statusCode }) : null;
    if (!(error instanceof KaspiError) && !(error instanceof AppError)) this.o.log.error('refund failed', { refund: row.id, error: String(error).slice(0, 200) });
    return this.moveOrCurrent(row, 'failed', { error_code: code, error_params: params, settled: 1, finished_at: this.isoNow() });
  }

  /** Compare-and-set from the state `row` was read in; null (nothing written) when it moved on meanwhile. */
  private move(row: RefundRow, to: RefundRow['status'], patch: RefundPatch, audit?: RefundAudit): RefundRow | null {
    const next = this.o.refunds.transition(row.id, row, to, patch, this.isoNow(), audit);
    if (next) this.publish(next);
    else this.o.log.warn('refund moved on meanwhile: step skipped', { refund: row.id, from: row.status, to });
    return next;
  }

  /** move(), or the refund as it is now when it moved on meanwhile. */
  private moveOrCurrent(row: RefundRow, to: RefundRow['status'], patch: RefundPatch): RefundRow {
    return this.move(row, to, patch) ?? this.o.refunds.require(row.id);
  }

  /** Tells the screen and the customer display. Never throws: the move it reports is already committed. */
  private publish(row: RefundRow): void {
    try {
      this.o.bus.emit('refund.updated', this.view(row));
      this.o.onChange?.(row);
    } catch (error) {
      this.o.log.error('refund update not published', { refund: row.id, status: row.status, error: String(error).slice(0, 200) });
    }
    if (row.finished_at && row.method !== 'manual') {
      // Take the finished refund off the customer display a little later.
      this.watchers.schedule(`display:${row.id}`, DISPLAY_LINGER_MS + 100, async () => this.o.onChange?.(row));
    }
  }

  private isoNow(): string {
    return new Date(this.o.scheduler.now()).toISOString();
  }
}

/** `frame`: as for a sale (toSaleView) — the refund QR's deadline in the wall clock as it reads now. */
export function toRefundView(row: RefundRow, frame: (steadyMs: number) => number = (ms) => ms): RefundView {
  const deadline =
    row.status === 'qr_shown' && row.qr_shown_at && row.scan_timeout_s
      ? new Date(frame(Date.parse(row.qr_shown_at) + row.scan_timeout_s * 1000)).toISOString()
      : null;
  let errorParams: RefundView['errorParams'] = null;
  try {
    errorParams = row.error_params ? (JSON.parse(row.error_params) as Record<string, string | number>) : null;
  } catch {
    errorParams = null;
  }
  return {
    id: row.id,
    saleId: row.sale_id,
    amountTiyn: row.amount_tiyn,
    method: row.method,
    status: row.status,
    qrToken: row.status === 'qr_shown' ? row.qr_token : null,
    deadline,
    errorCode: row.error_code,
    errorParams,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Why a refund cannot be cancelled: once the buyer scanned its QR, the refund is on its way. */
function cancelRefused(status: RefundRow['status']): AppError {
  if (status === 'identified' || status === 'returning') return new AppError('refund_cancel_too_late');
  return new AppError('refund_illegal_transition', { from: status, to: 'cancelled' });
}
