// Everything the cashier window asks of main, and how the answers land in the store.
import type { ConnectionView, CustomerView, SaleView, SettingsView } from '../../../shared/domain.js';
import { isValidSaleAmount, parseAmountInput } from '../../../shared/money.js';
import { saleLabel } from '../../../shared/sale-label.js';
import { toApiError } from '../api/api-error.js';
import { call } from '../api/client.js';
import { amountWarned, amountWarning, applyAmountKey, endsWithComma, normalizeAmountText, UNFINISHED_TIYN } from '../cashier/amount-text.js';
import { isClosed, mergeSale, showError, useCashier, type Tab } from './cashier-store.js';
import { ReadOrder } from './read-order.js';
import { receiveHistorySale } from './history-actions.js';

const { getState: get, setState: set } = useCashier;


/** Runs a call that changes the sale; one at a time, so a double Enter cannot charge twice. */
async function saleCall(run: () => Promise<SaleView>): Promise<SaleView | null> {
  if (get().busy) return null;
  set({ busy: true });
  try {
    const sale = await run();
    set((s) => ({ sale: mergeSale(s.sale, sale, false), error: null }));
    return sale;
  } catch (error) {
    showError(error);
    return null;
  } finally {
    set({ busy: false });
  }
}

// ---- amount entry -------------------------------------------------------------------------------

export function setAmountText(raw: string, retyped = false): void {
  set((s) => ({ digits: normalizeAmountText(raw), error: amountWarning(raw, s.error, retyped) }));
}

export function typeAmountKey(key: string): void {
  set((s) => {
    const raw = key === 'Backspace' ? s.digits.slice(0, -1) : s.digits + key;
    return { digits: applyAmountKey(s.digits, key), error: amountWarning(raw, s.error) };
  });
}

export function setDescription(description: string): void {
  set({ description });
}

export function clearEntry(): void {
  set({ digits: '', description: '', error: null });
}

// ---- sale lifecycle -----------------------------------------------------------------------------

/** 'qr': a QR on both screens; 'link': a Kaspi pay link the cashier sends to a buyer on the phone. */
export type ChargeKind = SaleView['kind'];

async function charge(amountTiyn: number, description: string, kind: ChargeKind): Promise<void> {
  const trimmed = description.trim();
  const sale = await saleCall(() =>
    call('payments.charge', {
      amountTiyn,
      ...(trimmed ? { description: trimmed } : {}),
      // Plain QR sales keep the request they always had.
      ...(kind === 'link' ? { kind } : {}),
    }),
  );
  if (sale) {
    set({ digits: '', description: '' });
    return;
  }
  // Another window or a reload started a sale we do not show yet: bring it on screen.
  const error = get().error;
  if (error?.kind === 'api' && error.code === 'sale_in_progress') void refreshCurrent();
}

/** Enter / the Charge button (or the pay-link button): validate what was typed, then ask Kaspi. */
export async function chargeTyped(kind: ChargeKind = 'qr'): Promise<void> {
  const { digits, description, busy, error } = get();
  // "12,345" was cut to 12,34: the cashier checks the amount first (12 345 ₸ meant?), Enter charges nothing.
  if (busy || amountWarned(error)) return;
  if (endsWithComma(digits)) {
    set({ error: UNFINISHED_TIYN });
    return;
  }
  const amountTiyn = parseAmountInput(digits);
  if (amountTiyn === null || !isValidSaleAmount(amountTiyn)) {
    set({ error: { kind: 'message', key: 'sale.invalidAmount' } });
    return;
  }
  await charge(amountTiyn, description, kind);
}

/** Charges the same amount (and note, and kind) as the sale that just failed. */
export async function retrySale(): Promise<void> {
  const { sale } = get();
  if (!sale) return;
  await charge(sale.amountTiyn, sale.description ?? '', sale.kind);
}

/**
 * Not behind `busy`: Esc must work while the charge's own reply is still on its way (its QR can
 * already be on both screens, from the sale.updated event). Main orders the two; the more advanced
 * view wins here (mergeSale), so a late charge reply cannot undo the cancel on screen.
 */
