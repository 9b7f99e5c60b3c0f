// A sale waiting for the customer: status, amount, QR (or the pay link), methods, time left, Cancel
// (and demo controls).
import { useEffect, useRef } from 'react';
import type { Locale, SaleView } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { Countdown } from '../components/countdown.js';
import { PaymentMethods } from '../components/payment-methods.js';
import { QrSvg } from '../components/qr-svg.js';
import { StatusText } from '../components/status-text.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';
import { useTranslate } from '../i18n/i18n.js';
import { cancelSale } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';
import { DemoPanel } from './demo-panel.js';
import { PayLink } from './pay-link.js';

interface RunningSaleProps {
  sale: SaleView;
  locale: Locale;
  demo: boolean;
}

export function RunningSale({ sale, locale, demo }: RunningSaleProps) {
  const t = useTranslate(locale);
  // The amount field (or a button pressed, now disabled) is gone: keep keyboard focus on the sale —
  // on its status, not on Cancel, which a second Enter would press.
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) statusRef.current?.focus();
  }, []);
  useFocusWhenLost(statusRef, sale.status);
  return (
    <section className="running" data-testid="sale-running" data-sale-id={sale.id}>
      <div className="running__info">
        <div role="status" aria-live="polite" ref={statusRef} tabIndex={-1} data-testid="running-status" className="running__status-box">
          <StatusText
            testId="payment-status"
            status={sale.status}
            locale={locale}
            className="running__status"
            text={sale.kind === 'link' && sale.status === 'qr_shown' ? t('sale.linkWaiting') : undefined}
          />
        </div>
        <div className="running__amount" data-testid="sale-amount">
          {formatTenge(sale.amountTiyn)}
        </div>
        {sale.description && <div className="running__description">{sale.description}</div>}
        <Countdown deadline={sale.deadline} locale={locale} testId="payment-countdown" />
        <PaymentMethods methods={sale.paymentMethods} locale={locale} testId="payment-methods" />
        <button
          type="button"
          data-testid="cancel-button"
          className="btn btn--ghost btn--lg"
          onClick={() => void cancelSale()}
        >
          {t('sale.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className={sale.kind === 'link' ? 'running__link' : 'running__qr'}>
        {sale.kind === 'link' ? (
          <PayLink link={sale.payLink} locale={locale} />
        ) : sale.qrToken ? (
          <QrSvg text={sale.qrToken} testId="payment-qr" className="qr qr--small" label="Kaspi QR" />
        ) : (
          <div className="qr-placeholder" aria-hidden="true">
            <span className="spinner" />
          </div>
        )}
      </div>
      {demo && <DemoPanel sale={sale} locale={locale} />}
    </section>
  );
}
