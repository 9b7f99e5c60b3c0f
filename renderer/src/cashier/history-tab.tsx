// Sales newest first: time (Asia/Almaty), amount (and what was refunded), status, receipt number,
// note; a paid sale opens its refund panel under its row. One Almaty day at a time (today unless
// another is picked, or every day), with that day's takings above, a page of sales at a time.
import { Fragment, useEffect, useRef, useState } from 'react';
import { toAlmatyIso } from '../../../shared/almaty-time.js';
import type { Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { saleLabel } from '../../../shared/sale-label.js';
import { StatusText } from '../components/status-text.js';
import { formatAlmatyDateTime, useTranslate } from '../i18n/i18n.js';
import { loadHistory, loadMoreHistory, showHistoryDay } from '../state/history-actions.js';
import { useCashier } from '../state/cashier-store.js';
import { closeRefund, openRefund } from '../state/refund-actions.js';
import { useRefund } from '../state/refund-store.js';
import { RefundPanel } from './refund-panel.js';
import { TableHead } from '../components/table-head.js';
import { DayInput } from '../components/day-input.js';
import { DayTakings } from './day-takings.js';
import { SoftButton } from '../components/soft-button.js';

const COLUMNS = 6;
/** How often History's "today" checks whether the Almaty day has changed. */
const DAY_CHECK_MS = 60_000;

export function HistoryTab({ locale }: { locale: Locale }) {
  const sales = useCashier((s) => s.history);
  const loading = useCashier((s) => s.historyLoading);
  const day = useCashier((s) => s.historyDay);
  const summary = useCashier((s) => s.daySummary);
  const more = useCashier((s) => s.historyMore);
  const moreLoading = useCashier((s) => s.historyMoreLoading);
  const shownDay = day === '' ? '' : (summary?.day ?? day ?? '');
  const [clears, setClears] = useState(0);
  const refundSaleId = useRefund((s) => s.saleId);
  const tillMode = useCashier((s) => s.settings?.mode);
  const t = useTranslate(locale);

  useEffect(() => {
    void loadHistory();
  }, []);

  // The refund panel closed (its Close pressed): focus goes back to the Refund button of its row.
  const refundButtons = useRef(new Map<string, HTMLButtonElement>());
  const openedFor = useRef<string | null>(null);
  useEffect(() => {
    const was = openedFor.current;
    openedFor.current = refundSaleId;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (was !== null && refundSaleId === null && lost) refundButtons.current.get(was)?.focus();
  }, [refundSaleId]);

  // "Today" left on screen past midnight turns into the new day by itself: checked every minute (a
  // single timer to midnight would fire late after the computer slept, and never again if main was
  // a moment behind), read again once the Almaty day is another than the one shown.
  const todayShown = day === null ? (summary?.day ?? null) : null;
  useEffect(() => {
    if (todayShown === null) return;
    const timer = setInterval(() => {
      if (toAlmatyIso(Date.now()).slice(0, 10) !== todayShown) void loadHistory();
    }, DAY_CHECK_MS);
    return () => clearInterval(timer);
  }, [todayShown]);

  return (
    <section className="history" data-testid="history">
      <div className="history__bar">
        <label className="field history__day">
          <span className="field__label">{t('history.day')}</span>
          <DayInput
            key={clears /* "All days" empties the field; a day typed in keeps it (and its focus) */}
            value={shownDay}
            onDay={(picked) => picked !== '' && picked !== shownDay && void showHistoryDay(picked)}
            placeholder={t('reconcile.dayPlaceholder')}
            testId="history-day"
            invalidText={t('reconcile.noSuchDay')}
            optional
          />
        </label>
        <button type="button" data-testid="history-today" className="btn btn--ghost" aria-pressed={day === null} onClick={() => void showHistoryDay(null)}>
          {t('history.today')}
        </button>
        <button
          type="button"
          data-testid="history-all-days"
          className="btn btn--ghost"
          aria-pressed={day === ''}
          onClick={() => {
            setClears((n) => n + 1);
            void showHistoryDay('');
          }}
        >
          {t('history.allDays')}
        </button>
        <SoftButton data-testid="history-refresh" className="btn btn--ghost history__refresh" unavailable={loading} onClick={() => void loadHistory()}>
          {t('history.refresh')}
        </SoftButton>
      </div>
      {summary && <DayTakings summary={summary} locale={locale} />}
      {sales.length === 0 ? (
        <p className="history__empty" data-testid="history-empty">
          {loading ? '…' : t(day === '' ? 'history.empty' : 'history.emptyDay')}
        </p>
      ) : (
        <div className="history__scroll">
          <table className="history__table">
            <TableHead
              columns={[
                { label: t('history.time') },
                { label: t('history.amount'), num: true },
                { label: t('history.status') },
                { label: t('history.order') },
                { label: t('history.description') },
                { label: t('refund.action'), hidden: true },
              ]}
            />
            <tbody>
              {sales.map((sale) => (
                <Fragment key={sale.id}>
                  <tr
                    data-testid="history-row"
                    data-sale-id={sale.id}
                    data-status={sale.status}
                    data-mode={sale.mode}
                    className={refundSaleId === sale.id ? 'history__row--open' : undefined}
                  >
                    <td className="history__time">
                      <time dateTime={sale.createdAt}>{formatAlmatyDateTime(locale, sale.createdAt)}</time>
                    </td>
                    <td className="num history__amount">
                      {formatTenge(sale.amountTiyn)}
                      {sale.refundedTiyn > 0 && (
                        <span className="history__refunded" data-testid="history-refunded" data-tiyn={sale.refundedTiyn}>
                          {t('history.refunded', { amount: formatTenge(sale.refundedTiyn) })}
                        </span>
                      )}
                    </td>
                    <td>
                      <StatusText status={sale.status} label={saleLabel(sale)} locale={locale} />
                      {sale.refundAwaitingVerdict && (
                        // what keeps the Kaspi connection from being changed: the manager finds it here
                        <span className="pill pill--amount_differs history__mode" data-testid="history-refund-awaiting">
                          {t('history.refundAwaiting')}
                        </span>
                      )}
                      {sale.refundToReview && (
                        // a refund marked "not applied" that Kaspi then showed: the buyer may be refunded twice
                        <span className="pill pill--amount_differs history__mode" data-testid="history-refund-review">
                          {t('history.refundReview')}
                        </span>
                      )}
                      {tillMode !== undefined && sale.mode !== tillMode && (
                        // a sale of the other mode is told apart: a live one is real money even while the till plays demo
                        <span className={`pill pill--mode-${sale.mode} history__mode`} data-testid="history-mode" data-mode={sale.mode}>
                          {t(`history.mode.${sale.mode}`)}
                        </span>
                      )}
                    </td>
                    <td className="history__order">{sale.orderNumber ?? '—'}</td>
                    <td className="history__description">{sale.description ?? ''}</td>
                    <td className="history__actions">
                      {sale.status === 'paid' && (sale.refundedTiyn < sale.amountTiyn || refundSaleId === sale.id) && (
                        <button
                          ref={(button) => {
                            if (button) refundButtons.current.set(sale.id, button);
                            else refundButtons.current.delete(sale.id);
                          }}
                          type="button"
                          data-testid="refund-button"
                          className="btn btn--ghost btn--small"
                          aria-expanded={refundSaleId === sale.id}
                          aria-label={t('refund.actionLabel', { amount: formatTenge(sale.amountTiyn), order: sale.orderNumber ?? '—' })}
                          onClick={() => (refundSaleId === sale.id ? closeRefund() : openRefund(sale))}
                        >
                          {t('refund.action')}
                        </button>
                      )}
                    </td>
                  </tr>
                  {refundSaleId === sale.id && (
                    <tr className="history__panel-row">
                      <td colSpan={COLUMNS}>
                        <RefundPanel sale={sale} locale={locale} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {more && (
            <SoftButton data-testid="history-more" className="btn btn--ghost history__more" unavailable={moreLoading} onClick={() => void loadMoreHistory()}>
              {t('history.more')}
            </SoftButton>
          )}
        </div>
      )}
    </section>
  );
}
