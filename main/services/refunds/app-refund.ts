// A refund made in the Kaspi Pay app that a verdict records as a manual one, in the same transaction as
// the move of ours: the manager's "refunded in Kaspi Pay instead", or the smaller drop under "not applied".
import { randomUUID } from 'node:crypto';
import { REFUND_LATE_DROP, REFUND_UNCONFIRMED } from '../../../shared/domain.js';
import type { RefundAudit, RefundPatch, RefundRow } from '../../store/refunds-repo.js';
import { AppError } from '../app-error.js';
import type { RefundContext } from './refund-context.js';
import { droppedBy } from './refund-resolution.js';

/**
 * "Refunded in Kaspi Pay instead", `appRefundTiyn` being the app refund's amount the manager read there.
 * Only that is recorded and taken off ours' baseline, so what is left of the drop is still seen as ours:
 * exactly ours = ours went through too (done); less = ours is still unconfirmed and checked from the
 * new baseline; more = still a drop to review. (Recording the whole drop would count ours twice once
 * the manager, seeing it in Kaspi Pay, marks it applied.) null: ours moved on meanwhile.
 */
export function recordAppRefund(ctx: RefundContext, row: RefundRow, availableTiyn: number, appRefundTiyn: number): RefundRow | null {
  const dropped = droppedBy(row, availableTiyn);
  if (dropped === null || dropped <= 0) throw new AppError('refund_no_app_refund', { availableTiyn });
  if (appRefundTiyn > dropped) throw new AppError('refund_app_refund_too_much', { droppedTiyn: dropped });
  const rest = dropped - appRefundTiyn;
  const baseline = { available_before_tiyn: row.available_before_tiyn! - appRefundTiyn };
  const audit: RefundAudit = { actor: 'manager', detail: { outcome: 'refunded_in_app', availableTiyn, appRefundTiyn } };
  if (rest === row.amount_tiyn) {
    return withAppRefund(ctx, row, appRefundTiyn, 'done', { ...baseline, error_code: 'refund_applied_late', error_params: null, settled: 1, finished_at: ctx.isoNow() }, audit);
  }
  const patch: RefundPatch =
    rest < row.amount_tiyn
      ? { ...baseline, error_code: REFUND_UNCONFIRMED, error_params: null }
      : { ...baseline, error_code: REFUND_LATE_DROP, error_params: JSON.stringify({ availableTiyn, droppedTiyn: rest }) };
  return withAppRefund(ctx, row, appRefundTiyn, 'unknown', patch, audit);
}

/** Ours moved from `row` and the app refund recorded — both or neither — and both published; null when ours moved on meanwhile. */
export function withAppRefund(ctx: RefundContext, row: RefundRow, appRefundTiyn: number, to: RefundRow['status'], patch: RefundPatch, audit: RefundAudit): RefundRow | null {
  const sale = ctx.o.sales.require(row.sale_id);
  const recorded = ctx.o.refunds.recordAppRefund(
    { id: randomUUID(), saleId: row.sale_id, amountTiyn: appRefundTiyn, method: 'manual', status: 'done', at: ctx.isoNow() },
    { id: row.id, from: row, to, patch },
    audit,
    sale.amount_tiyn,
  );
  if (!recorded) return null;
  ctx.publish(recorded.manual);
  ctx.publish(recorded.ours);
  return recorded.ours;
}
