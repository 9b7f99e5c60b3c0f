// How a sale reads to people. Its status alone misleads in a few cases: a sale whose deadline passed
// while Kaspi could not be heard may have been paid (it is still being checked, or — Kaspi never giving
// a final word — unresolved); one whose QR never
// reached a screen was paid by nobody; a paid sale given back in full or in part.
import type { SaleStatus, SaleView } from './domain.js';

/** A sale's order number as receipts show it: 000042. */
export function formatOrderNumber(n: number): string {
  return String(n).padStart(6, '0');
}

export type SaleLabel = SaleStatus | 'checking' | 'unresolved' | 'not_shown' | 'refunded' | 'partly_refunded';

export function saleLabel(sale: Pick<SaleView, 'status' | 'errorCode' | 'amountTiyn' | 'refundedTiyn'>): SaleLabel {
  switch (sale.status) {
    case 'expired':
      if (sale.errorCode === 'kaspi_no_answer') return 'checking';
      if (sale.errorCode === 'kaspi_no_final') return 'unresolved'; // Kaspi never said: look it up in Kaspi Pay
      // a create whose outcome was unknown (timed out, or answered -999), closed once its QR was surely dead
      if (sale.errorCode === 'create_unknown' || sale.errorCode === 'create_unavailable') return 'not_shown';
      return 'expired';
    case 'unknown':
      return 'not_shown';
    case 'paid':
      if (sale.refundedTiyn >= sale.amountTiyn) return 'refunded';
      return sale.refundedTiyn > 0 ? 'partly_refunded' : 'paid';
    default:
      return sale.status;
  }
}
