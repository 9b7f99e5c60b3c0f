// The Reconciliation tab («Сверка»): a period of Almaty days (default: this month), then both legs —
// till ↔ Kaspi sales report, and the report's net per settlement day ↔ bank credits — each with
// its CSV / XLSX export. Runs by itself the first time the tab opens.
import { useEffect, useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { errorMessage, translate } from '../../../shared/i18n/messages.js';
import { DayInput } from '../components/day-input.js';
import { formatTenge } from '../../../shared/money.js';
import { formatCount, formatDay, useTranslate } from '../i18n/i18n.js';
import { reconcileOnOpen, runReconcile, setPeriod } from '../state/reconcile-actions.js';
import { currentMonth, useReconcile } from '../state/reconcile-store.js';
import { ReconcileDays } from './reconcile-days.js';
import { ReconcilePairs } from './reconcile-pairs.js';
import { SoftButton } from '../components/soft-button.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';

/** The month before the one `from` is in. */
function previousMonth(): { from: string; to: string } {
  const { from } = currentMonth();
  const [year, month] = from.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month - 1, 0));
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  return { from: ymd(new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 1))), to: ymd(last) };
}

function MessageLine({ locale }: { locale: Locale }) {
  const message = useReconcile((s) => s.message);
  const view = useReconcile((s) => s.view);
  const line = useRef<HTMLParagraphElement>(null);
  // marking the last open pair takes its button away with the figures read again after it: the
  // keyboard user goes on from what was done, not from the page
  useFocusWhenLost(line, message ? view : null);
  if (!message) return null;
  const ok = message.kind === 'ok';
  const text = message.kind === 'api' ? errorMessage(locale, message.code, message.params) : translate(locale, message.key, message.params);
  return (
    <p
      ref={line}
      tabIndex={-1}
      className={`feedback feedback--${ok ? 'ok' : 'error'}`}
      data-testid="reconcile-message"
      data-ok={ok}
      data-code={message.kind === 'api' ? message.code : message.key}
      role={ok ? 'status' : 'alert'}
    >
      {text}
    </p>
  );
}

export function ReconcileTab({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const from = useReconcile((s) => s.from);
  const to = useReconcile((s) => s.to);
  const view = useReconcile((s) => s.view);
  const running = useReconcile((s) => s.running);
  // Imports, undos and sales change what is reconciled: the figures are read again each time the tab opens.
  useEffect(() => {
    void reconcileOnOpen();
  }, []);

  function runFor(period: { from: string; to: string }): void {
    setPeriod(period);
    void runReconcile();
  }

  return (
    <section className="reconcile" data-testid="reconcile" aria-busy={running}>
      <form
        className="import-card reconcile-period"
        // Kassa says what is wrong with a day, in the till's language: not the browser's "Please fill out this field"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void runReconcile();
        }}
      >
        <label className="field">
          <span className="field__label">{t('reconcile.from')}</span>
          <DayInput value={from} onDay={(day) => setPeriod({ from: day })} placeholder={t('reconcile.dayPlaceholder')} testId="reconcile-from" invalidText={t('reconcile.noSuchDay')} />
        </label>
        <label className="field">
          <span className="field__label">{t('reconcile.to')}</span>
          <DayInput value={to} onDay={(day) => setPeriod({ to: day })} placeholder={t('reconcile.dayPlaceholder')} testId="reconcile-to" invalidText={t('reconcile.noSuchDay')} />
        </label>
        <SoftButton type="submit" className="btn btn--primary" data-testid="reconcile-run" unavailable={running}>
          {running ? t('reconcile.running') : t('reconcile.run')}
        </SoftButton>
        <div className="reconcile-period__quick">
          <button type="button" className="btn btn--ghost btn--small" data-testid="reconcile-this-month" onClick={() => runFor(currentMonth())}>
            {t('reconcile.thisMonth')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" data-testid="reconcile-last-month" onClick={() => runFor(previousMonth())}>
            {t('reconcile.lastMonth')}
          </button>
        </div>
      </form>
      <MessageLine locale={locale} />
      {view && (
        <>
          {/* a live region: a run that finished is said with its headline figures, not only seen */}
          <p className="hint reconcile-shown" data-testid="reconcile-period" data-from={view.from} data-to={view.to} role="status">
            {t('reconcile.shownPeriod', { from: formatDay(locale, view.from), to: formatDay(locale, view.to) })}
            <span className="visually-hidden">
              {' '}
              {t('reconcile.shownSummary', {
                pairs: formatCount(Object.values(view.tillVsReport.counts).reduce((sum, n) => sum + n, 0)),
                tillDifference: formatTenge(view.tillVsReport.reportTotalTiyn - view.tillVsReport.tillTotalTiyn),
                bankDifference: formatTenge(view.reportVsBank.differenceTiyn),
              })}
            </span>
          </p>
          <ReconcilePairs view={view} locale={locale} />
          <ReconcileDays view={view} locale={locale} />
        </>
      )}
    </section>
  );
}
