// The refund panel of the History tab: one sale at a time, what was typed, and the refund it started.
// Actions that talk to main live in refund-actions.ts.
import { create } from 'zustand';
import { REFUND_APPLIED_AFTER_VERDICT, REFUND_AWAITING_VERDICT, REFUND_LATE_DROP, type RefundStatus, type RefundView } from '../../../shared/domain.js';
import type { ErrorParams } from '../api/api-error.js';

/** An error code from main, or a message key of our own (with its params). */
export type RefundError = { kind: 'api'; code: string; params?: ErrorParams | undefined } | { kind: 'message'; key: string; params?: ErrorParams };

export interface RefundState {
  /** The sale whose refund panel is open; null = closed. */
  saleId: string | null;
  /** The typed amount, normalised like the sale's ("1500,5"); null = the default (all that is left). */
  digits: string | null;
  /**
   * Why this sale can only be refunded in Kaspi Pay and recorded here: main answered
   * refund_manual_only, or the r2 buyer check ended refund_buyer_history_full. null = through Kaspi.
   */
  manualReason: string | null;
  /** The typed amount of a refund made in the Kaspi Pay app instead (that verdict); null = the default. */
  appDigits: string | null;
  /** The refund this panel follows (started here, or still running when the panel opened). */
  refund: RefundView | null;
  /** Every refund of the open sale, newest first (refunds.list, then refund.updated). */
  refunds: RefundView[];
  busy: boolean;
  error: RefundError | null;
}

export const EMPTY_REFUND_PANEL: RefundState = {
  saleId: null,
  digits: null,
  manualReason: null,
  appDigits: null,
  refund: null,
  refunds: [],
  busy: false,
  error: null,
};

export const useRefund = create<RefundState>(() => ({ ...EMPTY_REFUND_PANEL }));

/** Statuses after which nothing more happens to a refund. */
export const SETTLED_REFUNDS: readonly RefundStatus[] = ['done', 'failed', 'cancelled'];

export function isSettled(status: RefundStatus): boolean {
  return SETTLED_REFUNDS.includes(status);
}

/** A refund Kaspi never confirmed (or whose late drop needs a look): nothing ends it but the manager's verdict. */
export function isUnconfirmed(refund: RefundView): boolean {
  return refund.status === 'unknown' && (REFUND_AWAITING_VERDICT as readonly (string | null)[]).includes(refund.errorCode);
}

/** A refund marked "not applied" after which Kaspi showed a drop: the manager checks in Kaspi Pay and says whose it was. */
export function isAppliedAfterVerdict(refund: RefundView): boolean {
  return refund.status === 'failed' && refund.errorCode === REFUND_APPLIED_AFTER_VERDICT;
}

/** The label of a refund's state: its status, "unconfirmed", or "review" where the manager must look at a drop. */
export function refundStatusKey(refund: RefundView): string {
  if (isAppliedAfterVerdict(refund) || (isUnconfirmed(refund) && refund.errorCode === REFUND_LATE_DROP)) return 'refundStatus.review';
  return isUnconfirmed(refund) ? 'refundStatus.unconfirmed' : `refundStatus.${refund.status}`;
}

/** Codes of a failed r2 refund that turn the panel into the Kaspi Pay + record flow. */
export const MANUAL_AFTER: readonly string[] = ['refund_buyer_history_full'];
/**
 * Codes of a failed r2 refund after which the cashier may have refunded in Kaspi Pay instead (the QR's
 * status unknown, or its scan seen too late): the panel offers to record that, beside starting again.
 */
export const RECORD_OFFERED_AFTER: readonly string[] = ['refund_qr_unchecked', 'refund_qr_late'];
/** The panel records a refund Kaspi shows made outside Kassa (its words: error.refund_outside_kassa). */
export const REFUNDED_OUTSIDE = 'refund_outside_kassa';

const RANK: Record<RefundStatus, number> = {
  created: 0,
  qr_shown: 1,
  identified: 2,
  returning: 3,
  unknown: 4,
  done: 5,
  failed: 5,
  cancelled: 5,
};

/**
 * Replies and events about one refund can cross (the reply of refunds.start may arrive before the
 * events it caused): keep the more advanced view. A refund never moves back.
 */
export function mergeRefund(current: RefundView | null, incoming: RefundView): RefundView {
  if (!current || current.id !== incoming.id) return incoming;
  return RANK[incoming.status] >= RANK[current.status] ? incoming : current;
}

/** The list with one refund added or updated, newest first. */
export function upsertRefund(list: readonly RefundView[], incoming: RefundView): RefundView[] {
  const existing = list.find((r) => r.id === incoming.id);
  const merged = mergeRefund(existing ?? null, incoming);
  const rest = list.filter((r) => r.id !== incoming.id);
  return [merged, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
