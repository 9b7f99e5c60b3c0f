// The sale flow: persist, create the Kaspi purchase, watch it with Kaspi's own timers, close it.
// Every step is a persisted transition, so a restart at any point resumes from the database.
import { randomUUID } from 'node:crypto';
import type { Mode, SaleView } from '../../../shared/domain.js';
import type { SaleRow } from '../../store/sales-repo.js';
import { SalesRepo } from '../../store/sales-repo.js';
import { AppError } from '../app-error.js';
import type { EventBus } from '../event-bus.js';
import { kaspiErrorCode } from '../kaspi/kaspi-error-code.js';
import { KaspiError, type KaspiPort, type PaymentStatus, type TestHook } from '../kaspi/kaspi-port.js';
import { KASPI_TIMER_SKEW_MS, pollIntervalMs } from '../kaspi/poll-interval.js';
import type { Logger } from '../logger.js';
import { SteadyClock, type Scheduler } from '../scheduler.js';
import { Watchers } from '../watchers.js';
import { checkTransition, isKaspiFinal, kaspiStatusOf, targetForKaspiStatus } from './payment-machine.js';
import { deadlineOf, verdictDeadlineOf, toSaleView } from './sale-view.js';
import { saleLabel } from '../../../shared/sale-label.js';

export interface PaymentServiceOptions {
  repo: SalesRepo;
  /** The Kaspi behind each mode (throws AppError when that mode is not configured); a sale keeps its mode. */
  kaspi: (mode: Mode) => KaspiPort;
  mode: () => Mode;
  /** Prefix of the ExternalId sent to Kaspi (the till's id). */
  externalIdPrefix: () => string;
  bus: EventBus;
  scheduler: Scheduler;
  log: Logger;
  /** Called whenever what the customer display shows may have changed. */
  onDisplayChange?: () => void;
  /** A refund QR waits on the customer display (no sale may take it over). */
  refundQrShowing?: () => boolean;
}

export interface ConnectionState {
  online: boolean;
  since: string | null;
  /** Not heard because Kaspi refuses this till's key or certificate (or none can be used): a manager's matter. */
  refused: boolean;
}

/**
 * Kaspi answers but will not serve this till — the key or certificate refused (-10000, HTTP 401 / 403)
 * — or no client can be built (no key given at start, a certificate that does not open). Waiting does
 * not mend it: a manager must look at the Kaspi settings. (A failed TLS handshake counts once it
 * repeats: see PaymentService.refusal.)
 */
function refusesCredentials(error: unknown): boolean {
  if (error instanceof AppError) return true;
  return error instanceof KaspiError && (error.statusCode === -10000 || /^http_40[13]$/.test(error.message));
}

/** A create whose outcome is unknown is closed once its QR token would surely be dead. */
const UNKNOWN_RESOLVE_MS = 240_000;
/** After both Kaspi timers, ask at a slower pace, and give up this long after them (§8: one last read). */
const GIVE_UP_AFTER_MS = 10 * 60_000;
/** How soon a sale whose state could not be written is looked at again. */
const STORAGE_RETRY_MS = 5_000;
/** After our timers ran out, keep asking Kaspi at this slower pace until it gives a final answer. */
const SLOW_POLL_MS = 30_000;
/** "Purchase not found" ends the watch only once Kaspi has said nothing else for this long (one is a glitch). */
const NOT_FOUND_FOR_MS = 10 * 60_000;
/** While Kaspi is not heard and no sale reads it, health/ping is asked this often (the red line goes once it answers). */
const PROBE_MS = 20_000;
/** The longest a cancel waits for a buyer confirming in the Kaspi app (Kaspi's own timeout: 65 s). */
const MAX_CONFIRM_HOLD_MS = 180_000;
/** How long a cancel waits for Kaspi's word on whether the buyer has scanned meanwhile. */
const CANCEL_READ_TIMEOUT_MS = 3_000;

/**
 * When to read the status next: at Kaspi's interval (pollIntervalMs), never sooner — Kaspi enforces
 * the gap (KASPI_QR_API.md §8.3). A deadline is applied at the first read at or after it.
 */
