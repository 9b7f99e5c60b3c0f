// The screen facing the buyer: shop name, then welcome, the amount with a large QR, or the outcome;
// during an r2 refund, the refund QR. It knows only CustomerView (customer.view + customer.updated)
// and never calls cashier channels.
import { useEffect } from 'react';
import type { CustomerView, Locale } from '../../../shared/domain.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { formatTenge } from '../../../shared/money.js';
import { Countdown } from '../components/countdown.js';
import { PaymentMethods } from '../components/payment-methods.js';
import { QrSvg } from '../components/qr-svg.js';
import { StatusText } from '../components/status-text.js';
import { useDocumentLocale, useTranslate, type Translate } from '../i18n/i18n.js';
import { startCustomerSession, useCustomer } from '../state/customer-store.js';
import { RefundScreen, showsRefund } from './refund-screen.js';

type CustomerSale = NonNullable<CustomerView['sale']>;

/** A pay link (a URL) rather than a Kaspi QR token: a phone camera opens it. */
function isLink(token: string | null): boolean {
  return token !== null && /^https?:\/\//i.test(token);
}

/** What the buyer is told for each status (their words, not the cashier's). */
function promptKey(sale: CustomerSale, link: 'qr' | 'link' | 'sent'): string {
  const { status } = sale;
  if (link === 'sent' && (status === 'qr_shown' || status === 'scanned')) return 'customer.linkSent';
  if (sale.checking) return 'customer.checking'; // the buyer may well have paid: no "failed" to them
  switch (status) {
    case 'qr_shown':
      return link === 'link' ? 'customer.linkPrompt' : 'customer.scanPrompt';
    case 'scanned':
      return 'customer.confirmPrompt';
    case 'paid':
      return 'customer.paid';
    case 'cancelled': // the cashier stopped it (a wrong amount, say): nothing failed
      return 'customer.cancelled';
    case 'failed':
    case 'expired':
    case 'unknown': // Kaspi's answer to the QR was lost: no QR reached this screen, nothing to pay here
      return 'customer.failed';
    default:
      return `status.${status}`;
  }
}

function SaleScreen({ sale, locale, t }: { sale: CustomerSale; locale: Locale; t: Translate }) {
  const waiting = sale.status === 'qr_shown' || sale.status === 'scanned';
  // A pay-link sale: the view carries the link as its token (shown as a QR a phone can open), or no token at all.
  const link = isLink(sale.qrToken);
  const linkSent = waiting && sale.qrToken === null;
  const status = (
    <StatusText
      testId="customer-status"
      status={sale.status}
      locale={locale}
      text={t(promptKey(sale, linkSent ? 'sent' : link ? 'link' : 'qr'))}
    />
  );

  if (sale.status === 'paid') {
    return (
      <section className="customer__outcome customer__outcome--paid">
        <div className="customer__mark" aria-hidden="true">
          ✓
        </div>
        <h1 className="customer__thanks" data-testid="customer-thanks">
          {t('customer.thanks')}
        </h1>
        <div className="customer__outcome-text" role="status">
          {status}
        </div>
        <div className="customer__amount customer__amount--small" data-testid="customer-amount">
          {formatTenge(sale.amountTiyn)}
        </div>
      </section>
    );
  }
  if (sale.status === 'failed' || sale.status === 'expired' || sale.status === 'cancelled' || sale.status === 'unknown') {
    const tone = sale.checking ? 'checking' : sale.status === 'cancelled' ? 'cancelled' : 'failed';
    return (
      <section className={`customer__outcome customer__outcome--${tone}`} data-testid="customer-outcome" data-tone={tone}>
        <div className="customer__mark" aria-hidden="true">
          {tone === 'failed' ? '!' : tone === 'checking' ? '…' : '×'}
        </div>
        <div className="customer__outcome-text" role="status">
          {status}
        </div>
      </section>
    );
  }
  const amount = formatTenge(sale.amountTiyn);
  const showQr = sale.qrToken !== null && waiting;
  return (
    <section className="customer__pay" data-testid="customer-pay" data-kind={linkSent ? 'link-sent' : link ? 'link' : 'qr'}>
      {!linkSent && (
        <div className="customer__qr-box">
          {showQr && sale.qrToken ? (
            <QrSvg text={sale.qrToken} testId="customer-qr" className="qr qr--customer" label={link ? t('customer.linkQrLabel') : 'Kaspi QR'} />
          ) : (
            <div className="qr-placeholder qr--customer" aria-hidden="true">
              <span className="spinner" />
            </div>
          )}
        </div>
      )}
      <div className="customer__info">
        <div className="customer__to-pay">{t('customer.toPay')}</div>
        <div className="customer__amount" data-testid="customer-amount" data-long={amount.length > 12 || undefined}>
          {amount}
        </div>
        <div className="customer__prompt" role="status" aria-live="polite">
          {status}
        </div>
        <PaymentMethods methods={sale.paymentMethods} locale={locale} testId="customer-methods" showTitle={false} />
        <Countdown deadline={sale.deadline} locale={locale} testId="customer-countdown" className="customer__countdown" />
      </div>
    </section>
  );
}

export function CustomerDisplay() {
  useEffect(() => startCustomerSession(), []);
  const view = useCustomer((s) => s.view);
  const errorCode = useCustomer((s) => s.errorCode);
  const linkDown = useCustomer((s) => s.linkDown);
  const locale = view?.locale ?? 'ru';
  const t = useTranslate(locale);
  useDocumentLocale(locale, view?.shopName || t('app.title'));

  let body;
  if (linkDown) {
    // Kassa is gone: a QR left up here would be scanned with no till watching it
    body = (
      <p className="customer__error" data-testid="customer-link-down" role="alert">
        {t('customer.linkDown')}
      </p>
    );
  } else if (!view) {
    body = errorCode ? (
      <p className="customer__error" data-testid="error-message" role="alert">
        {errorMessage(locale, errorCode)}
      </p>
    ) : null;
  } else if (showsRefund(view.refund)) {
    body = <RefundScreen refund={view.refund} locale={locale} t={t} />;
  } else if (!view.sale) {
    body = (
      <h1 className="customer__welcome" data-testid="customer-welcome">
        {t('customer.welcome')}
      </h1>
    );
  } else {
    body = <SaleScreen sale={view.sale} locale={locale} t={t} />;
  }

  return (
    <div className="customer" data-testid="customer-display" data-locale={locale}>
      {view?.demo && (
        <div className="demo-banner customer__demo" data-testid="customer-demo-banner" role="note">
          {t('customer.demoBanner')}
        </div>
      )}
      <header className="customer__shop" data-testid="customer-shop">
        {view?.shopName}
      </header>
      <main className="customer__body">{body}</main>
    </div>
  );
}
