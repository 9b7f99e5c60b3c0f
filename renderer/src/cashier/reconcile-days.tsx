// Leg 2: the Kaspi report's net per settlement day ↔ what the bank statement credited from Kaspi.
import type { Locale } from '../../../shared/domain.js';
import type { ReconcileView } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';
import { dayStatus, daysWithoutStatement } from '../../../shared/reconcile-notes.js';
import { formatCount, formatDay, useTranslate } from '../i18n/i18n.js';
import { ReconcileExport } from './reconcile-export.js';
import { TableHead } from '../components/table-head.js';

type Day = ReconcileView['reportVsBank']['days'][number];

const refundsOnly = (day: Day) => dayStatus(day) === 'refunds';

export function ReconcileDays({ view, locale }: { view: ReconcileView; locale: Locale }) {
  const t = useTranslate(locale);
  const leg = view.reportVsBank;
  const unmatched = leg.days.filter((d) => !d.matched).length;
  const refundsToTakeBack = leg.days.filter(refundsOnly).reduce((sum, d) => sum + d.reportNetTiyn, 0);
  const withoutStatement = daysWithoutStatement(leg);
  return (
    <section className="import-card reconcile-leg" data-testid="reconcile-report-bank" aria-labelledby="reconcile-leg2-title">
      <div className="import-card__bar">
        <h2 id="reconcile-leg2-title" className="import-card__title">
          {t('reconcile.leg2')}
        </h2>
        <ReconcileExport leg="report-bank" locale={locale} />
      </div>
      <p className="hint">{t('reconcile.leg2Hint')}</p>
      {leg.unsettled.rows > 0 && (
        <p className="hint" data-testid="reconcile-unsettled" data-rows={leg.unsettled.rows}>
          {t('reconcile.unsettled', { rows: formatCount(leg.unsettled.rows), amount: formatTenge(leg.unsettled.netTiyn) })}
        </p>
      )}
      {leg.days.length === 0 ? (
        <p className="hint" data-testid="reconcile-days-empty">
          {t('reconcile.noDays')}
        </p>
      ) : (
        <div className="table-scroll table-scroll--tall">
          <table className="data-table" data-testid="reconcile-days" data-unmatched={unmatched}>
            <TableHead
              columns={[
                { label: t('reconcile.col.settlementDay') },
                { label: t('reconcile.col.reportNet'), num: true },
                { label: t('reconcile.col.bankCredit'), num: true },
                { label: t('reconcile.col.bankDifference'), num: true },
                { label: t('history.status') },
              ]}
            />
            <tbody>
              {leg.days.map((day) => (
                <tr key={day.date} data-testid="reconcile-day" data-date={day.date} data-matched={day.matched} data-tiyn={day.differenceTiyn}>
                  <td className="nowrap">{formatDay(locale, day.date)}</td>
                  <td className="num nowrap">{formatTenge(day.reportNetTiyn)}</td>
                  <td className="num nowrap">{formatTenge(day.bankCreditTiyn)}</td>
                  <td className={`num nowrap${day.differenceTiyn !== 0 ? ' amount--difference' : ''}`}>{formatTenge(day.differenceTiyn)}</td>
                  <td>
                    {dayStatus(day) === 'no_statement' ? (
                      <span className="pill pill--muted" data-testid="reconcile-day-no-statement" title={t('reconcile.dayNoStatementHint')}>
                        {t('reconcile.dayNoStatement')}
                      </span>
                    ) : refundsOnly(day) ? (
                      <span className="pill pill--only_report" data-testid="reconcile-day-refunds" title={t('reconcile.dayRefundsHint')}>
                        {t('reconcile.dayRefunds')}
                      </span>
                    ) : (
                      <span className={`pill pill--${day.matched ? 'matched' : 'amount_differs'}`}>{t(day.matched ? 'reconcile.dayMatched' : 'reconcile.dayDiffers')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('reconcile.total')}</th>
                <td className="num nowrap" data-testid="reconcile-report-net-total" data-tiyn={leg.reportNetTotalTiyn}>
                  {formatTenge(leg.reportNetTotalTiyn)}
                </td>
                <td className="num nowrap" data-testid="reconcile-bank-total" data-tiyn={leg.bankCreditTotalTiyn}>
                  {formatTenge(leg.bankCreditTotalTiyn)}
                </td>
                <td className="num nowrap" />
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p
        className={`reconcile-difference reconcile-difference--${leg.differenceTiyn === 0 ? 'ok' : 'bad'}`}
        data-testid="reconcile-difference"
        data-tiyn={leg.differenceTiyn}
      >
        {t('reconcile.difference')}: <strong>{formatTenge(leg.differenceTiyn)}</strong>
        {leg.differenceTiyn === 0 ? ` — ${t('reconcile.differenceNone')}` : ''}
      </p>
      {withoutStatement.days > 0 && (
        <p className="hint" data-testid="reconcile-no-statement" data-days={withoutStatement.days}>
          {t('reconcile.noStatementDays', { days: formatCount(withoutStatement.days), amount: formatTenge(withoutStatement.reportNetTiyn) })}
        </p>
      )}
      {refundsToTakeBack !== 0 && (
        <p className="hint" data-testid="reconcile-refunds-to-take-back" data-tiyn={refundsToTakeBack}>
          {t('reconcile.refundsToTakeBack', { amount: formatTenge(-refundsToTakeBack) })}
        </p>
      )}
    </section>
  );
}
