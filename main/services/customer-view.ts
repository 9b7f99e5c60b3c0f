// What the customer-facing display shows, and nothing more: the shop's name, the sale on screen (its
// amount, QR, methods, status, countdown) or a refund QR. No ids, no till, no account data.
import { showsRefund } from '../../shared/customer-refund.js';
import type { CustomerView } from '../../shared/domain.js';
import { saleLabel } from '../../shared/sale-label.js';
import type { PaymentService } from './payments/payment-service.js';
import type { RefundService } from './refunds/refund-service.js';
import type { Settings } from './settings/settings-service.js';

export function buildCustomerView(settings: Settings, payments: PaymentService, refunds: RefundService): CustomerView {
  const sale = payments.displayed();
  const row = refunds.showing();
  // A refund's outcome lingers on screen a while; a sale that starts meanwhile takes the screen at once.
  const saleRunning = sale !== null && (sale.status === 'created' || sale.status === 'qr_shown' || sale.status === 'scanned');
  // A running sale always keeps the screen (its buyer must be able to scan); otherwise a refund of it
  // has it, and one of another sale only when started after the sale ended: a sale running when a
  // refund (r3, of another sale) began is its buyer's, who sees their own "paid" or "declined", not the
  // refund's outcome nor the welcome screen.
  const saleNewer = sale !== null && row !== null && row.sale_id !== sale.id && Date.parse(sale.finishedAt ?? sale.createdAt) >= Date.parse(row.created_at);
  const refund = row && !saleRunning && !saleNewer ? refunds.view(row) : null;
  // a refund that ended without money going back, after the sale: neither its words nor the older sale's
  // "thank you, paid" (the buyer waiting for money back would read it as done) — the welcome screen
  const shownSale = refund !== null && !showsRefund(refund) ? null : sale;
  // The demo banner follows what is on screen: a live refund QR or sale is real whatever the till's mode now.
  const shownMode = refund && showsRefund(refund) ? payments.get(refund.saleId).mode : (sale?.mode ?? settings.mode);
  return {
    shopName: settings.shopName,
    locale: settings.locale,
    demo: shownMode === 'demo',
    sale: shownSale && {
      amountTiyn: shownSale.amountTiyn,
      status: shownSale.status,
      // A pay link shows as a QR too: a phone camera opens it in the Kaspi app.
      qrToken: shownSale.qrToken ?? shownSale.payLink,
      paymentMethods: shownSale.paymentMethods,
      deadline: shownSale.deadline,
      checking: saleLabel(shownSale) === 'checking',
    },
    refund: refund && { amountTiyn: refund.amountTiyn, status: refund.status, qrToken: refund.qrToken, deadline: refund.deadline },
  };
}