function pollDelayMs(row: SaleRow): number {
  return pollIntervalMs(row.poll_interval_s);
}
/** How long a finished sale stays on the customer display. */
export const DISPLAY_LINGER_MS = 20_000;
/** A finish this far "ahead" of the clock: the clock was set back after it. */
const CLOCK_SET_BACK_MS = 2_000;

export class PaymentService {
  private readonly watchers: Watchers;
  /** Kaspi's timers of a sale being watched are measured on this clock, not on the jumpy wall clock. */
  private readonly steady: SteadyClock;
  private displayTimer: unknown = null;
  private connection: ConnectionState = { online: true, since: null, refused: false };
  /** TLS handshakes failed in a row (see refusal). */
  private tlsFailures = 0;
  private probeTimer: unknown = null;
  /** Creates and status reads sent to Kaspi so far. */
  private asks = 0;
  /**
   * Sales resumed at start that were waiting for the buyer, until a window asks for the current sale:
   * one paid before any window shows it gets the paid-late notice (a till restarted mid-sale opens on
   * "ready", and the cashier would charge the buyer again).
   */
  private readonly unfollowed = new Set<string>();
  /** When (steady clock) Kaspi began answering "purchase not found" for a watched sale, every read since saying so. */
  private readonly notFoundSince = new Map<string, number>();
  /** The cancel running per sale (it asks Kaspi first). */
  private readonly cancels = new Map<string, Promise<SaleView>>();

  constructor(private readonly o: PaymentServiceOptions) {
    this.steady = new SteadyClock(o.scheduler);
    this.watchers = new Watchers(o.scheduler, (id) => this.tick(id), (id, error, retryInMs) =>
      o.log.error('sale watcher failed', { sale: id, error: describe(error), retryInMs }),
    );
  }

  /** Re-reads every sale whose outcome is not known for sure (called once at start). */
  resume(): void {
    for (const row of this.o.repo.unsettled()) {
      // the cashier was waiting on it when Kassa stopped: no window follows it until one asks
      if (row.status === 'qr_shown' || row.status === 'scanned') this.unfollowed.add(row.id);
      this.schedule(row.id, 0);
    }
  }

