// A live sale or refund Kaspi still has to answer, as the manager is told of it: "4 500 ₸, 28.11.2026 14:15" (Almaty).
import { toAlmatyIso } from './almaty-time.js';
import { formatTenge } from './money.js';
import { formatOrderNumber } from './sale-label.js';

type Work = { amountTiyn: number; createdAt: string };

export function waitingWork(work: Work): string {
  const at = toAlmatyIso(Date.parse(work.createdAt));
  return `${formatTenge(work.amountTiyn)}, ${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)}`;
}

/** The params of live_work_pending: the oldest live sale still watched, else the oldest refund; null when none. */
export function waitingWorkParams(sale: Work | null, refund: () => Work | null): { kind: 'sale' | 'refund'; what: string } | null {
  if (sale) return { kind: 'sale', what: waitingWork(sale) };
  const other = refund();
  return other ? { kind: 'refund', what: waitingWork(other) } : null;
}

/** The params of live_refund_unconfirmed: the refund ("3 000 ₸, 24.11.2026 15:03") and its sale's order number; null when none. */
export function unconfirmedRefundParams(refund: (Work & { orderNumber: number | null }) | null): { what: string; order: string } | null {
  return refund ? { what: waitingWork(refund), order: refund.orderNumber === null ? '—' : formatOrderNumber(refund.orderNumber) } : null;
}
