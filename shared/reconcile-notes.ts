// What the reconciliation view says beside its figures (the screen and `kassa reconcile` alike).
import type { ReconcileView } from './import-domain.js';

/**
 * How much of the till ↔ report difference comes from pairs dated across the period's edge (a sale at
 * 23:58 on the 30th, its purchase at 00:01 on the 1st): the side outside counts in its own period, so
 * the pair adds to this period's difference though it matches. Null when the list is cut (5000 pairs).
 */
export function acrossEdgeTiyn(leg: ReconcileView['tillVsReport']): number | null {
  if (leg.truncated) return null;
  let sum = 0;
  for (const p of leg.pairs) {
    // difference = report − till over the sides dated in the period
    if (p.counterpartOutside === 'till') sum += p.reportTiyn ?? 0;
    else if (p.counterpartOutside === 'report') sum -= p.tillTiyn ?? 0;
  }
  return sum;
}

/** Settlement days the report expects money on that no imported statement covers: their difference is no underpayment. */
export function daysWithoutStatement(leg: ReconcileView['reportVsBank']): { days: number; reportNetTiyn: number } {
  const days = leg.days.filter((d) => dayStatus(d) === 'no_statement');
  return { days: days.length, reportNetTiyn: days.reduce((sum, d) => sum + d.reportNetTiyn, 0) };
}

/** The figures of a settlement day that say what it is. */
type DayFigures = Pick<ReconcileView['reportVsBank']['days'][number], 'reportNetTiyn' | 'bankCreditTiyn' | 'matched' | 'noStatement'>;

/**
 * What a settlement day is, as the screen and the exports word it: no statement covers it (its
 * difference is no underpayment); only refunds settle that day and no credit came (Kaspi takes them
 * back from a later credit, or debits them); else it matches or differs.
 */
export function dayStatus(day: DayFigures): 'no_statement' | 'refunds' | 'matched' | 'differs' {
  if (day.noStatement && day.reportNetTiyn > 0) return 'no_statement';
  if (day.reportNetTiyn < 0 && day.bankCreditTiyn === 0) return 'refunds';
  return day.matched ? 'matched' : 'differs';
}
