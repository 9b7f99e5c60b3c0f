// The History tab's reads: the sales of the day shown (today unless the cashier picks another, or
// every day), a page at a time, and that day's takings.
import type { SaleView } from '../../../shared/domain.js';
import { call } from '../api/client.js';
import { showError, useCashier } from './cashier-store.js';

const { getState: get, setState: set } = useCashier;

/** Sales per page; a reload keeps what is already shown, up to main's limit per call. */
const PAGE = 100;
const MAX_PAGE = 500;

let historyRequest: Promise<void> | null = null;
let historyAgain = false;
let moreRequest: Promise<void> | null = null;

/** Reads the view afresh (as many rows as shown). Overlapping requests collapse into one more fetch. */
export function loadHistory(): Promise<void> {
  if (historyRequest) {
    historyAgain = true;
    return historyRequest;
  }
  set({ historyLoading: true });
  historyRequest = (async () => {
    try {
      do {
        historyAgain = false;
        const shown = get().historyDay;
        // Today is main's today: the summary says which day that is, and the list follows it.
        const summary = shown === '' ? null : await call('payments.daySummary', shown === null ? {} : { day: shown });
        const limit = Math.min(MAX_PAGE, Math.max(PAGE, get().history.length));
        const page = await call('payments.list', summary ? { day: summary.day, limit } : { limit });
        if (get().historyDay !== shown) historyAgain = true; // the cashier picked another day meanwhile
        else set({ history: page.sales, historyMore: page.more, daySummary: summary });
      } while (historyAgain);
    } catch (error) {
      showError(error);
    } finally {
      historyRequest = null;
      set({ historyLoading: false });
    }
  })();
  return historyRequest;
}

/** The next page of older sales of the same view (main orders them: newest first). */
export function loadMoreHistory(): Promise<void> {
  if (moreRequest) return moreRequest;
  const { history, historyDay, daySummary } = get();
  const last = history.at(-1);
  if (!last) return Promise.resolve();
  set({ historyMoreLoading: true });
  moreRequest = (async () => {
    try {
      const day = historyDay === '' ? undefined : daySummary?.day;
      const page = await call('payments.list', { beforeId: last.id, limit: PAGE, ...(day ? { day } : {}) });
      // Onto the list as it is now (a reload may have come in meanwhile), if it still shows that view.
      set((s) => {
        if (s.historyDay !== historyDay || !s.history.some((sale) => sale.id === last.id)) return {};
        const known = new Set(s.history.map((sale) => sale.id));
        return { history: [...s.history, ...page.sales.filter((sale) => !known.has(sale.id))], historyMore: page.more };
      });
    } catch (error) {
      showError(error);
    } finally {
      moreRequest = null;
      set({ historyMoreLoading: false });
    }
  })();
  return moreRequest;
}

/**
 * A sale changed (an event): one shown is replaced where it is — the pages read so far stay, an open
 * refund panel with them — and the day's takings read again; a new one brings a reload.
 */
export function receiveHistorySale(sale: SaleView): void {
  const { history, historyDay } = get();
  if (!history.some((shown) => shown.id === sale.id)) {
    void loadHistory();
    return;
  }
  set({ history: history.map((shown) => (shown.id === sale.id ? sale : shown)) });
  if (historyDay === '') return;
  call('payments.daySummary', historyDay === null ? {} : { day: historyDay }).then(
    (summary) => get().historyDay === historyDay && set({ daySummary: summary }),
    showError,
  );
}

/** The day to show: yyyy-mm-dd, null for today, '' for every day. */
export function showHistoryDay(day: string | null): Promise<void> {
  set({ historyDay: day, history: [], historyMore: false, daySummary: null });
  return loadHistory();
}
