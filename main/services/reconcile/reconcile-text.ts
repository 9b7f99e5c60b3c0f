// What `kassa reconcile` prints for people, in their language: the counts and totals of both legs,
// the pairs that need a look, and every settlement day; amounts as tenge — and what the screen says
// beside them (demo sales left out, the share of the difference across the period's edge, days
// without a statement), so the figures can be explained from the output alone.
import type { Locale } from '../../../shared/domain.js';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/messages.js';
import type { ReconcileView } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';
import { acrossEdgeTiyn, dayStatus, daysWithoutStatement } from '../../../shared/reconcile-notes.js';

const MAX_PAIRS = 20;

const money = (tiyn: number | null): string => (tiyn === null ? '—' : formatTenge(tiyn));
/** 2025-03-02 → 02.03.2025, as the screens and the exports write days. */
const day = (ymd: string): string => `${ymd.slice(8, 10)}.${ymd.slice(5, 7)}.${ymd.slice(0, 4)}`;
/** An Almaty ISO moment (…T09:05:10+05:00) → 02.03.2025 09:05:10. */
const moment = (iso: string): string => `${day(iso.slice(0, 10))} ${iso.slice(11, 19)}`;

export function reconcileText(view: ReconcileView, locale: Locale = 'en'): string[] {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const { tillVsReport: r, reportVsBank: b } = view;
  const lines = [
    t('cli.reconcile.title', { from: day(view.from), to: day(view.to) }),
    t('cli.reconcile.tillReport', {
      matched: r.counts.matched ?? 0,
      differs: r.counts.amount_differs ?? 0,
      onlyTill: r.counts.only_till ?? 0,
      onlyReport: r.counts.only_report ?? 0,
    }),
    `  ${t('cli.reconcile.tillTotals', { till: money(r.tillTotalTiyn), report: money(r.reportTotalTiyn), difference: money(r.reportTotalTiyn - r.tillTotalTiyn) })}`,
  ];
  const acrossEdge = acrossEdgeTiyn(r);
  if (acrossEdge !== null && acrossEdge !== 0) lines.push(`  ${t('reconcile.acrossEdge', { amount: money(acrossEdge) })}`);
  if (r.demoSalesLeftOut > 0) lines.push(`  ${t('reconcile.demoLeftOut', { count: r.demoSalesLeftOut })}`);
  const problems = r.pairs.filter((p) => p.status !== 'matched');
  for (const p of problems.slice(0, MAX_PAIRS)) {
    const purchase = p.purchaseId && t(p.kind === 'refund' ? 'cli.reconcile.refund' : 'cli.reconcile.purchase', { id: p.purchaseId });
    const who = [purchase, p.orderNumber && t('cli.reconcile.receipt', { number: p.orderNumber })].filter(Boolean).join(', ') || t('cli.reconcile.sale', { id: p.saleId ?? '' });
    const status = t(`reconcile.status.${p.status}`);
    lines.push(`  ${t('cli.reconcile.pair', { status, who, at: moment(p.at), till: money(p.tillTiyn), report: money(p.reportTiyn) })}`);
  }
  const unlisted = (r.counts.amount_differs ?? 0) + (r.counts.only_till ?? 0) + (r.counts.only_report ?? 0) - Math.min(problems.length, MAX_PAIRS);
  if (unlisted > 0) lines.push(`  ${t('cli.reconcile.more', { count: unlisted })}`);
  lines.push(
    t('cli.reconcile.reportBank', { days: b.days.length, net: money(b.reportNetTotalTiyn), credits: money(b.bankCreditTotalTiyn), difference: money(b.differenceTiyn) }),
  );
  if (b.unsettled.rows > 0) lines.push(`  ${t('reconcile.unsettled', { rows: b.unsettled.rows, amount: money(b.unsettled.netTiyn) })}`);
  const missing = daysWithoutStatement(b);
  if (missing.days > 0) lines.push(`  ${t('reconcile.noStatementDays', { days: missing.days, amount: money(missing.reportNetTiyn) })}`);
  for (const d of b.days) {
    const status = dayStatus(d);
    const result =
      status === 'matched'
        ? t('cli.reconcile.dayOk')
        : status === 'no_statement'
          ? t('reconcile.dayNoStatement')
          : status === 'refunds'
            ? t('reconcile.dayRefunds')
            : t('cli.reconcile.dayDifference', { difference: money(d.differenceTiyn) });
    lines.push(`  ${t('cli.reconcile.day', { date: day(d.date), report: money(d.reportNetTiyn), bank: money(d.bankCreditTiyn), result })}`);
  }
  return lines;
}