  close(): void {
    this.watchers.close();
    this.steady.clear();
    if (this.displayTimer) this.o.scheduler.clearTimeout(this.displayTimer);
    if (this.probeTimer) this.o.scheduler.clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  get(id: string): SaleView {
    return this.view(this.o.repo.require(id));
  }

  /** The oldest live sale still watched: what a manager is told waits. */
  oldestUnsettledLive(): { amountTiyn: number; createdAt: string } | null {
    return this.o.repo.oldestUnsettledLive();
  }

  /** A live sale whose outcome at Kaspi is still being watched. */
  hasUnsettledLive(): boolean {
    return this.o.repo.hasUnsettledLive();
  }

  current(): SaleView | null {
    const row = this.o.repo.active();
    return row ? this.view(row) : null;
  }

  /**
   * What a cashier window opening (or coming back) shows on its sale tab: the running sale; else the
   * last one if Kaspi is still asked for its outcome ("result unknown": a new window must not invite
   * charging that buyer again).
   */
  currentForWindow(): SaleView | null {
    const active = this.o.repo.active();
    const row = active ?? this.o.repo.latest();
    if (!row) return null;
    const view = this.view(row);
    if (!active && saleLabel(view) !== 'checking') return null;
    this.unfollowed.delete(row.id); // a window shows it now, and will see how it ends
    return view;
  }

  /** Sales paid after the cashier gave them up that no cashier has acknowledged yet, oldest first. */
  paidLate(): SaleView[] {
    return this.o.repo.paidLateUnseen().map((row) => this.view(row));
  }

  /** A cashier has seen that the sale was paid after all: every till screen drops its notice. */
  acknowledgePaidLate(id: string): SaleView {
    this.o.repo.require(id);
    if (!this.o.repo.markPaidLateSeen(id, this.isoNow())) return this.view(this.o.repo.require(id));
    const view = this.view(this.o.repo.require(id));
    this.o.bus.emit('sale.updated', view);
    return view;
  }

  /** The sale the customer display shows: the running one, or one that finished moments ago. */
  displayed(): SaleView | null {
    const row = this.o.repo.active() ?? this.o.repo.latest();
    if (!row) return null;
    const view = this.view(row);
    // A sale being checked stays (the buyer may have paid and waits for the word); others go after a while.
    // (a finish "in the future" means the clock was set back since: it is no news any more either)
    const age = row.finished_at ? this.o.scheduler.now() - Date.parse(row.finished_at) : 0;
    if (row.finished_at && saleLabel(view) !== 'checking' && (age > DISPLAY_LINGER_MS || age < -CLOCK_SET_BACK_MS)) return null;
    return view;
  }

  connectionState(): ConnectionState {
    return this.connection;
  }

  async charge(amountTiyn: number, description: string | null, kind: 'qr' | 'link' = 'qr'): Promise<SaleView> {
    if (this.o.repo.active()) throw new AppError('sale_in_progress');
    // One customer display: the sale's QR would hide a refund QR the buyer is about to scan.
    if (this.o.refundQrShowing?.()) throw new AppError('refund_qr_showing');
    const mode = this.o.mode();
    const kaspi = this.o.kaspi(mode);
    const id = randomUUID();
    const row = this.o.repo.insert({
      id,
      amountTiyn,
      description: description || null,
      mode,
      kind,
      externalIdPrefix: this.o.externalIdPrefix(),
      at: this.steadyIso(id), // starts the sale's steady clock
    });
    this.publish(row);
    let next: SaleRow;
    try {
      const request = { amountTiyn, externalId: row.external_id };
      // Kaspi's scan timer starts when it creates the purchase: ours from the asking, not from the
      // answer (a slow answer would leave a dead token on the screens with time still counting).
      const asked = this.steadyIso(id);
      this.asked(mode);
      const qr = kind === 'link' ? await kaspi.createLink(request) : await kaspi.createQr(request);
      this.heard(mode, true);
      const purchase = {
        qr_payment_id: qr.qrPaymentId,
        qr_token: 'qrToken' in qr ? qr.qrToken : null,
        pay_link: 'payLink' in qr ? qr.payLink : null,
        expire_date: qr.expireDate,
        payment_methods: JSON.stringify(qr.paymentMethods),
        poll_interval_s: qr.pollIntervalS,
        scan_timeout_s: qr.scanTimeoutS,
        confirm_timeout_s: qr.confirmTimeoutS,
        kaspi_status: 'QrTokenCreated',
        qr_shown_at: asked,
        qr_answered_at: this.steadyIso(id),
      };
      // The purchase id is written before anyone can see the QR: a crash from here on resumes it.
      next = this.move(row.id, 'qr_shown', purchase);
      if (next.status !== 'qr_shown') {
        // The cashier cancelled while Kaspi was creating it: keep Kaspi's id and watch it all the same.
        next = this.o.repo.patch(row.id, purchase, this.isoNow());
      }
      this.schedule(row.id, pollDelayMs(next));
    } catch (error) {
      try {
        next = this.createFailed(row, error);
      } catch (storage) {
        // Not even the failure could be written (a full disk): the watcher takes the sale over, as
        // after a crash, once the database takes writes again — the till is not left blocked.
        this.schedule(row.id, STORAGE_RETRY_MS);
        throw storage;
      }
    }
    return this.view(next);
  }

  /** One cancel at a time per sale: Esc pressed again while Kaspi is asked waits for the same answer. */
  cancel(id: string): Promise<SaleView> {
    const running = this.cancels.get(id);
    if (running) return running;
    const cancel = this.cancelOnce(id).finally(() => this.cancels.delete(id));
    this.cancels.set(id, cancel);
    return cancel;
  }

  private async cancelOnce(id: string): Promise<SaleView> {
    let row = this.o.repo.require(id);
    if (row.status === 'cancelled') return this.view(row);
    if (checkTransition(row.status, 'cancelled') === 'illegal') {
      throw new AppError('illegal_transition', { from: row.status, to: 'cancelled' });
    }
    if (row.status === 'qr_shown' && row.qr_payment_id) {
      // The last read may be a poll old: a buyer who scanned since is confirming now. Kaspi is asked
      // once more (briefly: unanswered, the cancel goes on as before).
      const asked = row.updated_at;
      const read = await this.readStatus(row, CANCEL_READ_TIMEOUT_MS);
      row = this.o.repo.require(id);
      // a poll that answered meanwhile has the newer word (this read may have left before it)
      if (read !== null && row.updated_at === asked) row = this.applyKaspiStatus(row, read);
      // paid, failed or over meanwhile: that is the answer, not an error
      if (row.status === 'cancelled' || checkTransition(row.status, 'cancelled') === 'illegal') return this.view(row);
    }
    // The buyer is confirming in the Kaspi app, and Kaspi has no way to withdraw the purchase: a
    // cancel here would free the till for a second purchase the same buyer may pay too. Kaspi's
    // answer comes by the confirmation deadline; past it (Kaspi unreachable) the cashier may go on.
    const deadline = deadlineOf(row);
    if (row.status === 'scanned' && deadline !== null && row.scanned_at) {
      // however long a confirmation timeout Kaspi announces, the till is not held past a few minutes
      const until = Math.min(deadline, Date.parse(row.scanned_at) + MAX_CONFIRM_HOLD_MS);
      const now = this.steady.now(row.id);
      if (now < until) throw new AppError('buyer_confirming', { seconds: Math.ceil((until - now) / 1000) });
    }
    // The sale stays watched: a buyer who confirms anyway has paid, and Kaspi's word wins.
    return this.view(this.move(id, 'cancelled', { finished_at: this.isoNow() }));
  }

  /** Demo only: act as the buyer through the simulator's /test/payment hooks. */
  async demoAction(id: string, action: 'scan' | 'confirm' | 'fail'): Promise<SaleView> {
    const row = this.o.repo.require(id);
    if (row.mode !== 'demo') throw new AppError('demo_only');
    if (!row.qr_payment_id) throw new AppError('demo_action_refused', { from: row.status, action });
    const kaspi = this.o.kaspi('demo');
    try {
      // The buyer refusing is a scan error before scanning and a confirm error after it.
      const hook: TestHook =
        action !== 'fail'
          ? action
          : (await kaspi.paymentStatus(row.qr_payment_id)).status === 'Wait'
            ? 'confirmerror'
            : 'scanerror';
      await kaspi.testHook(hook, row.qr_payment_id);
    } catch (error) {
      if (!(error instanceof KaspiError)) throw error;
      // The one refusal a cashier trying the demo meets: Confirm pressed before Scan.
      if (action === 'confirm' && row.status === 'qr_shown') throw new AppError('demo_scan_first');
      throw new AppError('demo_action_refused', { from: row.status, action });
    }
    return this.view(this.o.repo.require(id));
  }

  private createFailed(row: SaleRow, error: unknown): SaleRow {
    if (error instanceof KaspiError && error.kind !== 'unknown_outcome') {
      // Kaspi answered (or we never reached it): no purchase exists, the cashier may simply retry.
      const { code, statusCode } = kaspiErrorCode(error);
      const refused = this.refusal(error);
      if (error.kind === 'unavailable' || refused) this.heard(row.mode, false, refused);
      this.o.log.warn('qr/create refused', { sale: row.id, kind: error.kind, statusCode: error.statusCode });
      const kaspiStatus = statusCode === null ? null : String(statusCode);
      const next = this.move(row.id, 'failed', { error_code: code, kaspi_status: kaspiStatus, settled: 1, finished_at: this.isoNow() });
      this.steady.forget(row.id); // nothing of this sale is timed any more
      // The cashier cancelled while Kaspi was refusing (cancelled -> failed is no legal move): there is
      // no purchase to watch, so the cancelled sale is settled as it stands.
      if (next.status !== 'failed' && !next.settled) return this.o.repo.patch(row.id, { kaspi_status: kaspiStatus, settled: 1 }, this.isoNow());
      return next;
    }
    if (String((error as { code?: unknown }).code) === 'SQLITE_CONSTRAINT_UNIQUE') {
      // Kaspi answered with a purchase id another sale of this till has (a simulator started anew,
      // say): its QR is not shown, so nobody can pay it — said as it is, not as "Kaspi did not answer".
      this.o.log.error('qr/create answered with a purchase id already in use', { sale: row.id });
      this.steady.forget(row.id);
      return this.move(row.id, 'failed', { error_code: 'kaspi_id_reused', settled: 1, finished_at: this.isoNow() });
    }
    // A purchase may exist at Kaspi. Never create a second one blindly: mark it unknown and let
    // the watcher close it once its token is surely dead.
    this.o.log.error('qr/create outcome unknown', { sale: row.id, error: describe(error) });
    // Kaspi did answer, with a code (-999 "temporarily unavailable"): the same caution, its own words.
    const answered = error instanceof KaspiError && error.statusCode !== null;
    // Answered -999, or not heard in time (a timeout, a dropped connection): Kaspi is not there for us.
    if (error instanceof KaspiError) this.heard(row.mode, false);
    const next = this.move(row.id, 'unknown', {
      error_code: answered ? 'create_unavailable' : 'create_unknown',
      kaspi_status: answered ? String(error.statusCode) : null,
      finished_at: this.isoNow(),
    });
    this.schedule(row.id, UNKNOWN_RESOLVE_MS);
    return next;
  }

  private schedule(id: string, delayMs: number): void {
    this.watchers.schedule(id, delayMs);
  }

  /** One watch step: read Kaspi's status, apply it, apply our deadlines, plan the next step. */
  private async tick(id: string): Promise<void> {
    let row = this.o.repo.get(id);
    if (!row || row.settled || this.watchers.closed) return this.forget(id);
    const now = this.steady.now(id);
    if (row.status === 'created') {
      // We crashed between writing the sale and hearing back from qr/create.
      row = this.move(id, 'unknown', { error_code: 'create_unknown', finished_at: this.isoNow() });
    }
    if (row.status === 'unknown' || !row.qr_payment_id) {
      const resolveAt = Date.parse(row.created_at) + UNKNOWN_RESOLVE_MS;
      if (now < resolveAt) return this.schedule(id, resolveAt - now);
      if (row.status === 'unknown') this.move(id, 'expired', { settled: 1 });
      else this.o.repo.patch(id, { settled: 1 }, this.isoNow());
      return this.forget(id);
    }
    const kaspiStatus = await this.readStatus(row);
    row = this.o.repo.require(id);
    if (kaspiStatus !== null) row = this.applyKaspiStatus(row, kaspiStatus);
    // "Purchase not found" is no verdict either: at a deadline it is no buyer's timeout; nor is a status
    // Kassa cannot read (tolerated, but it may mean paid): Kaspi's word is then as good as unheard.
    const spoke = kaspiStatus !== null && kaspiStatus.status !== 'NotFound';
    const heard = spoke && kaspiStatusOf(kaspiStatus.status) !== 'other';
    // "not found" counts only said without a break: a status, or a read that failed, starts it over
    if (kaspiStatus?.status !== 'NotFound') this.notFoundSince.delete(id);
    else if (!this.notFoundSince.has(id)) this.notFoundSince.set(id, now);
    row = this.applyDeadline(row, heard);
    if (row.settled || this.watchers.closed) return this.forget(id);
    const interval = pollDelayMs(row);
    const timersMs = ((row.scan_timeout_s ?? 180) + (row.confirm_timeout_s ?? 65)) * 1000;
    const timersEnd = Date.parse(row.qr_shown_at ?? row.created_at) + timersMs;
    const closed = row.status === 'expired' || row.status === 'cancelled';
    // Giving up needs all three: this tick's read was an answer after the deadline — a status, or "not
    // found" said for NOT_FOUND_FOR_MS (a single one after an outage is a glitch: the buyer may have
    // paid); the timers plus the grace are over on the sale's steady clock (immune to wall-clock jumps
    // while this process watches it); and this process itself watched it, by the monotonic clock, for at
    // least the length of Kaspi's timers — after a restart the persisted wall-clock times are all we
    // have, and a clock corrected while the till was off must not end a purchase Kaspi may still mark paid.
    const notFoundSince = this.notFoundSince.get(id);
    // (a status Kassa cannot read is an answer here: Kaspi is there, and has no final word to give)
    const answered = spoke || (notFoundSince !== undefined && now - notFoundSince >= NOT_FOUND_FOR_MS);
    if (closed && answered && now >= timersEnd + GIVE_UP_AFTER_MS && this.steady.watchedMs(id) >= timersMs) {
      // Both Kaspi timers are long over and this was the last read: the purchase is lost, stop asking.
      this.o.log.warn('sale closed without a final Kaspi status', { sale: id, status: row.kaspi_status });
      // "Still checking" would now be untrue: say the outcome stays unknown, to be looked up in Kaspi Pay.
      const unresolved = row.error_code === 'kaspi_no_answer' ? { error_code: 'kaspi_no_final' } : {};
      const patched = this.o.repo.patch(id, { settled: 1, ...unresolved }, this.isoNow());
      if (patched.error_code !== row.error_code) this.publish(patched);
      return this.forget(id);
    }
    this.schedule(id, closed && now > timersEnd ? Math.max(interval, SLOW_POLL_MS) : interval);
  }

  /** The sale is no longer watched by this process. */
  private forget(id: string): void {
    this.steady.forget(id);
    this.notFoundSince.delete(id);
    this.unfollowed.delete(id);
  }

  /**
   * `briefMs`: a read that must be brief (a cancel's): its failure says nothing of the connection — a
   * Kaspi slower than that is not gone — and is left to the watch's own reads.
   */
  private async readStatus(row: SaleRow, briefMs?: number): Promise<PaymentStatus | null> {
    try {
      this.asked(row.mode);
      const status = await this.o.kaspi(row.mode).paymentStatus(row.qr_payment_id!, briefMs === undefined ? undefined : { timeoutMs: briefMs });
      this.heard(row.mode, true);
      return status;
    } catch (error) {
      if (briefMs !== undefined) {
        this.o.log.info('payment/status before a cancel failed', { sale: row.id, error: describe(error) });
        return null;
      }
      if (error instanceof KaspiError && error.kind === 'rejected' && error.statusCode === -1601) {
        this.heard(row.mode, true); // an answer: Kaspi is there
        return { status: 'NotFound' };
      }
      // Network down, -999, 5xx, garbage, a refusal (HTTP 401/403, -10000): nothing is decided; ask
      // again next tick, and say Kaspi cannot be heard. So too when no client can be built (a key the
      // keyring did not give at start, a certificate that does not open): Kaspi cannot be asked.
      if (error instanceof KaspiError || error instanceof AppError) this.heard(row.mode, false, this.refusal(error));
      this.o.log.warn('payment/status failed', { sale: row.id, error: describe(error) });
      return null;
    }
  }

  /**
   * A call to the Kaspi of `mode` was answered (or not). The red line is about the live Kaspi: the demo
   * one lives in this process, and a demo sale beside a live one Kaspi cannot answer must not flip it.
   */
  /**
   * Whether a failure says Kaspi refuses this till. A failed TLS handshake does once it repeats: a
   * client certificate Kaspi no longer accepts (expired, revoked, of another organization) or a Kaspi
   * certificate the till does not trust fails every time, while a network that drops one connection
   * mid-handshake looks the same just once.
   */
  private refusal(error: unknown): boolean {
    const tls = error instanceof KaspiError && error.message === 'tls';
    this.tlsFailures = tls ? this.tlsFailures + 1 : 0;
    return refusesCredentials(error) || (tls && this.tlsFailures >= 2);
  }

  private heard(mode: Mode, online: boolean, refused = false): void {
    if (mode === 'live') this.setOnline(online, refused);
  }

  private setOnline(online: boolean, refused = false): void {
    if (online) this.tlsFailures = 0;
    if (!online) this.probeLater();
    const was = this.connection;
    if (was.online === online && was.refused === refused) return;
    // `since`: when Kaspi stopped being heard, whatever it says meanwhile
    this.connection = { online, since: online || was.online ? this.isoNow() : was.since, refused: !online && refused };
    this.o.bus.emit('kaspi.connection', this.connection);
  }

  private asked(mode: Mode): void {
    if (mode === 'live') this.asks += 1;
  }

  private probeLater(): void {
    if (this.probeTimer || this.watchers.closed) return;
    this.probeTimer = this.o.scheduler.setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, PROBE_MS);
  }

