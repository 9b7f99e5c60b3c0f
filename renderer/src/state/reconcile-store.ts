// The Reconciliation tab's state: the period, the last view main computed, the status filter and
// the matched pairs picked for "mark reconciled". Actions live in reconcile-actions.ts.
import { create } from 'zustand';
import { reconcileStatuses, type ReconcileView } from '../../../shared/import-domain.js';
import { toAlmatyIso } from '../../../shared/almaty-time.js';
import type { ErrorParams } from '../api/api-error.js';

export type PairStatus = (typeof reconcileStatuses)[number];
export type PairFilter = PairStatus | 'all';
export type ReconcileLeg = 'till-report' | 'report-bank';
export type ExportFormat = 'csv' | 'xlsx';

export type ReconcileMessage =
  | { kind: 'ok'; key: string; params?: ErrorParams }
  | { kind: 'api'; code: string; params?: ErrorParams | undefined }
  | { kind: 'message'; key: string; params?: ErrorParams };

export interface ReconcileState {
  /** yyyy-mm-dd, Almaty days, inclusive. */
  from: string;
  to: string;
  view: ReconcileView | null;
  running: boolean;
  filter: PairFilter;
  /** Demo sales take part too (the manager asked; they never reach a real Kaspi report). */
  includeDemo: boolean;
  /** Matched, not yet reconciled pair ids ticked for marking. */
  selected: string[];
  /** How many pairs of the filtered list are rendered (more on demand). */
  shown: number;
  marking: boolean;
  /** The export being prepared ("till-report:csv"). */
  exporting: string | null;
  message: ReconcileMessage | null;
}

export const PAIRS_PAGE = 200;

type Pair = ReconcileView['tillVsReport']['pairs'][number];

/** A matched purchase pair not yet marked (refund pairs are dated by range: nothing to lock). */
export const isMarkable = (pair: Pair): boolean => pair.kind === 'purchase' && pair.status === 'matched' && !pair.reconciled;

/** The current month in Almaty: its first and its last day. */
export function currentMonth(now = Date.now()): { from: string; to: string } {
  const today = toAlmatyIso(now).slice(0, 10);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = today.slice(0, 8);
  return { from: `${prefix}01`, to: `${prefix}${String(last).padStart(2, '0')}` };
}

export const useReconcile = create<ReconcileState>(() => ({
  ...currentMonth(),
  view: null,
  running: false,
  filter: 'all',
  includeDemo: false,
  selected: [],
  shown: PAIRS_PAGE,
  marking: false,
  exporting: null,
  message: null,
}));
