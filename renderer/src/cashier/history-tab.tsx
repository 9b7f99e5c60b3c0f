// Sales newest first: time (Asia/Almaty), amount, status, receipt number, note.
import { useEffect } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { StatusText } from '../components/status-text.js';
import { formatAlmatyDateTime, useTranslate } from '../i18n/i18n.js';
import { loadHistory } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';

export function HistoryTab({ locale }: { locale: Locale }) {
  const sales = useCashier((s) => s.history);
  const loading = useCashier((s) => s.historyLoading);
  const t = useTranslate(locale);

  useEffect(() => {
    void loadHistory();
  }, []);

  return (
    <section className="history" data-testid="history">
      <div className="history__bar">
        <button
          type="button"
          data-testid="history-refresh"
          className="btn btn--ghost"
          disabled={loading}
          onClick={() => void loadHistory()}
        >
          {t('history.refresh')}
        </button>
      </div>
      {sales.length === 0 ? (
        <p className="history__empty" data-testid="history-empty">
          {loading ? '…' : t('history.empty')}
        </p>
      ) : (
        <div className="history__scroll">
          <table className="history__table">
            <thead>
              <tr>
                <th scope="col">{t('history.time')}</th>
                <th scope="col" className="num">
                  {t('history.amount')}
                </th>
                <th scope="col">{t('history.status')}</th>
                <th scope="col">{t('history.order')}</th>
                <th scope="col">{t('history.description')}</th>
              </tr>
            </thead>
            <tbody>
              {sales.map((sale) => (
                <tr key={sale.id} data-testid="history-row" data-sale-id={sale.id} data-status={sale.status}>
                  <td className="history__time">
                    <time dateTime={sale.createdAt}>{formatAlmatyDateTime(locale, sale.createdAt)}</time>
                  </td>
                  <td className="num history__amount">{formatTenge(sale.amountTiyn)}</td>
                  <td>
                    <StatusText status={sale.status} locale={locale} />
                  </td>
                  <td className="history__order">{sale.orderNumber ?? '—'}</td>
                  <td className="history__description">{sale.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