  /**
   * Kaspi not heard, and no live sale reads it (a create that timed out, the last sale given up):
   * without a ping the red line would stay until the next sale, and keep a cashier from charging at
   * all. A live sale whose status is still read tells by itself (a ping beside it could say "heard"
   * while the reads are refused). The live Kaspi is pinged while live sales are watched; with none,
   * the current mode's (in demo mode, no live Kaspi is in use: the line goes).
   */
  private async probe(): Promise<void> {
    if (this.connection.online || this.watchers.closed) return;
    const asksBefore = this.asks;
    try {
      // in the try too: a read the database refuses for a moment (locked, a full disk) costs one round
      const unsettled = this.o.repo.unsettled().filter((row) => row.mode === 'live');
      if (unsettled.some((row) => row.qr_payment_id !== null)) return this.probeLater();
      await this.o.kaspi(unsettled.length > 0 ? 'live' : this.o.mode()).ping();
    } catch (error) {
      if (!(error instanceof KaspiError || error instanceof AppError)) this.o.log.error('kaspi probe failed', { error: describe(error) });
      // What the ping met is what the red line says: a refusal (a certificate Kaspi stopped accepting) will
      // not pass by waiting; a network that went away since will.
      else if (this.asks === asksBefore) this.setOnline(false, this.refusal(error));
      return this.probeLater();
    }
    // a create or read that went out meanwhile has the fresher word
    if (this.asks === asksBefore) this.setOnline(true);
  }

