// The manager's review of a refund flagged after "not applied" (after-verdict-check.ts): Kaspi showed a
// drop by at least its amount that Kassa's own later refunds do not explain. After looking in Kaspi Pay
// the manager says whose it was. Both answers are checked against a fresh read of Kaspi first.
import type { RefundResolution } from '../../../shared/domain.js';
import type { RefundAudit, RefundRow } from '../../store/refunds-repo.js';
import { AppError } from '../app-error.js';
import { seenAfterVerdict, unexplainedDrop } from './after-verdict-check.js';
import { withAppRefund } from './app-refund.js';
import type { RefundContext } from './refund-context.js';

/**
 * 'applied': ours went through after all — failed → done (refund_marked_applied), only while Kaspi still
 * shows the unexplained drop (refund_not_seen_at_kaspi) and the sale has that much left (refund_too_much).
 * 'refunded_in_app': (part of) the drop was a refund made in the app — recorded as a manual refund of
 * `appRefundTiyn` (at most the drop), and ours is "not applied" again, its watch going on from the same
 * verdict: what is still unexplained flags it again. 'not_applied' is what the drop contradicts: refused.
 * null: it moved on meanwhile.
 */
export function reviewAfterVerdict(ctx: RefundContext, row: RefundRow, availableTiyn: number, outcome: RefundResolution, appRefundTiyn?: number): RefundRow | null {
  const verdict = ctx.o.refunds.notAppliedVerdict(row.id);
  const dropped = verdict ? unexplainedDrop(ctx, row, availableTiyn, verdict) : 0;
  if (outcome === 'not_applied') throw new AppError('refund_already_applied', { availableTiyn });
  const audit: RefundAudit = { actor: 'manager', detail: { outcome, availableTiyn, droppedTiyn: dropped, ...(outcome === 'refunded_in_app' ? { appRefundTiyn: appRefundTiyn! } : {}) } };
  if (outcome === 'applied') {
    if (dropped < row.amount_tiyn) throw new AppError('refund_not_seen_at_kaspi', { amountTiyn: row.amount_tiyn, availableTiyn });
    const sale = ctx.o.sales.require(row.sale_id);
    const done = ctx.o.refunds.doneAfterVerdict(row.id, row, { error_code: 'refund_marked_applied', error_params: null, finished_at: ctx.isoNow() }, ctx.isoNow(), audit, sale.amount_tiyn);
    if (done) ctx.publish(done);
    return done;
  }
  if (dropped <= 0) throw new AppError('refund_no_app_refund', { availableTiyn });
  if (appRefundTiyn! > dropped) throw new AppError('refund_app_refund_too_much', { droppedTiyn: dropped });
  const baseline = Object.fromEntries(Object.entries(verdict!).filter(([key]) => key !== 'outcome'));
  // checked_at cleared: this read is checked like a watch's (even past its window), and a crash before
  // that has the start check it again
  const back = withAppRefund(ctx, row, appRefundTiyn!, 'failed', { error_code: 'refund_marked_not_applied', error_params: JSON.stringify(baseline), checked_at: null }, audit);
  if (back) seenAfterVerdict(ctx, back, availableTiyn); // the rest of the drop, if still ours, flags it again
  return back === null ? null : ctx.o.refunds.require(row.id);
}
