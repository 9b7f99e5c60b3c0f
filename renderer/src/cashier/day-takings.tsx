// The takings of the day History shows, for the end-of-day check: paid sales, refunds done that day
// (each listed with the sale it gave back, which may be of another day), and what is left; sales of
// the other mode that day are named, not counted.
import type { DaySummary, Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { formatAlmatyDateTime, formatAlmatyTime, formatCount, formatDay, useTranslate } from '../i18n/i18n.js';

export function DayTakings({ summary, locale }: { summary: DaySummary; locale: Locale }) {
  const t = useTranslate(locale);
  const { paid, refunded, otherModeSales, mode } = summary;
  return (
    <div className="history__takings" data-testid="history-takings" data-day={summary.day} data-paid-tiyn={paid.tiyn} data-refunded-tiyn={refunded.tiyn} role="status">
      <span>{t('history.dayPaid', { count: formatCount(paid.count), amount: formatTenge(paid.tiyn) })}</span>
      <span>{t('history.dayRefunded', { count: formatCount(refunded.count), amount: formatTenge(refunded.tiyn) })}</span>
      <strong data-testid="history-net">{t('history.dayNet', { day: formatDay(locale, summary.day), amount: formatTenge(paid.tiyn - refunded.tiyn) })}</strong>
      {otherModeSales > 0 && (
        <span className="history__other-mode" data-testid="history-other-mode">
          {t(mode === 'live' ? 'history.otherMode.demo' : 'history.otherMode.live', { count: formatCount(otherModeSales) })}
        </span>
      )}
      {summary.refunds.length > 0 && (
        // the refunds counted above, each with its sale: a sale of another day is found by its number and day
        <ul className="history__day-refunds" data-testid="history-day-refunds" aria-label={t('history.dayRefundsLabel')}>
          {summary.refunds.map((refund) => (
            <li key={refund.id} data-testid="history-day-refund" data-sale-id={refund.saleId} data-tiyn={refund.amountTiyn}>
              {t('history.dayRefund', {
                time: formatAlmatyTime(locale, refund.sentAt),
                amount: formatTenge(-refund.amountTiyn),
                order: refund.orderNumber ?? '—',
                saleDay: formatAlmatyDateTime(locale, refund.saleCreatedAt),
              })}
            </li>
          ))}
          {refunded.count > summary.refunds.length && <li>{t('history.dayRefundsMore', { count: formatCount(refunded.count - summary.refunds.length) })}</li>}
        </ul>
      )}
    </div>
  );
}