  private applyKaspiStatus(row: SaleRow, read: PaymentStatus): SaleRow {
    const raw = read.status;
    const at = this.isoNow();
    if (raw === 'NotFound') {
      // "Purchase not found" for a QR we showed is no verdict (a passing glitch, other credentials):
      // the sale keeps its timers and stays watched, so a payment that shows up later is still seen.
      return raw === row.kaspi_status ? row : this.o.repo.patch(row.id, { kaspi_status: raw }, at);
    }
    const kaspi = kaspiStatusOf(raw);
    if (kaspi === 'other') this.o.log.warn('unknown Kaspi status tolerated', { sale: row.id, status: raw.slice(0, 64) });
    const target = targetForKaspiStatus(row.status, kaspi);
    const final = isKaspiFinal(kaspi);
    if (target === null) {
      // a settled sale (paid, or closed by Kaspi's final word) is never reopened by an older read
      if (row.settled && !final) return row;
      if (kaspi === 'QrTokenCreated' && row.error_code === 'kaspi_no_answer' && !row.scanned_at) {
        // The read at our deadline failed; this one, past it, says nobody ever scanned the QR: its
        // token is dead (Kaspi need not ever say Error for it). The buyer's timeout after all — the
        // cashier may charge again, and the watch goes on by the usual rule.
        // (finished now: the customer display, that said "checking", shows the outcome its while)
        const updated = this.o.repo.patch(row.id, { kaspi_status: raw, error_code: 'scan_timeout', finished_at: at }, at);
        this.publish(updated);
        return updated;
      }
      if (raw === row.kaspi_status && !final) return row;
      if (final && row.error_code === 'kaspi_no_answer') {
        // Kaspi speaks again, past our deadline, and says it is over unpaid. A scan we heard of makes
        // it the confirmation timeout; else the buyer may have scanned while we could not hear, so
        // claim no "did not scan": Kaspi closed it unpaid.
        const error_code = row.scanned_at ? 'confirm_timeout' : 'kaspi_closed_unpaid';
        // finished now: the customer display, that said "checking", shows the verdict its while
        const updated = this.o.repo.patch(row.id, { kaspi_status: raw.slice(0, 64), settled: 1, error_code, finished_at: at }, at);
        this.publish(updated);
        return updated;
      }
      return this.o.repo.patch(row.id, { kaspi_status: raw.slice(0, 64), settled: final ? 1 : 0 }, at);
    }
    const deadline = deadlineOf(row);
    // Kaspi's timers ran on while this computer slept, and the steady clock (monotonic) did not: for
    // this label (no money decision) the later of the steady and the wall clock says whether it ran out.
    const elapsedTo = Math.max(this.steady.now(row.id), this.o.scheduler.now());
    if (target === 'failed' && deadline !== null && elapsedTo >= deadline - KASPI_TIMER_SKEW_MS) {
      // Kaspi's own timer ran out with ours (it started a poll or a round trip earlier, since we
      // start ours when we hear of the scan): report it as the timeout it is.
      // A QR shown before this process began watching (a restart): the buyer may have scanned unseen.
      const watchedSince = this.steady.now(row.id) - this.steady.watchedMs(row.id);
      const unwatched = Date.parse(row.qr_shown_at ?? row.created_at) < watchedSince - KASPI_TIMER_SKEW_MS;
      const code = row.status === 'scanned' ? 'confirm_timeout' : unwatched ? 'kaspi_closed_unpaid' : 'scan_timeout';
      return this.move(row.id, 'expired', { kaspi_status: raw, settled: 1, finished_at: at, error_code: code });
    }
    const patch =
      target === 'scanned'
        ? { kaspi_status: raw, scanned_at: this.steadyIso(row.id) } // the confirm timer runs on the steady clock
        : target === 'paid'
          ? {
              kaspi_status: raw,
              settled: 1,
              finished_at: at,
              error_code: null,
              kaspi_transaction_id: read.transactionId?.slice(0, 64) ?? null,
              product_type: read.productType?.slice(0, 64) ?? null,
              ...(this.unfollowed.has(row.id) ? { paid_late: 'unseen' as const } : {}),
            }
          : { kaspi_status: raw, settled: 1, finished_at: at, error_code: 'kaspi_payment_error' };
    return this.move(row.id, target, patch);
  }

