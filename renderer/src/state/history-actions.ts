// The History tab's reads: the sales of the day shown (today unless the cashier picks another, or
// every day), a page at a time, and that day's takings.
import type { SaleView } from '../../../shared/domain.js';
import { call } from '../api/client.js';
import { showError, useCashier } from './cashier-store.js';
import { ReadOrder } from './read-order.js';

const { getState: get, setState: set } = useCashier;

/** Sales per page; a reload keeps what is already shown, up to main's limit per call. */
const PAGE = 100;
const MAX_PAGE = 500;

let historyRequest: Promise<void> | null = null;
let historyAgain = false;
let moreRequest: { day: string | null; done: Promise<void> } | null = null;
/** The day's takings read on a sale's event: a slower earlier read never overwrites a newer one. */
const summaryReads = new ReadOrder();

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
        const page = await readRows(summary?.day ?? null, get().history);
        // Read again instead when the cashier picked another day meanwhile, or a shown sale changed, or
        // "Show more" added rows (what this read has is older, or shorter, than what is shown).
        if (get().historyDay !== shown) historyAgain = true;
        if (historyAgain) continue;
        summaryReads.heard();
        set({ history: page.sales, historyMore: page.more, daySummary: summary });
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

/**
 * The newest sales of the view (a day, or every day when null) down to the oldest one `shown` (at
 * least a page), in as many calls as main's limit per call needs: a reload keeps every page the
 * manager opened, and the row of an open refund panel, however many sales came in meanwhile — and
 * nothing older than it (a reload that kept the rest of main's page would grow the list each time).
 */
async function readRows(day: string | null, shown: readonly SaleView[]): Promise<{ sales: SaleView[]; more: boolean }> {
  const oldest = shown.at(-1)?.id;
  const wanted = Math.max(PAGE, shown.length);
  const sales: SaleView[] = [];
  let more = true;
  let at = -1; // where the oldest row shown is in what was read
  // what was shown and a row more (a sale came in: one call still reaches it), then main's pages until
  // it is reached — never more than main's page past what was shown (it may be of a view changed meanwhile)
  while (more && (sales.length < wanted || (oldest !== undefined && at < 0)) && sales.length < wanted + MAX_PAGE) {
    const last = sales.at(-1);
    const limit = sales.length < wanted ? wanted - sales.length + (oldest === undefined ? 0 : 1) : MAX_PAGE;
    const page = await call('payments.list', {
      limit: Math.min(MAX_PAGE, limit),
      ...(day ? { day } : {}),
      ...(last ? { beforeId: last.id } : {}),
    });
    const found = page.sales.findIndex((sale) => sale.id === oldest);
    if (at < 0 && found >= 0) at = sales.length + found;
    sales.push(...page.sales);
    more = page.more && page.sales.length > 0;
  }
  const keep = at >= 0 ? Math.max(at + 1, Math.min(wanted, sales.length)) : Math.min(sales.length, wanted);
  return { sales: sales.slice(0, keep), more: more || keep < sales.length };
}

/** The next page of older sales of the same view (main orders them: newest first). */
export function loadMoreHistory(): Promise<void> {
  const { history, historyDay, daySummary } = get();
  if (moreRequest?.day === historyDay) return moreRequest.done;
  const last = history.at(-1);
  if (!last) return Promise.resolve();
  set({ historyMoreLoading: true });
  const request = { day: historyDay, done: Promise.resolve() };
  moreRequest = request;
  request.done = (async () => {
    try {
      const day = historyDay === '' ? undefined : daySummary?.day;
      const page = await call('payments.list', { beforeId: last.id, limit: PAGE, ...(day ? { day } : {}) });
      // Onto the list as it is now (a reload may have come in meanwhile), if it still shows that view.
      set((s) => {
        if (s.historyDay !== historyDay || !s.history.some((sale) => sale.id === last.id)) return {};
        const known = new Set(s.history.map((sale) => sale.id));
        return { history: [...s.history, ...page.sales.filter((sale) => !known.has(sale.id))], historyMore: page.more };
      });
      // a reload on its way read as many rows as were shown before these: it reads again, as many as now
      if (historyRequest) historyAgain = true;
    } catch (error) {
      showError(error);
    } finally {
      if (moreRequest === request) {
        moreRequest = null;
        set({ historyMoreLoading: false });
      }
    }
  })();
  return request.done;
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
  // a reload on its way read the list before this news: it reads again (the takings with it)
  if (historyRequest) {
    historyAgain = true;
    return;
  }
  if (historyDay === '') return;
  const newest = summaryReads.begin();
  call('payments.daySummary', historyDay === null ? {} : { day: historyDay }).then((summary) => {
    if (!newest() || get().historyDay !== historyDay) return;
    // "today" passed midnight meanwhile: the new day's takings come with the new day's list, not over the old one
    const shownDay = get().daySummary?.day;
    if (historyDay === null && shownDay !== undefined && summary.day !== shownDay) void loadHistory();
    else set({ daySummary: summary });
  }, showError);
}

/** The day to show: yyyy-mm-dd, null for today, '' for every day. */
export function showHistoryDay(day: string | null): Promise<void> {
  set({ historyDay: day, history: [], historyMore: false, daySummary: null });
  return loadHistory();
}
