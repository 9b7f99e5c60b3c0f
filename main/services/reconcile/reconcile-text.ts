// What `kassa reconcile` prints for people: the counts and totals of both legs, the pairs that need
// a look, and every settlement day. Concise English; amounts as tenge.
import type { ReconcileView } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';

const STATUS_EN = { matched: 'matched', amount_differs: 'amount differs', only_till: 'only in the till', only_report: 'only in the report' } as const;
const MAX_PAIRS = 20;

const money = (tiyn: number | null): string => (tiyn === null ? '—' : formatTenge(tiyn));

export function reconcileText(view: ReconcileView): string[] {
  const { tillVsReport: t, reportVsBank: b } = view;
  const lines = [
    `Reconciliation ${view.from} … ${view.to} (Almaty days)`,
    `Till ↔ Kaspi report: ${t.counts.matched ?? 0} matched, ${t.counts.amount_differs ?? 0} amount differs, ` +
      `${t.counts.only_till ?? 0} only in the till, ${t.counts.only_report ?? 0} only in the report`,
    `  till ${money(t.tillTotalTiyn)}, report ${money(t.reportTotalTiyn)}, difference (report − till) ${money(t.reportTotalTiyn - t.tillTotalTiyn)}`,
  ];
  const problems = t.pairs.filter((p) => p.status !== 'matched');
  for (const p of problems.slice(0, MAX_PAIRS)) {
    const who = [p.purchaseId && `purchase ${p.purchaseId}`, p.orderNumber && `receipt ${p.orderNumber}`].filter(Boolean).join(', ') || `sale ${p.saleId}`;
    lines.push(`  ${STATUS_EN[p.status]}: ${who} at ${p.at}: till ${money(p.tillTiyn)}, report ${money(p.reportTiyn)}`);
  }
  const unlisted = (t.counts.amount_differs ?? 0) + (t.counts.only_till ?? 0) + (t.counts.only_report ?? 0) - Math.min(problems.length, MAX_PAIRS);
  if (unlisted > 0) lines.push(`  … and ${unlisted} more (--out FILE.csv lists them all)`);
  lines.push(
    `Kaspi report ↔ bank: ${b.days.length} settlement day${b.days.length === 1 ? '' : 's'}, report net ${money(b.reportNetTotalTiyn)}, ` +
      `Kaspi credits ${money(b.bankCreditTotalTiyn)}, difference ${money(b.differenceTiyn)}`,
  );
  for (const d of b.days) {
    lines.push(`  ${d.date}: report ${money(d.reportNetTiyn)}, bank ${money(d.bankCreditTiyn)}${d.matched ? ', ok' : `, difference ${money(d.differenceTiyn)}`}`);
  }
  return lines;
}