  /** @param heard whether this tick's status read succeeded */
  private applyDeadline(row: SaleRow, heard: boolean): SaleRow {
    const deadline = verdictDeadlineOf(row);
    if (deadline === null || this.steady.now(row.id) < deadline) return row;
    // The status we just read was the last read after the deadline: the sale is over on our side.
    // Unread, it is no buyer's timeout: the buyer may have paid (the watch goes on, Kaspi's word wins).
    const code = !heard ? 'kaspi_no_answer' : row.status === 'scanned' ? 'confirm_timeout' : 'scan_timeout';
    return this.move(row.id, 'expired', { error_code: code, finished_at: this.isoNow() });
  }

  /** A persisted transition followed by the events; an illegal move (a race) changes nothing. */
  private move(id: string, to: SaleRow['status'], patch: Parameters<SalesRepo['transition']>[2]): SaleRow {
    try {
      const { row, moved } = this.o.repo.transition(id, to, patch, this.isoNow());
      if (moved) this.publish(row);
      return row;
    } catch (error) {
      if (error instanceof AppError && error.code === 'illegal_transition') {
        this.o.log.info('transition skipped', { sale: id, to });
        return this.o.repo.require(id);
      }
      throw error;
    }
  }

  private publish(row: SaleRow): void {
    this.o.bus.emit('sale.updated', this.view(row));
    this.o.onDisplayChange?.();
    if (row.finished_at) {
      // Take the finished sale off the customer display a little later.
      if (this.displayTimer) this.o.scheduler.clearTimeout(this.displayTimer);
      this.displayTimer = this.o.scheduler.setTimeout(() => this.o.onDisplayChange?.(), DISPLAY_LINGER_MS + 100);
    }
  }

  private isoNow(): string {
    return new Date(this.o.scheduler.now()).toISOString();
  }

  /** A timer's start for a sale (qr_shown_at, scanned_at): on the sale's steady clock, so its deadline is too. */
  /** The sale as the screens see it: its deadline in the wall clock as it reads now. */
  private view(row: SaleRow): SaleView {
    return toSaleView(row, (steadyMs) => steadyMs - this.steady.now(row.id) + this.o.scheduler.now());
  }

  private steadyIso(id: string): string {
    return new Date(this.steady.now(id)).toISOString();
  }
}

function describe(error: unknown): string {
  if (error instanceof KaspiError) return `${error.kind}:${error.statusCode ?? ''}`;
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}
