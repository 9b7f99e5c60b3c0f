// A live sale or refund Kaspi still has to answer, as the manager is told of it: "4 500 ₸, 28.11.2026 14:15" (Almaty).
import { toAlmatyIso } from './almaty-time.js';
import { formatTenge } from './money.js';
import { formatOrderNumber } from './sale-label.js';

type Work = { amountTiyn: number; createdAt: string };

export function waitingWork(work: Work): string {
  return `${formatTenge(work.amountTiyn)}, ${almatyMinute(work.createdAt)}`;
}

/** "28.11.2026 14:15" in Almaty. */
function almatyMinute(iso: string): string {
  const at = toAlmatyIso(Date.parse(iso));
  return `${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)}`;
}

/** The params of live_work_pending: the oldest live sale still watched, else the oldest refund; null when none. */
export function waitingWorkParams(sale: Work | null, refund: () => Work | null): { kind: 'sale' | 'refund'; what: string } | null {
  if (sale) return { kind: 'sale', what: waitingWork(sale) };
  const other = refund();
  return other ? { kind: 'refund', what: waitingWork(other) } : null;
}

/**
 * The params of live_refund_unconfirmed: the refund's amount, and its sale's number and time ("000038",
 * "24.11.2026 15:03", Almaty) — History lists the sale by its own day; null when none waits.
 */
export function unconfirmedRefundParams(refund: { amountTiyn: number; saleCreatedAt: string; orderNumber: number | null } | null): { amount: string; order: string; saleAt: string } | null {
  if (!refund) return null;
  return { amount: formatTenge(refund.amountTiyn), order: refund.orderNumber === null ? '—' : formatOrderNumber(refund.orderNumber), saleAt: almatyMinute(refund.saleCreatedAt) };
}
