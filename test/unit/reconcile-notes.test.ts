// The part of the till ↔ report difference that pairs dated across the period's edge bring.
import { describe, expect, it } from 'vitest';
import { acrossEdgeTiyn } from '../../shared/reconcile-notes.js';
import type { ReconcileView } from '../../shared/import-domain.js';

type Leg = ReconcileView['tillVsReport'];
type Pair = Leg['pairs'][number];
const pair = (till: number | null, report: number | null, counterpartOutside: Pair['counterpartOutside']): Pair => ({
  id: 'purchase:P',
  kind: 'purchase',
  status: 'matched',
  purchaseId: 'P',
  saleId: 's',
  orderNumber: null,
  at: '2026-12-01T00:00:30+05:00',
  tillTiyn: till,
  reportTiyn: report,
  reconciled: false,
  counterpartOutside,
});
const leg = (pairs: Pair[], truncated = false) => ({ pairs, truncated }) as Leg;

describe('acrossEdgeTiyn', () => {
  it('a sale in the month before, its purchase in this one: the report side is this period\'s difference', () => {
    expect(acrossEdgeTiyn(leg([pair(300_000, 300_000, 'till'), pair(100, 100, null)]))).toBe(300_000);
  });
  it('a sale in this period, its purchase in the next: the till side counts against', () => {
    expect(acrossEdgeTiyn(leg([pair(250_000, 250_000, 'report')]))).toBe(-250_000);
  });
  it('nothing across the edge: 0; a list cut at 5000 pairs: not known', () => {
    expect(acrossEdgeTiyn(leg([pair(1, 2, null)]))).toBe(0);
    expect(acrossEdgeTiyn(leg([pair(300_000, 300_000, 'till')], true))).toBeNull();
  });
});
