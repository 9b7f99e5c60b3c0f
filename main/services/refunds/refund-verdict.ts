// What a drop of AvailableReturnAmount means for a refund whose payment/return answer was lost, and the
// manager's verdicts on one Kaspi never confirmed (after looking in the Kaspi Pay app).
import { REFUND_LATE_DROP, type RefundResolution } from '../../../shared/domain.js';
import { awaitsVerdict, flaggedAfterVerdict, type RefundAudit, type RefundPatch, type RefundRow } from '../../store/refunds-repo.js';
import { AppError } from '../app-error.js';
import { kaspiErrorCode } from '../kaspi/kaspi-error-code.js';
import { KaspiError } from '../kaspi/kaspi-port.js';
import { reviewAfterVerdict } from './after-verdict-review.js';
import { recordAppRefund, withAppRefund } from './app-refund.js';
import { RECHECK_EVERY_MS, type RefundContext } from './refund-context.js';
import { droppedBy, lostReturnOutcome, requireAwaitingVerdict } from './refund-resolution.js';

/**
 * AvailableReturnAmount dropped by at least the refund's amount.
 *
 * Seen while Kassa still checks right after sending (refund_unknown): ours — Kassa runs one refund of a
 * sale at a time — so done (flagged refund_needs_review when even more went back).
 *
 * First seen only after the refund became unconfirmed: NOT taken as ours. The screen then tells the
 * cashier to look in Kaspi Pay, and a refund made there instead looks exactly the same. Calling ours
 * done would end its watch, so a later application of the lost payment/return would go unseen and the
 * buyer would be refunded twice. It is held for the manager instead (refund_late_drop): the amount stays
 * reserved, it is still checked, and the verdict says whose the drop was — ours ('applied'), or (part of
 * it) a refund in the app ('refunded_in_app', app-refund.ts).
 */
export function settleDrop(ctx: RefundContext, row: RefundRow, availableTiyn: number): RefundRow | null {
  if (awaitsVerdict(row)) {
    if (row.error_code === REFUND_LATE_DROP) return row;
    const droppedTiyn = droppedBy(row, availableTiyn)!;
    ctx.o.log.error('refund unconfirmed, then a drop at Kaspi: left to the manager', { refund: row.id, droppedTiyn });
    return ctx.move(row, 'unknown', { error_code: REFUND_LATE_DROP, error_params: JSON.stringify({ availableTiyn, droppedTiyn }) });
  }
  const code = lostReturnOutcome(row, availableTiyn) === 'applied' ? null : 'refund_needs_review';
  return ctx.move(row, 'done', { error_code: code, error_params: code ? JSON.stringify({ available: availableTiyn }) : null, settled: 1, finished_at: ctx.isoNow() });
}

/**
 * The manager's verdict. "not applied" frees the amount, so it is refused once Kaspi shows a drop by at
 * least the refund's amount. "refunded in Kaspi Pay instead" states the app refund's amount
 * (`appRefundTiyn`) and needs a drop to record it from (app-refund.ts).
 */
