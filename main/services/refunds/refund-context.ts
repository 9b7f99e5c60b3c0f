// What the refund service's parts share: its options and its audited, published, compare-and-set moves.
import type { RefundAudit, RefundPatch, RefundRow, RefundsRepo } from '../../store/refunds-repo.js';
import type { SalesRepo } from '../../store/sales-repo.js';
import type { EventBus } from '../event-bus.js';
import type { KaspiRefundPort } from '../kaspi/kaspi-port.js';
import type { Logger } from '../logger.js';
import type { Mode } from '../../../shared/domain.js';
import type { Scheduler } from '../scheduler.js';

export interface RefundServiceOptions {
  refunds: RefundsRepo;
  sales: SalesRepo;
  /** The refund API for a sale's mode, or null when that scheme has none (r1). Throws when not configured. */
  port: (mode: Mode) => KaspiRefundPort | null;
  bus: EventBus;
  scheduler: Scheduler;
  log: Logger;
  /** The till's mode now: a live sale is not refunded from a till in demo mode (the screens say "demo"). */
  mode?: () => Mode;
  /** A refund moved: the sale's refunded sum and the customer display may have changed. */
  onChange?: (row: RefundRow) => void;
}

/** How often an unconfirmed refund (or one marked "not applied", for a while) is checked again. */
export const RECHECK_EVERY_MS = 60_000;

export interface RefundContext {
  readonly o: RefundServiceOptions;
  /** Moves `row` from the state it was read in; null (nothing written) when it moved on meanwhile. */
  move(row: RefundRow, to: RefundRow['status'], patch: RefundPatch, audit?: RefundAudit): RefundRow | null;
  /** Tells the screen and the customer display; never throws. */
  publish(row: RefundRow): void;
  schedule(id: string, delayMs: number): void;
  isoNow(): string;
}
