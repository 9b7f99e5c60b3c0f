// The buyer's side of an r2 refund: the refund QR to scan in the Kaspi app with the amount and the
// time left, then "being refunded", then "Refund completed". Failed or cancelled refunds are not
// shown: the display goes back to the sale (or the welcome).
import { showsRefund as shownRefund, type CustomerRefund } from '../../../shared/customer-refund.js';
import type { CustomerView, Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { Countdown } from '../components/countdown.js';
import { QrSvg } from '../components/qr-svg.js';
import type { Translate } from '../i18n/i18n.js';

export type { CustomerRefund };

/** Whether the display shows the refund instead of the sale. */
export function showsRefund(refund: CustomerView['refund']): refund is CustomerRefund {
  return shownRefund(refund);
}

export function RefundScreen({ refund, locale, t }: { refund: CustomerRefund; locale: Locale; t: Translate }) {
  const amount = formatTenge(refund.amountTiyn);

  if (refund.status === 'done') {
    return (
      <section className="customer__outcome customer__outcome--paid" data-testid="customer-refund" data-status={refund.status}>
        <div className="customer__mark" aria-hidden="true">
          ✓
        </div>
        <h1 className="customer__thanks customer__thanks--refund" data-testid="customer-refund-done" role="status">
          {t('customer.refundDone')}
        </h1>
        <div className="customer__amount customer__amount--small" data-testid="customer-refund-amount">
          {amount}
        </div>
      </section>
    );
  }
  if (refund.status === 'qr_shown' && refund.qrToken) {
    return (
      <section className="customer__pay customer__pay--refund" data-testid="customer-refund" data-status={refund.status}>
        <div className="customer__qr-box">
          <QrSvg text={refund.qrToken} testId="customer-refund-qr" className="qr qr--customer" label="Kaspi QR" />
        </div>
        <div className="customer__info">
          <div className="customer__to-pay">{t('customer.refundTitle')}</div>
          <div className="customer__amount" data-testid="customer-refund-amount" data-long={amount.length > 12 || undefined}>
            {amount}
          </div>
          <div className="customer__prompt" role="status" aria-live="polite">
            <span className="status status--qr_shown" data-testid="customer-refund-status" data-status={refund.status}>
              {t('customer.refundPrompt', { amount })}
            </span>
          </div>
          <Countdown deadline={refund.deadline} locale={locale} testId="customer-refund-countdown" className="customer__countdown" />
        </div>
      </section>
    );
  }
  return (
    <section className="customer__outcome" data-testid="customer-refund" data-status={refund.status}>
      <span className="spinner customer__spinner" aria-hidden="true" />
      <div className="customer__outcome-text" role="status">
        <span className="status status--scanned" data-testid="customer-refund-status" data-status={refund.status}>
          {t('customer.refundProcessing', { amount })}
        </span>
      </div>
    </section>
  );
}