export async function resolveRefund(ctx: RefundContext, refundId: string, outcome: RefundResolution, appRefundTiyn?: number): Promise<RefundRow> {
  const read = ctx.o.refunds.require(refundId);
  if (flaggedAfterVerdict(read)) return reviewFlagged(ctx, read, outcome, appRefundTiyn);
  requireAwaitingVerdict(read, outcome);
  if (outcome === 'refunded_in_app' && !(Number.isInteger(appRefundTiyn) && appRefundTiyn! > 0)) throw new AppError('invalid_request', { field: 'amountTiyn' });
  const manager: RefundAudit = { actor: 'manager', detail: { outcome } };
  const available = await availableAtKaspi(ctx, read);
  const row = ctx.o.refunds.require(refundId); // the watch may have moved it meanwhile
  requireAwaitingVerdict(row, outcome);
  if (outcome === 'applied') {
    // "it went through" is checked as "it did not" is: a refund Kaspi shows no trace of is never counted
    // (the amount would be taken off what may still be refunded, for good). Unknown before: the manager's word.
    const dropped = droppedBy(row, available);
    if (dropped !== null && dropped < row.amount_tiyn) throw new AppError('refund_not_seen_at_kaspi', { amountTiyn: row.amount_tiyn, availableTiyn: available });
    return ctx.move(row, 'done', { error_code: 'refund_marked_applied', settled: 1, finished_at: ctx.isoNow() }, manager) ?? raceLost(ctx, refundId, outcome);
  }
  if (outcome === 'refunded_in_app') return recordAppRefund(ctx, row, available, appRefundTiyn!) ?? raceLost(ctx, refundId, outcome);
  const dropped = droppedBy(row, available);
  if (dropped === null || dropped >= row.amount_tiyn) {
    if (dropped !== null) settleDrop(ctx, row, available);
    throw new AppError('refund_already_applied', { availableTiyn: available });
  }
  // A smaller drop is not ours (Kaspi applies a refund whole, and Kassa runs one refund of a sale at a
  // time): it is a refund made elsewhere — the Kaspi Pay app. It is recorded as one automatically, in
  // the same transaction as the verdict, rather than asking the manager to record it first: Kaspi's
  // own figure is exact, so Kassa's refunded total equals Kaspi's the moment the verdict is written,
  // with no typed amount to get wrong and no step to skip. after-verdict-check.ts does not count it as
  // a later refund of ours (appRefundTiyn in the verdict's params).
  const params = { availableTiyn: available, ...(dropped > 0 ? { appRefundTiyn: dropped } : {}) };
  const at = ctx.isoNow(); // the verdict's read is its first check (after-verdict-check.ts)
  const patch: RefundPatch = { error_code: 'refund_marked_not_applied', error_params: JSON.stringify(params), settled: 1, finished_at: at, checked_at: at };
  const audit: RefundAudit = { actor: 'manager', detail: { outcome, ...params } };
  const failed = dropped > 0 ? withAppRefund(ctx, row, dropped, 'failed', patch, audit) : ctx.move(row, 'failed', patch, audit);
  if (!failed) return raceLost(ctx, refundId, outcome);
  ctx.schedule(refundId, RECHECK_EVERY_MS); // still checked for a while (after-verdict-check.ts)
  return failed;
}

/** The review of a refund flagged after "not applied" (after-verdict-review.ts), on a fresh read of Kaspi. */
async function reviewFlagged(ctx: RefundContext, read: RefundRow, outcome: RefundResolution, appRefundTiyn?: number): Promise<RefundRow> {
  if (outcome === 'refunded_in_app' && !(Number.isInteger(appRefundTiyn) && appRefundTiyn! > 0)) throw new AppError('invalid_request', { field: 'amountTiyn' });
  const available = await availableAtKaspi(ctx, read);
  const row = ctx.o.refunds.require(read.id); // a watch or another window may have moved it meanwhile
  if (!flaggedAfterVerdict(row)) throw new AppError('refund_not_unconfirmed', { outcome });
  const reviewed = reviewAfterVerdict(ctx, row, available, outcome, appRefundTiyn);
  if (!reviewed) throw new AppError('refund_not_unconfirmed', { outcome });
  return reviewed;
}

async function availableAtKaspi(ctx: RefundContext, row: RefundRow): Promise<number> {
  const sale = ctx.o.sales.require(row.sale_id);
  try {
    const port = ctx.o.port(sale.mode);
    if (!port) throw new AppError('kaspi_unavailable');
    return (await port.paymentDetails(sale.qr_payment_id!)).availableReturnTiyn;
  } catch (error) {
    throw error instanceof AppError ? error : kaspiAppError(error);
  }
}

/** The refund moved on between the read and the write (another core): say why, as for a stale request. */
function raceLost(ctx: RefundContext, refundId: string, outcome: RefundResolution): never {
  requireAwaitingVerdict(ctx.o.refunds.require(refundId), outcome);
  throw new AppError('refund_still_checking');
}

/** A Kaspi failure of a call made for the manager, as an error the screen can translate. */
function kaspiAppError(error: unknown): AppError {
  if (!(error instanceof KaspiError)) return new AppError('kaspi_unavailable');
  const { code, statusCode } = kaspiErrorCode(error);
  return new AppError(code, statusCode === null ? undefined : { code: statusCode });
}