export async function cancelSale(): Promise<void> {
  const { sale } = get();
  if (!sale || isClosed(sale.status)) return;
  try {
    const cancelled = await call('payments.cancel', { saleId: sale.id });
    // A reply that comes after the cashier moved on (the event had shown the result, the next amount is
    // being typed) leaves the new entry alone: its warning ("-5") must not be wiped by an old answer.
    set((s) => (s.sale?.id === cancelled.id ? { sale: mergeSale(s.sale, cancelled, false), error: null } : {}));
  } catch (error) {
    showError(error);
  }
}

export async function demoAction(action: 'scan' | 'confirm' | 'fail'): Promise<void> {
  const { sale } = get();
  if (!sale) return;
  await saleCall(() => call(`demo.${action}`, { saleId: sale.id }));
}

/** Leaves the finished sale behind and returns to amount entry. */
export function newSale(): void {
  set((s) => ({ sale: null, dismissed: s.sale ?? s.dismissed, digits: '', description: '', error: null }));
}

/** A sale update from main (event): decides whether it belongs on the sale tab. */
export function receiveSale(incoming: SaleView): void {
  for (const heard of heardWhileAsking) heard.add(incoming.id);
  set((s) => ({ paidLate: withPaidLate(s.paidLate, incoming) }));
  set((s) => {
    if (incoming.id === s.dismissed?.id) {
      // A buyer who pays after the cashier gave up has still paid: say so unless a new sale runs.
      const latePaid = incoming.status === 'paid' && s.dismissed.status !== 'paid';
      if (latePaid && s.sale === null) return { sale: incoming, dismissed: null };
      return { dismissed: incoming };
    }
    if (s.sale?.id === incoming.id) {
      // "the buyer is confirming" was true while the sale was scanned: not once Kaspi has answered
      const stale = s.error?.kind === 'api' && s.error.code === 'buyer_confirming' && incoming.status !== 'scanned';
      return { sale: mergeSale(s.sale, incoming, true), ...(stale ? { error: null } : {}) };
    }
    // Another sale: take it only while it runs (e.g. a charge whose reply has not arrived yet).
    if (!isClosed(incoming.status)) return { sale: incoming };
    return {};
  });
  if (get().tab === 'history') receiveHistorySale(incoming);
}

/**
 * The customer display changed (event): its language and shop name are the settings' own; and a
 * charge refused for a refund QR on it may go ahead once no refund holds it.
 */
export function receiveCustomerView(view: CustomerView): void {
  // newer than a settings read on its way for the two fields it carries, and only where they are on
  // screen (a window with no settings yet waits for that read)
  if (get().settings) shownSettingsReads.heard();
  set((s) => {
    const refundGone = s.error?.kind === 'api' && s.error.code === 'refund_qr_showing' && (view.refund === null || isRefundOver(view.refund.status));
    return {
      ...(s.settings ? { settings: { ...s.settings, locale: view.locale, shopName: view.shopName } } : {}),
      ...(refundGone ? { error: null } : {}),
    };
  });
}

/** A refund no longer holds the customer display (as main's hasQrRefundRunning has it). */
const isRefundOver = (status: string) => !['created', 'qr_shown', 'identified', 'returning'].includes(status);

/** Sales whose events came while a payments.current was on its way (one set per call). */
const heardWhileAsking = new Set<Set<string>>();
/** payments.current itself: a read overtaken by a newer one (the start's and the stream's first open) is dropped. */
const currentReads = new ReadOrder();
/** Settings as main last said them: an event, or the reply of a change made here. */
const settingsReads = new ReadOrder();
/** The settings a customer view carries too (language, shop name): its event is news for these only. */
const shownSettingsReads = new ReadOrder();

/** The late-paid notices with this sale's news: kept while unseen, dropped once a cashier saw it. */
function withPaidLate(list: SaleView[], sale: SaleView): SaleView[] {
  const others = list.filter((s) => s.id !== sale.id);
  return sale.paidLate === 'unseen' ? [...others, sale] : others.length === list.length ? list : others;
}

/** The cashier has read that a sale was paid after all: the notice goes, from every till screen. */
export async function acknowledgePaidLate(saleId: string): Promise<void> {
  try {
    const seen = await call('payments.ackPaidLate', { saleId });
    set((s) => ({ paidLate: withPaidLate(s.paidLate, seen) }));
  } catch (error) {
    showError(error);
  }
}

