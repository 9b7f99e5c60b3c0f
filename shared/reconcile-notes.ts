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
  const days = leg.days.filter((d) => d.noStatement && d.reportNetTiyn > 0);
  return { days: days.length, reportNetTiyn: days.reduce((sum, d) => sum + d.reportNetTiyn, 0) };
}
