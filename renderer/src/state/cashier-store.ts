// The cashier window's state. Actions that talk to main live in cashier-actions.ts.
import { create } from 'zustand';
import {
  CLOSED_STATUSES,
  type ConnectionView,
  type DaySummary,
  type Locale,
  type SaleStatus,
  type SaleView,
  type SettingsView,
} from '../../../shared/domain.js';
import { toApiError, type ErrorParams } from '../api/api-error.js';

export type Tab = 'sale' | 'history' | 'import' | 'reconcile' | 'settings';

/** What the error line shows: an error code from main, or a plain message key of our own. */
export type UiError = { kind: 'api'; code: string; params?: ErrorParams | undefined } | { kind: 'message'; key: string };

export interface CashierState {
  settings: SettingsView | null;
  /** The sale on the sale tab: running, or closed and waiting for "New sale". */
  sale: SaleView | null;
  /** The closed sale the cashier dismissed with "New sale": late updates for it stay out of the sale tab. */
  dismissed: SaleView | null;
  /** Sales paid after the cashier gave them up, not yet acknowledged: a notice over every tab. */
  paidLate: SaleView[];
  history: SaleView[];
  historyLoading: boolean;
  /** The Almaty day History shows: null = today (follows the clock), '' = every day. */
  historyDay: string | null;
  /** Older sales of that view follow ("Show more"), and whether they are being read. */
  historyMore: boolean;
  historyMoreLoading: boolean;
  /** The takings of the day shown (none when every day is shown). */
  daySummary: DaySummary | null;
  /** Typed amount, normalised: digits, optionally "," and up to two decimals ("4500", "4500,5"). */
  digits: string;
  description: string;
  error: UiError | null;
  /** A call that changes the sale is on its way (guards double Enter). */
  busy: boolean;
  tab: Tab;
  /** Whether main reaches Kaspi; null until first asked. */
  connection: ConnectionView | null;
  /** Kassa itself is gone (its process ended): nothing on screen is current. */
  linkDown: boolean;
}

export const useCashier = create<CashierState>(() => ({
  settings: null,
  sale: null,
  dismissed: null,
  paidLate: [],
  history: [],
  historyLoading: false,
  historyDay: null,
  historyMore: false,
  historyMoreLoading: false,
  daySummary: null,
  digits: '',
  description: '',
  error: null,
  busy: false,
  tab: 'sale',
  connection: null,
  linkDown: false,
}));

/** A failed call's error on the cashier's error line. */
export function showError(error: unknown): void {
  const e = toApiError(error);
  useCashier.setState({ error: { kind: 'api', code: e.code, params: e.params } });
}

export function selectLocale(state: CashierState): Locale {
  return state.settings?.locale ?? 'ru';
}

export function isClosed(status: SaleStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

const RANK: Record<SaleStatus, number> = {
  created: 0,
  unknown: 1,
  qr_shown: 2,
  scanned: 3,
  failed: 4,
  expired: 4,
  cancelled: 4,
  // Kaspi's word wins: an expired or cancelled sale may still become paid, never the reverse.
  paid: 5,
};

/**
 * A call's reply can arrive after a newer event about the same sale: keep the more advanced view.
 * Events arrive in order, so they always win (pass `fromEvent`).
 */
export function mergeSale(current: SaleView | null, incoming: SaleView, fromEvent: boolean): SaleView {
  if (!current || current.id !== incoming.id || fromEvent) return incoming;
  return RANK[incoming.status] >= RANK[current.status] ? incoming : current;
}
