// Which refunds the customer display shows (instead of the sale): one on its way, its QR, being
// sent, or done. A failed or cancelled one is not shown: the display goes back to the sale or the welcome.
import type { CustomerView, RefundStatus } from './domain.js';

export type CustomerRefund = NonNullable<CustomerView['refund']>;

const SHOWN: readonly RefundStatus[] = ['created', 'qr_shown', 'identified', 'returning', 'unknown', 'done'];

/** Whether the display shows the refund instead of the sale. */
export function showsRefund(refund: Pick<CustomerRefund, 'status'> | null): boolean {
  return refund !== null && SHOWN.includes(refund.status);
}