/** At start and after a reconnect: the running sale, if any, and the fresh state of ours. */
export async function refreshCurrent(): Promise<void> {
  const newest = currentReads.begin();
  const heard = new Set<string>();
  heardWhileAsking.add(heard);
  try {
    const { sale, paidLate } = await call('payments.current', {});
    if (!newest()) return;
    // a sale's event heard while the reply was on its way is newer than the reply's word on that sale
    set((s) => ({ paidLate: [...paidLate.filter((p) => !heard.has(p.id)), ...s.paidLate.filter((p) => heard.has(p.id))] }));
    if (sale && heard.has(sale.id)) {
      // its event came while the reply travelled, and is newer — but an event of a finished sale is not
      // taken into a window with none (a paid sale then read "ready"): such a window takes it as it is now
      if (get().sale === null && sale.id !== get().dismissed?.id) {
        const now = await call('payments.get', { saleId: sale.id });
        set((s) => (s.sale === null ? { sale: now } : {}));
      }
      return;
    }
    const mine = get().sale;
    // main gives a running sale, or one whose outcome is still being checked: a window with none takes it
    if (sale && sale.id !== get().dismissed?.id && (sale.id === mine?.id || !isClosed(sale.status) || mine === null)) {
      set((s) => ({ sale: mergeSale(s.sale, sale, false) }));
      return;
    }
    if (mine && (!isClosed(mine.status) || saleLabel(mine) === 'checking') && !heard.has(mine.id)) {
      // Ours ended (or, being checked, was settled) while we were not listening: fetch how it ended —
      // main's word as an event's (two views of an expired sale have the same rank)
      const fresh = await call('payments.get', { saleId: mine.id });
      if (!heard.has(fresh.id)) set((s) => ({ sale: s.sale?.id === fresh.id ? mergeSale(s.sale, fresh, saleLabel(s.sale) === 'checking') : s.sale }));
    }
  } catch (error) {
    showError(error);
  } finally {
    heardWhileAsking.delete(heard);
  }
}

// ---- other tabs ---------------------------------------------------------------------------------

/** Switching tabs; the history tab fetches its list itself when it opens. */
export function openTab(tab: Tab): void {
  // An amount warning stays with its amount: it holds the charge until the amount is typed again.
  set((s) => ({ tab, error: amountWarned(s.error) ? s.error : null }));
}

export function receiveSettings(settings: SettingsView): void {
  settingsReads.heard();
  shownSettingsReads.heard();
  set({ settings });
}

/** The manager has read the "settings file was damaged" banner. */
export async function dismissSettingsRecovery(): Promise<void> {
  try {
    receiveSettings(await call('settings.dismissRecovery', {}));
    set({ error: null });
  } catch (error) {
    showError(error);
  }
}

/** Returns whether main accepted the change. */
export async function updateSettings(patch: { locale?: SettingsView['locale']; shopName?: string }): Promise<boolean> {
  try {
    receiveSettings(await call('settings.update', patch));
    set({ error: null });
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

const connectionReads = new ReadOrder();

export function receiveConnection(connection: ConnectionView): void {
  connectionReads.heard();
  set({ connection });
}

/** At start and after a reconnect: is Kaspi reachable (the event only tells about changes). */
export async function loadConnection(): Promise<void> {
  const newest = connectionReads.begin();
  try {
    const connection = await call('kaspi.connection', {});
    if (newest()) set({ connection });
  } catch (error) {
    // Not worth the cashier's error line: the banner simply stays as it was.
    console.warn('kassa: kaspi.connection failed', toApiError(error).code);
  }
}

export async function loadSettings(): Promise<void> {
  const newest = settingsReads.begin();
  const newestShown = shownSettingsReads.begin();
  try {
    const info = await call('app.info', {});
    if (!newest()) return;
    // a customer view heard meanwhile has the newer language and shop name; the rest is the reply's
    set((s) => ({ settings: newestShown() || !s.settings ? info.settings : { ...info.settings, locale: s.settings.locale, shopName: s.settings.shopName } }));
  } catch (error) {
    showError(error);
  }
}
