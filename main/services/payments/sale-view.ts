// Maps a stored sale to what the renderer may see (contract types). Nothing secret is in a sale row.
import type { SaleView } from '../../../shared/domain.js';
import type { SaleRow } from '../../store/sales-repo.js';
import { formatOrderNumber } from '../../../shared/sale-label.js';


/** When the Kaspi timer that currently runs for this sale ends (ms since epoch), if one runs. */
export function deadlineOf(row: SaleRow): number | null {
  if (row.status === 'qr_shown' && row.qr_shown_at && row.scan_timeout_s) {
    return Date.parse(row.qr_shown_at) + row.scan_timeout_s * 1000;
  }
  if (row.status === 'scanned' && row.scanned_at && row.confirm_timeout_s) {
    return Date.parse(row.scanned_at) + row.confirm_timeout_s * 1000;
  }
  return null;
}

/**
 * When Kassa may say the timer ran out: the scan timer from Kaspi's answer to qr/create (Kaspi started it
 * somewhere between the asking, where the countdown shown starts, and that answer — a slow connect spends
 * its time before Kaspi has the request), so "did not scan in time" never comes while the QR still pays.
 */
export function verdictDeadlineOf(row: SaleRow): number | null {
  const deadline = deadlineOf(row);
  if (deadline === null || row.status !== 'qr_shown' || !row.qr_answered_at || !row.qr_shown_at) return deadline;
  return deadline + Math.max(0, Date.parse(row.qr_answered_at) - Date.parse(row.qr_shown_at));
}

/**
 * `frame`: turns an instant of the sale's steady clock (on which its Kaspi timers run) into the wall
 * clock as it reads now — after a system clock correction the screens count down to the time Kaspi's
 * timer really ends, not to a deadline shifted by the correction.
 */
export function toSaleView(row: SaleRow, frame: (steadyMs: number) => number = (ms) => ms): SaleView {
  const steadyDeadline = deadlineOf(row);
  const deadline = steadyDeadline === null ? null : frame(steadyDeadline);
  return {
    id: row.id,
    amountTiyn: row.amount_tiyn,
    description: row.description,
    status: row.status,
    mode: row.mode,
    qrToken: row.status === 'qr_shown' || row.status === 'scanned' ? row.qr_token : null,
    qrPaymentId: row.qr_payment_id,
    paymentMethods: parseMethods(row.payment_methods),
    deadline: deadline === null ? null : new Date(deadline).toISOString(),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    orderNumber: row.order_number === null ? null : formatOrderNumber(row.order_number),
    errorCode: row.error_code,
    kaspiStatus: row.kaspi_status,
    kind: row.kind,
    payLink: row.kind === 'link' && (row.status === 'qr_shown' || row.status === 'scanned') ? row.pay_link : null,
    refundedTiyn: row.refunded_tiyn,
    refundAwaitingVerdict: row.refund_awaiting_verdict === 1,
    refundToReview: row.refund_to_review === 1,
    paidLate: row.paid_late,
  };
}

function parseMethods(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}
