// Leg 1: the till's paid sales ↔ the Kaspi sales report's purchases. Counts per status (each one a
// filter), totals, the pairs (problems first, as main lists them), and matched pairs ticked and
// marked as reconciled.
import { useMemo, useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { reconcileStatuses, type ReconcileView } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';
import { formatAlmatyDateTime, formatCount, useTranslate, type Translate } from '../i18n/i18n.js';
import { holdsFilter, markSelected, selectAllMatched, setFilter, setIncludeDemo, showMore, toggleSelected, unmarkPair } from '../state/reconcile-actions.js';
import { isMarkable, useReconcile, type PairFilter } from '../state/reconcile-store.js';
import { ReconcileExport } from './reconcile-export.js';
import { TableHead } from '../components/table-head.js';
import { acrossEdgeTiyn } from '../../../shared/reconcile-notes.js';
import { SoftButton } from '../components/soft-button.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';

type Pair = ReconcileView['tillVsReport']['pairs'][number];

const money = (tiyn: number | null) => (tiyn === null ? '—' : formatTenge(tiyn));

function StatusFilters({ view, t }: { view: ReconcileView; t: Translate }) {
  const filter = useReconcile((s) => s.filter);
  const leg = view.tillVsReport;
  const all = reconcileStatuses.reduce((n, s) => n + (leg.counts[s] ?? 0), 0);
  const options: PairFilter[] = ['all', ...reconcileStatuses];
  return (
    <div className="reconcile-filters" role="group" aria-label={t('reconcile.filter')} data-testid="reconcile-filter" data-filter={filter}>
      {options.map((option) => {
        const count = option === 'all' ? all : (leg.counts[option] ?? 0);
        const sums = option === 'all' ? null : leg.sums[option];
        return (
          <button
            key={option}
            type="button"
            className={`reconcile-filter reconcile-filter--${option}${filter === option ? ' reconcile-filter--on' : ''}`}
            data-testid={`reconcile-filter-${option}`}
            data-count={count}
            aria-pressed={filter === option}
            onClick={() => setFilter(option)}
          >
            <span className="reconcile-filter__label">{t(`reconcile.status.${option}`)}</span>
            <span className="reconcile-filter__count" data-testid="reconcile-count" data-status={option}>
              {formatCount(count)}
            </span>
            {sums && (
              <span className="reconcile-filter__sums">
                {option !== 'only_report' && t('reconcile.tillSum', { amount: formatTenge(sums?.tillTiyn ?? 0) })}
                {option === 'amount_differs' && ' · '}
                {option !== 'only_till' && option !== 'matched' && t('reconcile.reportSum', { amount: formatTenge(sums?.reportTiyn ?? 0) })}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

/** Demo sales are left out unless asked for: said when there are any, with the switch. */
function DemoScope({ leftOut, t }: { leftOut: number; t: Translate }) {
  const includeDemo = useReconcile((s) => s.includeDemo);
  if (!includeDemo && leftOut === 0) return null;
  return (
    <div className="reconcile-demo" data-testid="reconcile-demo" data-left-out={leftOut}>
      {leftOut > 0 && <p className="hint">{t('reconcile.demoLeftOut', { count: formatCount(leftOut) })}</p>}
      <label className="checkbox">
        <input type="checkbox" data-testid="reconcile-include-demo" checked={includeDemo} onChange={(event) => setIncludeDemo(event.target.checked)} />
        <span>{t('reconcile.includeDemo')}</span>
      </label>
    </div>
  );
}

function PairRow({ pair, selected, locale, t }: { pair: Pair; selected: boolean; locale: Locale; t: Translate }) {
  const markable = isMarkable(pair);
  const difference = pair.tillTiyn !== null && pair.reportTiyn !== null ? pair.reportTiyn - pair.tillTiyn : null;
  const who = pair.purchaseId ?? pair.saleId ?? pair.id;
  // "Take the mark off" is gone once pressed: the pair's checkbox, back in its place, takes the focus.
  const pick = useRef<HTMLInputElement>(null);
  useFocusWhenLost(pick, markable ? 'open' : null);
  return (
    <tr data-testid="reconcile-pair" data-kind={pair.kind} data-status={pair.status} data-pair-id={pair.id} data-reconciled={pair.reconciled}>
      <td className="reconcile-pairs__pick">
        {markable ? (
          <input
            ref={pick}
            type="checkbox"
            data-testid="reconcile-pair-select"
            checked={selected}
            aria-label={t('reconcile.select', { id: who })}
            onChange={(event) => toggleSelected(pair.id, event.target.checked)}
          />
        ) : null}
      </td>
      <td>
        <span className={`pill pill--${pair.status}`}>{t(`reconcile.status.${pair.status}`)}</span>
        {pair.reconciled && (
          <>
            <span className="pill pill--ok reconcile-pairs__refund" data-testid="reconcile-pair-reconciled">
              {t('reconcile.reconciled')}
            </span>
            <button
              type="button"
              className="link-button reconcile-pairs__unmark"
              data-testid="reconcile-pair-unmark"
              aria-label={t('reconcile.unmarkLabel', { id: who })}
              onClick={() => void unmarkPair(pair.id)}
            >
              {t('reconcile.unmark')}
            </button>
          </>
        )}
        {pair.kind === 'refund' && (
          <span className="pill reconcile-pairs__refund" data-testid="reconcile-pair-refund">
            {t('reconcile.kind.refund')}
          </span>
        )}
        {pair.counterpartOutside && (
          <span className="hint" data-testid="reconcile-pair-outside" data-side={pair.counterpartOutside}>
            {' '}
            {t(`reconcile.outside.${pair.counterpartOutside}`)}
          </span>
        )}
      </td>
      <td className="reconcile-pairs__at">
        <time dateTime={pair.at}>{formatAlmatyDateTime(locale, pair.at)}</time>
      </td>
      <td className="data-table__id">{pair.purchaseId ?? '—'}</td>
      <td>{pair.orderNumber ?? '—'}</td>
      <td className="num nowrap">{money(pair.tillTiyn)}</td>
      <td className="num nowrap">{money(pair.reportTiyn)}</td>
      <td className={`num nowrap${difference ? ' amount--difference' : ''}`}>{difference === null ? '—' : formatTenge(difference)}</td>
    </tr>
  );
}

export function ReconcilePairs({ view, locale }: { view: ReconcileView; locale: Locale }) {
  const t = useTranslate(locale);
  const filter = useReconcile((s) => s.filter);
  const selected = useReconcile((s) => s.selected);
  const shown = useReconcile((s) => s.shown);
  const marking = useReconcile((s) => s.marking);
  const leg = view.tillVsReport;
  const pairs = useMemo(() => (filter === 'all' ? leg.pairs : leg.pairs.filter((p) => p.status === filter)), [leg.pairs, filter]);
  // main listed only part of the pairs, not this filter's: they are being asked for (setFilter), or
  // the asking failed (said above): not "no pairs"
  const running = useReconcile((s) => s.running);
  const unread = !holdsFilter(view, filter);
  const markable = useMemo(() => leg.pairs.filter(isMarkable).length, [leg.pairs]);
  const picked = new Set(selected);
  const allPicked = markable > 0 && selected.length === markable;
  const difference = leg.reportTotalTiyn - leg.tillTotalTiyn;
  const acrossEdge = acrossEdgeTiyn(leg);

  return (
    <section className="import-card reconcile-leg" data-testid="reconcile-till-report" aria-labelledby="reconcile-leg1-title">
      <div className="import-card__bar">
        <h2 id="reconcile-leg1-title" className="import-card__title">
          {t('reconcile.leg1')}
        </h2>
        <ReconcileExport leg="till-report" locale={locale} />
      </div>
      <StatusFilters view={view} t={t} />
      <DemoScope leftOut={leg.demoSalesLeftOut} t={t} />
      <dl className="import-figures">
        <div className="import-figure">
          <dt>{t('reconcile.tillTotal')}</dt>
          <dd data-testid="reconcile-till-total" data-tiyn={leg.tillTotalTiyn}>
            {formatTenge(leg.tillTotalTiyn)}
          </dd>
        </div>
        <div className="import-figure">
          <dt>{t('reconcile.reportTotal')}</dt>
          <dd data-testid="reconcile-report-total" data-tiyn={leg.reportTotalTiyn}>
            {formatTenge(leg.reportTotalTiyn)}
          </dd>
        </div>
        <div className={`import-figure${difference !== 0 ? ' import-figure--bad' : ' import-figure--ok'}`}>
          <dt>{t('reconcile.leg1Difference')}</dt>
          <dd data-testid="reconcile-pairs-difference" data-tiyn={difference}>
            {formatTenge(difference)}
          </dd>
        </div>
      </dl>
      {acrossEdge !== null && acrossEdge !== 0 && (
        <p className="hint" data-testid="reconcile-across-edge" data-tiyn={acrossEdge}>
          {t('reconcile.acrossEdge', { amount: formatTenge(acrossEdge) })}
        </p>
      )}
      {leg.truncated && (
        <p className="notice-box" data-testid="reconcile-truncated" role="note">
          {t(leg.listedStatus === null ? 'reconcile.truncated' : 'reconcile.truncatedStatus', { shown: formatCount(leg.pairs.length) })}
        </p>
      )}
      {markable > 0 && (
        <div className="reconcile-mark">
          <label className="checkbox">
            <input type="checkbox" data-testid="reconcile-select-matched" checked={allPicked} onChange={(event) => selectAllMatched(event.target.checked)} />
            <span>{t('reconcile.selectMatched', { count: formatCount(markable) })}</span>
          </label>
          <SoftButton
            className="btn btn--primary btn--small"
            data-testid="reconcile-mark"
            unavailable={selected.length === 0 || marking}
            onClick={() => void markSelected()}
          >
            {t('reconcile.mark', { count: formatCount(selected.length) })}
          </SoftButton>
        </div>
      )}
      {unread ? (
        <p className="hint" data-testid="reconcile-pairs-reading" data-running={running} role="status">
          {t(running ? 'reconcile.running' : 'reconcile.pairsNotRead')}
        </p>
      ) : pairs.length === 0 ? (
        <p className="hint" data-testid="reconcile-pairs-empty">
          {t(Object.values(leg.counts).every((count) => count === 0) ? 'reconcile.noPairs' : 'reconcile.noPairsFiltered')}
        </p>
      ) : (
        <div className="table-scroll table-scroll--tall">
          <table className="data-table reconcile-pairs" data-testid="reconcile-pairs" data-filter={filter}>
            <TableHead
              columns={[
                { label: t('reconcile.col.select'), hidden: true },
                { label: t('history.status') },
                { label: t('history.time') },
                { label: t('reconcile.col.purchase') },
                { label: t('history.order') },
                { label: t('reconcile.col.till'), num: true },
                { label: t('reconcile.col.report'), num: true },
                { label: t('reconcile.col.difference'), num: true },
              ]}
            />
            <tbody>
              {pairs.slice(0, shown).map((pair) => (
                <PairRow key={pair.id} pair={pair} selected={picked.has(pair.id)} locale={locale} t={t} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pairs.length > shown && (
        <button type="button" className="btn btn--ghost" data-testid="reconcile-more" onClick={showMore}>
          {t('reconcile.more', { shown: formatCount(Math.min(shown, pairs.length)), count: formatCount(pairs.length) })}
        </button>
      )}
    </section>
  );
}
