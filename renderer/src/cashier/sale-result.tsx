// A finished sale: "Paid" with the receipt number, or the translated reason with Retry / New sale.
import { useId } from 'react';
import type { Locale, SaleView } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { saleLabel } from '../../../shared/sale-label.js';
import { StatusText } from '../components/status-text.js';
import { useTranslate } from '../i18n/i18n.js';
import { saleErrorText } from '../i18n/reason-text.js';
import { newSale, retrySale } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';

interface SaleResultProps {
  sale: SaleView;
  locale: Locale;
}

export function SaleResult({ sale, locale }: SaleResultProps) {
  const busy = useCashier((s) => s.busy);
  const t = useTranslate(locale);
  const paid = sale.status === 'paid';
  // "Being checked" is no failure yet (amber, not red): the buyer may have paid while Kaspi was silent.
  const label = saleLabel(sale);
  const unsure = label === 'checking' || label === 'unresolved';
  // Safe for "unknown" too: its QR never reached a screen, so the first purchase cannot be paid. Not
  // offered when Kaspi went silent at the deadline: the buyer may have paid the first QR.
  const canRetry = !paid && sale.errorCode !== 'kaspi_no_answer' && sale.errorCode !== 'kaspi_no_final';
  // Focus lands on "New sale": its description carries the outcome, so a screen reader says whether
  // the money came in (a status region mounted with its text already in it is not announced).
  const ids = useId();
  const described = [`${ids}-status`, `${ids}-amount`, paid && sale.orderNumber !== null && `${ids}-order`, !paid && sale.errorCode && `${ids}-reason`]
    .filter(Boolean)
    .join(' ');

  return (
    <section className={`result result--${paid ? 'paid' : unsure ? 'checking' : 'problem'}`} data-testid="sale-result" data-sale-id={sale.id}>
      <div className="result__mark" aria-hidden="true">
        {paid ? '✓' : unsure ? '?' : '!'}
      </div>
      <div role="status" aria-live="polite" id={`${ids}-status`}>
        <StatusText testId="payment-status" status={sale.status} label={label} locale={locale} className="result__status" />
      </div>
      <div className="result__amount" data-testid="sale-amount" id={`${ids}-amount`}>
        {formatTenge(sale.amountTiyn)}
      </div>
      {paid && sale.orderNumber !== null && (
        <div className="result__order" data-testid="order-number" data-order={sale.orderNumber} id={`${ids}-order`}>
          {t('sale.orderNumber', { number: sale.orderNumber })}
        </div>
      )}
      {!paid && sale.errorCode && (
        <p className="result__reason" data-testid="sale-error" data-code={sale.errorCode} id={`${ids}-reason`}>
          {saleErrorText(locale, { errorCode: sale.errorCode, kaspiStatus: sale.kaspiStatus, kind: sale.kind })}
        </p>
      )}
      <div className="result__actions">
        {canRetry && (
          <button
            type="button"
            data-testid="retry-button"
            className="btn btn--ghost btn--lg"
            disabled={busy}
            onClick={() => void retrySale()}
          >
            {t('sale.retry')}
          </button>
        )}
        <button
          type="button"
          data-testid="new-sale-button"
          className="btn btn--primary btn--lg"
          autoFocus
          aria-describedby={described}
          onClick={newSale}
        >
          {t('sale.newSale')} <kbd>Enter</kbd>
        </button>
      </div>
    </section>
  );
}
