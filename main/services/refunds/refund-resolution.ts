// What AvailableReturnAmount says about a payment/return whose answer was lost, and when the manager
// may resolve such a refund by hand. Pure: the refund service does the calls and the writes.
import type { RefundResolution } from '../../../shared/domain.js';
import { awaitsVerdict, type RefundRow } from '../../store/refunds-repo.js';
import { AppError } from '../app-error.js';

/** How much AvailableReturnAmount went down since just before the refund was sent; null = not known. */
export function droppedBy(row: RefundRow, availableTiyn: number): number | null {
  return row.available_before_tiyn === null ? null : row.available_before_tiyn - availableTiyn;
}

/**
 * 'applied': down by exactly the refund's amount. 'more': down by more (someone else refunded too).
 * 'pending': down by less or not at all — no verdict, the refund may still apply (Kaspi applies a
 * refund's whole amount at once, so a smaller drop is someone else's).
 */
export function lostReturnOutcome(row: RefundRow, availableTiyn: number): 'applied' | 'more' | 'pending' {
  const dropped = droppedBy(row, availableTiyn);
  if (dropped === null || dropped < row.amount_tiyn) return 'pending';
  return dropped === row.amount_tiyn ? 'applied' : 'more';
}

/** Only a refund waiting for the manager's verdict is resolved by hand; while Kassa still checks it, it waits. */
export function requireAwaitingVerdict(row: RefundRow, outcome: RefundResolution): void {
  if (row.status !== 'unknown') throw new AppError('refund_not_unconfirmed', { outcome });
  if (!awaitsVerdict(row)) throw new AppError('refund_still_checking');
}
