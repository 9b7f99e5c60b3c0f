// What the Reconciliation tab asks of main: run both legs for a period, mark matched pairs as
// reconciled (then run again to show it), and export either leg as CSV or XLSX.
import { toApiError } from '../api/api-error.js';
import { call } from '../api/client.js';
import { downloadFile } from '../cashier/download-file.js';
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
    const { includeDemo, filter } = get();
    const view = await call('reconcile.run', { from, to, includeDemo, ...(filter === 'all' ? {} : { status: filter }) });
    if (seq !== runSeq) return;
    // Ticks survive a re-run only for pairs that can still be marked.
    const markable = new Set(view.tillVsReport.pairs.filter(isMarkable).map((p) => p.id));
    set((s) => ({ view, selected: s.selected.filter((id) => markable.has(id)), shown: PAIRS_PAGE }));
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
  // Main listed only part of the pairs (a busy month's list is cut, problems first; or one status's):
  // this status's are asked for, so matched pairs stay there to be marked whatever else the month holds.
  const shown = get().view;
  const leg = shown?.tillVsReport;
  if (shown && leg && (leg.truncated || leg.listedStatus !== null) && (filter === 'all' ? null : filter) !== leg.listedStatus) {
    void runReconcile({ keepMessage: true, period: { from: shown.from, to: shown.to } });
  }
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
  } catch (error) {
    const e = toApiError(error);
    set({ message: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    set({ exporting: null });
  }
}
