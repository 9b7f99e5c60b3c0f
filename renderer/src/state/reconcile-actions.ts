// What the Reconciliation tab asks of main: run both legs for a period, mark matched pairs as
// reconciled (then run again to show it), and export either leg as CSV or XLSX.
import { toApiError } from '../api/api-error.js';
import { call } from '../api/client.js';
import { downloadFile } from '../cashier/download-file.js';
import type { ReconcileView } from '../../../shared/import-domain.js';
import { currentMonth, isMarkable, PAIRS_PAGE, useReconcile, type ExportFormat, type PairFilter, type ReconcileLeg } from './reconcile-store.js';

const { getState: get, setState: set } = useReconcile;

const YMD = /^\d{4}-\d{2}-\d{2}$/;

export function setPeriod(patch: { from?: string; to?: string }): void {
  set({ ...patch, message: null });
}

/** Bumped by every run: an older reply never replaces a newer one. */
let runSeq = 0;

/** The tab opens: figures read again — for the period typed, or, while that is no period, the one on screen. */
export function reconcileOnOpen(): Promise<void> {
  const { from, to, view } = get();
  if (!YMD.test(from) || !YMD.test(to) || from > to) set(view ? { from: view.from, to: view.to } : currentMonth());
  return runReconcile();
}

/**
 * Does `view` hold every pair `filter` shows? Main lists a busy month's pairs cut at its cap, problems
 * first (then a status's pairs are asked for by themselves), or one status's only.
 */
export function holdsFilter(view: ReconcileView, filter: PairFilter): boolean {
  const leg = view.tillVsReport;
  if (leg.listedStatus !== null) return leg.listedStatus === filter;
  return !leg.truncated || filter === 'all';
}

/**
 * Ticks after a run: a pair the reply lists is kept ticked while it can be marked; one it does not list
 * is kept unless the reply lists every matched pair (another status's list, or a cut one, says nothing of it).
 */
function keptTicks(selected: string[], view: ReconcileView): string[] {
  const leg = view.tillVsReport;
  const listed = new Map(leg.pairs.map((p) => [p.id, p]));
  const allMatchedListed = leg.listedStatus === 'matched' || (leg.listedStatus === null && !leg.truncated);
  return selected.filter((id) => {
    const pair = listed.get(id);
    return pair ? isMarkable(pair) : !allMatchedListed;
  });
}

/** `period`: another than the one typed (a refresh of the figures on screen). */
export async function runReconcile(options: { keepMessage?: boolean; period?: { from: string; to: string } } = {}): Promise<void> {
  const { from, to } = options.period ?? get();
  if (!YMD.test(from) || !YMD.test(to) || from > to) {
    // a day that does not exist (31.11) or is half typed is not "the start after the end"
    set({ message: { kind: 'message', key: YMD.test(from) && YMD.test(to) ? 'reconcile.badPeriod' : 'reconcile.badDay' } });
    return;
  }
  const seq = ++runSeq;
  set({ running: true, ...(options.keepMessage ? {} : { message: null }) });
  try {
    const { includeDemo, filter, view: shown } = get();
    // one status's pairs only where the list on screen was cut (a busy month): a month that fits is
    // read whole, and a filter then works on screen
    const cut = shown !== null && shown.from === from && shown.to === to && (shown.tillVsReport.truncated || shown.tillVsReport.listedStatus !== null);
    const status = cut && filter !== 'all' ? { status: filter } : {};
    const view = await call('reconcile.run', { from, to, includeDemo, ...status });
    if (seq !== runSeq) return;
    set((s) => ({ view, selected: keptTicks(s.selected, view), shown: PAIRS_PAGE }));
    // the filter moved on while main read, or the month's list came back cut: ask for what it shows
    if (!holdsFilter(view, get().filter)) {
      void runReconcile({ keepMessage: true, period: { from, to } });
      return;
    }
  } catch (error) {
    if (seq !== runSeq) return;
    const e = toApiError(error);
    set({ message: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    if (seq === runSeq) set({ running: false });
  }
}

/** Demo sales in or out of the figures: read again for the period on screen. */
export function setIncludeDemo(includeDemo: boolean): void {
  set({ includeDemo });
  const shown = get().view;
  void runReconcile(shown ? { period: { from: shown.from, to: shown.to } } : {});
}

export function setFilter(filter: PairFilter): void {
  set({ filter, shown: PAIRS_PAGE });
  // The view on screen does not hold this filter's pairs (a busy month): they are asked for, so matched
  // pairs stay there to be marked whatever else the month holds. A run on its way asks again itself.
  const { view, running } = get();
  if (view && !running && !holdsFilter(view, filter)) void runReconcile({ keepMessage: true, period: { from: view.from, to: view.to } });
}

export function showMore(): void {
  set((s) => ({ shown: s.shown + PAIRS_PAGE }));
}

export function toggleSelected(pairId: string, on: boolean): void {
  set((s) => ({ selected: on ? [...new Set([...s.selected, pairId])] : s.selected.filter((id) => id !== pairId) }));
}

/** Ticks every matched pair not reconciled yet (or clears the ticks). */
export function selectAllMatched(on: boolean): void {
  const pairs = get().view?.tillVsReport.pairs ?? [];
  set({ selected: on ? pairs.filter(isMarkable).map((p) => p.id) : [] });
}

/** Marks set or taken back on screen: said, then that period's figures read again, whatever is typed since. */
async function changeMarks(change: () => Promise<{ key: string; count: number }>): Promise<void> {
  if (get().marking) return;
  set({ marking: true, message: null });
  try {
    const { key, count } = await change();
    set({ message: { kind: 'ok', key, params: { count } } });
    const shown = get().view;
    await runReconcile({ keepMessage: true, ...(shown ? { period: { from: shown.from, to: shown.to } } : {}) });
  } catch (error) {
    const e = toApiError(error);
    set({ message: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    set({ marking: false });
  }
}

export function markSelected(): Promise<void> {
  const { selected, includeDemo } = get();
  if (selected.length === 0) return Promise.resolve();
  return changeMarks(async () => {
    const { marked } = await call('reconcile.mark', { pairIds: selected.slice(0, 5000), includeDemo });
    set({ selected: [] });
    return { key: 'reconcile.marked', count: marked };
  });
}

/** Takes one pair's mark back (marked by mistake). */
export function unmarkPair(pairId: string): Promise<void> {
  return changeMarks(async () => ({ key: 'reconcile.unmarked', count: (await call('reconcile.unmark', { pairIds: [pairId] })).unmarked }));
}

/** Exports the leg for the period on screen (the last run's, not what is typed since), as filtered there. */
export async function exportLeg(view: ReconcileLeg, format: ExportFormat): Promise<void> {
  const { view: shown, exporting, filter, includeDemo } = get();
  if (!shown || exporting) return;
  set({ exporting: `${view}:${format}`, message: null });
  try {
    const status = view === 'till-report' && filter !== 'all' ? { status: filter } : {};
    const file = await call('reconcile.export', { from: shown.from, to: shown.to, view, format, includeDemo, ...status });
    downloadFile(file.fileName, file.mimeType, file.contentBase64);
    set({ message: { kind: 'ok', key: 'reconcile.exported', params: { file: file.fileName } } }); // said, not only downloaded
  } catch (error) {
    const e = toApiError(error);
    set({ message: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    set({ exporting: null });
  }
}
