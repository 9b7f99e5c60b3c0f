// Refunds from the History tab: open the panel for a paid sale, start a Kaspi refund (r2/r3) or
// record one made in the Kaspi Pay app (r1), cancel a refund QR, resolve one Kaspi never confirmed,
// and follow refund.updated.
import { REFUND_LATE_DROP, type RefundResolution, type RefundView, type SaleView } from '../../../shared/domain.js';
import { formatTenge, parseAmountInput } from '../../../shared/money.js';
import { toApiError } from '../api/api-error.js';
import { call } from '../api/client.js';
import { amountWarned, amountWarning, endsWithComma, normalizeAmountText, tiynToAmountText, UNFINISHED_TIYN } from '../cashier/amount-text.js';
import { EMPTY_REFUND_PANEL, isAppliedAfterVerdict, isSettled, isUnconfirmed, MANUAL_AFTER, mergeRefund, RECORD_OFFERED_AFTER, REFUNDED_OUTSIDE, upsertRefund, useRefund } from './refund-store.js';

const { getState: get, setState: set } = useRefund;

/**
 * What may still be refunded of a sale: what Kassa recorded, or less when Kaspi said so on the
 * newest refund it refused (a refund made outside Kassa). Main also counts refunds still running,
 * and says so. `refunds`: the sale's refunds, newest first.
 */
export function refundableTiyn(sale: SaleView, refunds: readonly RefundView[] = [], recording = false): number {
  const recorded = Math.max(0, sale.amountTiyn - sale.refundedTiyn);
  // what is recorded here is a refund already made: bounded by what Kassa has, not by what Kaspi still allows
  return recording ? recorded : Math.max(0, recorded - refundedOutsideTiyn(sale, refunds));
}

/**
 * How much Kaspi shows refunded beyond what Kassa recorded, by the newest refund it refused as too much
 * (its AvailableReturnAmount below what Kassa has left): a refund made in the Kaspi Pay app, to record.
 */
export function refundedOutsideTiyn(sale: SaleView, refunds: readonly RefundView[]): number {
  const recorded = Math.max(0, sale.amountTiyn - sale.refundedTiyn);
  const newest = refunds.find((r) => r.saleId === sale.id);
  const said = newest?.errorCode === 'refund_too_much' ? newest.errorParams?.availableTiyn : undefined;
  return typeof said === 'number' ? Math.max(0, recorded - Math.max(0, said)) : 0;
}

/** The amount field's text: what was typed, or all that is left. */
export function refundDigits(sale: SaleView, digits: string | null, refunds: readonly RefundView[] = []): string {
  return digits ?? tiynToAmountText(refundableTiyn(sale, refunds));
}

/**
 * The amount field of "refunded in Kaspi Pay instead": what was typed, or else the part of the drop
 * Kaspi showed beyond this refund's amount (empty when there is none: the manager reads it in Kaspi Pay).
 */
export function appRefundDigits(refund: RefundView | null, digits: string | null): string {
  if (digits !== null) return digits;
  const dropped = refund?.errorCode === REFUND_LATE_DROP || (refund && isAppliedAfterVerdict(refund)) ? refund.errorParams?.droppedTiyn : undefined;
  if (!refund || typeof dropped !== 'number') return '';
  // after "not applied" the whole drop is unexplained (the app refund it may be); before, ours is part of it
  if (isAppliedAfterVerdict(refund)) return tiynToAmountText(dropped);
  return dropped > refund.amountTiyn ? tiynToAmountText(dropped - refund.amountTiyn) : '';
}

export function setAppRefundAmount(raw: string, retyped = false): void {
  set((s) => ({ appDigits: normalizeAmountText(raw), error: amountWarning(raw, s.error, retyped) }));
}

export function openRefund(sale: SaleView): void {
  set({ ...EMPTY_REFUND_PANEL, saleId: sale.id });
  void loadRefunds(sale.id);
}

export function closeRefund(): void {
  set({ ...EMPTY_REFUND_PANEL });
}

