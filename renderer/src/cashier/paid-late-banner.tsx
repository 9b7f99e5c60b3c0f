// Over every tab: a sale the cashier cancelled or gave up was paid by the buyer after all. It stays
// until a cashier acknowledges it (another sale running, a restart), so nobody asks that buyer again.
import type { Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { formatAlmatyMoment, useTranslate } from '../i18n/i18n.js';
import { acknowledgePaidLate } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';

export function PaidLateBanner({ locale }: { locale: Locale }) {
  const sales = useCashier((s) => s.paidLate);
  const t = useTranslate(locale);
  return sales.map((sale) => (
    <div key={sale.id} className="connection-banner" data-testid="paid-late" data-sale={sale.id} role="alert">
      {t('paidLate.text', { amount: formatTenge(sale.amountTiyn), time: formatAlmatyMoment(locale, sale.createdAt), order: sale.orderNumber ?? '—' })}{' '}
      <button type="button" className="btn btn--ghost" data-testid="paid-late-ack" onClick={() => void acknowledgePaidLate(sale.id)}>
        {t('paidLate.ack')}
      </button>
    </div>
  ));
}
