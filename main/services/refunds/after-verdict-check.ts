// A refund the manager marked "not applied" may still be applied by Kaspi: nothing bounds how late a
// lost payment/return goes through. It is checked every RECHECK_EVERY_MS, a check already in flight at
// the verdict included, until a successful read at or after AFTER_VERDICT_WATCH_MS past the verdict
// (checked_at) — so a drop while the till was off or Kaspi unreachable is still seen on the next start
// or when Kaspi answers again. A drop by at least its amount that Kassa's own later refunds of the sale
// do not explain is flagged (refund_applied_after_verdict): audited in refund_events, logged as an error
// and published so the screen shows it. The status stays failed — the amount may have been refunded
// again meanwhile, and a refund in the Kaspi Pay app looks the same — so it is the manager who looks
// and says which (after-verdict-review.ts).
import { REFUND_APPLIED_AFTER_VERDICT } from '../../../shared/domain.js';
import type { RefundRow } from '../../store/refunds-repo.js';
import type { SaleRow } from '../../store/sales-repo.js';
import { KaspiError, type KaspiRefundPort } from '../kaspi/kaspi-port.js';
import { RECHECK_EVERY_MS, type RefundContext } from './refund-context.js';

export const AFTER_VERDICT_WATCH_MS = 24 * 60 * 60_000;

/** Marked "not applied" and not yet read successfully through the end of its watch window. */
export function watchedAfterVerdict(row: RefundRow): boolean {
  if (row.status !== 'failed' || row.error_code !== 'refund_marked_not_applied' || row.finished_at === null) return false;
  return row.checked_at === null || Date.parse(row.checked_at) < Date.parse(row.finished_at) + AFTER_VERDICT_WATCH_MS;
}

/** A read of AvailableReturnAmount (null: it failed) reached a refund that is settled now: flags it if the verdict is contradicted, checks on while watched. */
export function seenAfterVerdict(ctx: RefundContext, row: RefundRow, availableTiyn: number | null): void {
  if (!watchedAfterVerdict(row)) return;
  if (availableTiyn !== null) {
    if (flagLateDrop(ctx, row, availableTiyn)) return;
    ctx.o.refunds.markChecked(row.id, ctx.isoNow());
    if (!watchedAfterVerdict(ctx.o.refunds.require(row.id))) return; // read through its whole window: done
  }
  ctx.schedule(row.id, RECHECK_EVERY_MS);
}

/** The periodic check of a refund marked "not applied". */
export async function recheckAfterVerdict(ctx: RefundContext, row: RefundRow, sale: SaleRow, port: KaspiRefundPort): Promise<void> {
  let available: number | null = null;
  try {
    available = (await port.paymentDetails(sale.qr_payment_id!)).availableReturnTiyn;
  } catch (error) {
    ctx.o.log.warn('refund check after verdict failed', { refund: row.id, error: error instanceof KaspiError ? `${error.kind}:${error.statusCode ?? ''}` : 'other' });
  }
  seenAfterVerdict(ctx, ctx.o.refunds.require(row.id), available);
}

/**
 * The drop since the verdict that Kassa's own refunds of the sale started since then do not explain.
 * An app refund recorded by the verdict itself (appRefundTiyn) is already in the verdict's baseline.
 */
export function unexplainedDrop(ctx: RefundContext, row: RefundRow, availableTiyn: number, verdict: { availableTiyn?: unknown; appRefundTiyn?: unknown } = JSON.parse(row.error_params ?? '{}')): number {
  if (typeof verdict.availableTiyn !== 'number') return 0;
  const recordedByVerdict = typeof verdict.appRefundTiyn === 'number' ? verdict.appRefundTiyn : 0;
  return verdict.availableTiyn - availableTiyn - (ctx.o.refunds.startedAfterTiyn(row.sale_id, row.finished_at!) - recordedByVerdict);
}

function flagLateDrop(ctx: RefundContext, row: RefundRow, availableTiyn: number): boolean {
  const droppedTiyn = unexplainedDrop(ctx, row, availableTiyn);
  if (droppedTiyn < row.amount_tiyn) return false;
  ctx.o.log.error('refund marked "not applied", then a drop at Kaspi: it may have gone through', { refund: row.id, droppedTiyn });
  const flagged = ctx.o.refunds.flagSettled(
    row.id,
    row,
    { error_code: REFUND_APPLIED_AFTER_VERDICT, error_params: JSON.stringify({ availableTiyn, droppedTiyn }) },
    ctx.isoNow(),
    { actor: 'kassa', detail: { availableTiyn, droppedTiyn } },
  );
  if (flagged) ctx.publish(flagged);
  return true;
}