export function setRefundAmount(raw: string, retyped = false): void {
  set((s) => ({ digits: normalizeAmountText(raw), error: amountWarning(raw, s.error, retyped) }));
}

async function loadRefunds(saleId: string): Promise<void> {
  try {
    const { refunds } = await call('refunds.list', { saleId });
    set((s) => {
      if (s.saleId !== saleId) return {};
      const merged = refunds.reduce(upsertRefund, s.refunds);
      // A refund still running (a refund QR on the customer display, one Kaspi never confirmed) is
      // followed again; else one the manager must look at (a drop after "not applied"); else the newest
      // one, when it ended in a way after which the cashier may have refunded in Kaspi Pay instead (a
      // refund QR scanned while the till was off): its reason and the offer to record that show again.
      const followed = s.refund && !isSettled(s.refund.status) ? (merged.find((r) => r.id === s.refund!.id) ?? s.refund) : null;
      const newest = merged[0];
      const recordOffered = newest?.status === 'failed' && RECORD_OFFERED_AFTER.includes(newest.errorCode ?? '') ? newest : undefined;
      const running = followed ?? merged.find((r) => !isSettled(r.status)) ?? merged.find(isAppliedAfterVerdict) ?? recordOffered ?? s.refund;
      return { refunds: merged, refund: running };
    });
  } catch (error) {
    const e = toApiError(error);
    set((s) => (s.saleId === saleId ? { error: { kind: 'api', code: e.code, params: e.params } } : {}));
  }
}

/** After the event stream came back: the open panel's refunds as main has them now (events were missed). */
export function refreshRefunds(): void {
  const { saleId } = get();
  if (saleId) void loadRefunds(saleId);
}

/**
 * The typed refund amount, when it may be asked about and sent: not while a cut third decimal is
 * flagged, and within what is left (else the panel says why and asks nothing).
 */
export function refundAmountToAsk(sale: SaleView): number | null {
  const state = get();
  if (amountWarned(state.error)) return null;
  const left = refundableTiyn(sale, state.refunds, state.manualReason === REFUNDED_OUTSIDE);
  const typed = refundDigits(sale, state.digits, state.refunds);
  if (endsWithComma(typed)) {
    set({ error: UNFINISHED_TIYN });
    return null;
  }
  const amountTiyn = parseAmountInput(typed);
  if (amountTiyn === null || amountTiyn <= 0 || amountTiyn > left) {
    set({ error: { kind: 'message', key: 'refund.invalidAmount', params: { amount: formatTenge(left) } } });
    return null;
  }
  return amountTiyn;
}

/** `manual`: record a refund the cashier already made in Kaspi Pay; otherwise ask Kaspi to refund. */
export async function submitRefund(sale: SaleView, manual: boolean): Promise<void> {
  const state = get();
  if (state.busy || state.saleId !== sale.id) return;
  const amountTiyn = refundAmountToAsk(sale);
  if (amountTiyn === null) return;
  set({ busy: true, error: null });
  try {
    const refund = manual
      ? await call('refunds.recordManual', { saleId: sale.id, amountTiyn, seenRefundedTiyn: sale.refundedTiyn })
      : await call('refunds.start', { saleId: sale.id, amountTiyn });
    applyRefund(refund, true);
  } catch (error) {
    const e = toApiError(error);
    if (e.code === 'refund_manual_only') {
      // No refund API for this sale: the panel turns into the Kaspi Pay + record flow.
      set((s) => (s.saleId === sale.id ? { manualReason: e.code } : {}));
      return;
    }
    set((s) => (s.saleId === sale.id ? { error: { kind: 'api', code: e.code, params: e.params } } : {}));
    // Another refund of this sale is still open (e.g. one Kaspi never confirmed): show it here.
    if (['refund_unconfirmed', 'refund_in_progress', 'refund_recorded_meanwhile', 'refund_sent_not_recorded', 'refund_to_review'].includes(e.code)) void loadRefunds(sale.id);
  } finally {
    set({ busy: false });
  }
}

