// How much of the till ↔ report difference comes from pairs dated across the period's edge (a sale at
// 23:58 on the 30th, its purchase at 00:01 on the 1st): the side outside counts in its own period, so
// the pair adds to this period's difference though it matches. Null when the list is cut (5000 pairs).
import type { ReconcileView } from '../../../shared/import-domain.js';

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