export async function cancelRefund(): Promise<void> {
  const { refund, busy } = get();
  if (!refund || busy || isSettled(refund.status)) return;
  set({ busy: true, error: null });
  try {
    applyRefund(await call('refunds.cancel', { refundId: refund.id }), false);
  } catch (error) {
    const e = toApiError(error);
    set({ error: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    set({ busy: false });
  }
}

/**
 * The manager's verdict on a refund Kaspi never confirmed, after looking in Kaspi Pay. Main refuses
 * "not applied" once Kaspi shows a drop by the refund's amount (and leaves it to review: whose drop);
 * "refunded in Kaspi Pay instead" records the amount typed for it, and the rest of the drop counts as
 * this refund's. The same two answers review a refund flagged after "not applied".
 */
export async function resolveRefund(outcome: RefundResolution): Promise<void> {
  const { refund, busy, appDigits, error } = get();
  if (!refund || busy || (outcome === 'refunded_in_app' && amountWarned(error))) return;
  if (!isUnconfirmed(refund) && !(isAppliedAfterVerdict(refund) && outcome !== 'not_applied')) return;
  const appText = appRefundDigits(refund, appDigits);
  if (outcome === 'refunded_in_app' && endsWithComma(appText)) {
    set({ error: UNFINISHED_TIYN });
    return;
  }
  const appTiyn = parseAmountInput(appText);
  if (outcome === 'refunded_in_app' && (appTiyn === null || appTiyn <= 0)) {
    set({ error: { kind: 'message', key: 'refund.appAmountInvalid' } });
    return;
  }
  set({ busy: true, error: null });
  try {
    const request = outcome === 'refunded_in_app' ? { refundId: refund.id, outcome, amountTiyn: appTiyn! } : { refundId: refund.id, outcome };
    applyRefund(await call('refunds.resolve', request), false);
    set({ appDigits: null });
  } catch (error) {
    const e = toApiError(error);
    set({ error: { kind: 'api', code: e.code, params: e.params } });
  } finally {
    set({ busy: false });
  }
}

/** refund.updated from main. */
export function receiveRefund(refund: RefundView): void {
  applyRefund(refund, false);
}

function applyRefund(incoming: RefundView, started: boolean): void {
  set((s) => {
    if (s.saleId !== incoming.saleId) return {};
    const follows = started || s.refund === null || s.refund.id === incoming.id || isSettled(s.refund.status);
    const refund = follows ? mergeRefund(s.refund, incoming) : s.refund;
    // Once a refund is done the default amount is again "all that is left".
    const digits = refund?.id === incoming.id && refund.status === 'done' ? null : s.digits;
    // The r2 buyer check could not find the sale among the buyer's last purchases: Kaspi Pay + record.
    // A refund Kaspi showed made outside Kassa, once recorded here: what is left goes through Kaspi again.
    const outsideRecorded = started && s.manualReason === REFUNDED_OUTSIDE && incoming.method === 'manual' && incoming.status === 'done';
    const manualReason =
      refund?.id === incoming.id && refund.status === 'failed' && MANUAL_AFTER.includes(refund.errorCode ?? '') ? refund.errorCode : outsideRecorded ? null : s.manualReason;
    // "a refund of this sale is already under way / unconfirmed" is no longer true once the one followed has ended
    const stale = s.error?.kind === 'api' && (s.error.code === 'refund_in_progress' || s.error.code === 'refund_unconfirmed') && refund?.id === incoming.id && isSettled(incoming.status);
    return { refund, refunds: upsertRefund(s.refunds, incoming), digits, manualReason, ...(stale ? { error: null } : {}) };
  });
}

/** The cashier refunded in Kaspi Pay instead of the refund that ended `code`: the panel records that. */
export function recordInsteadOf(code: string): void {
  set({ manualReason: code, error: null });
}

/** Kaspi shows `amountTiyn` refunded outside Kassa (the Kaspi Pay app): the panel records it, that amount filled in. */
export function recordRefundedOutside(amountTiyn: number): void {
  set({ manualReason: REFUNDED_OUTSIDE, error: null, digits: tiynToAmountText(amountTiyn) });
}
