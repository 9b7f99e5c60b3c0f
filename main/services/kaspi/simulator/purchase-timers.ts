// The purchase lifecycle of KASPI_QR_API.md §6 as pure functions over timestamps:
// QrTokenCreated -(scan)-> Wait -(confirm)-> Processed, or Error (scan error, confirm error, timeouts).
// Timers are evaluated lazily whenever a purchase is read, so nothing ticks in the background and a
// persisted purchase resumes correctly after a restart. Auto-pay (demo) is a scheduled scan/confirm.
import type { SimPurchase } from './purchase-store.js';

export interface SimulatorTimers {
  pollIntervalS: number;
  scanTimeoutS: number;
  confirmTimeoutS: number;
}

export const KASPI_DEFAULT_TIMERS: SimulatorTimers = { pollIntervalS: 5, scanTimeoutS: 180, confirmTimeoutS: 65 };

/** The buyer assumed when a scan does not name one. */
export const DEFAULT_BUYER = 'buyer-1';

export type PurchaseEvent = 'scan' | 'confirm' | 'scanerror' | 'confirmerror';

/** Applies one buyer event; returns false when the purchase's status does not allow it. */
export function applyEvent(purchase: SimPurchase, event: PurchaseEvent, at: number, buyerId = DEFAULT_BUYER): boolean {
  const needs = event === 'scan' || event === 'scanerror' ? 'QrTokenCreated' : 'Wait';
  if (purchase.status !== needs) return false;
  if (event === 'scan') {
    purchase.status = 'Wait';
    purchase.scannedAt = at;
    purchase.buyerId = buyerId;
  } else if (event === 'confirm') {
    purchase.status = 'Processed';
    purchase.finishedAt = at;
    purchase.transactionId ??= transactionIdFor(purchase.qrPaymentId);
  } else {
    purchase.status = 'Error';
    purchase.finishedAt = at;
  }
  return true;
}

/** Runs every timer that fell due by `now`, in time order. Returns true when the purchase changed. */
export function advancePurchase(purchase: SimPurchase, now: number, timers: SimulatorTimers): boolean {
  let changed = false;
  for (;;) {
    const next = nextDue(purchase, timers);
    if (!next || next.at > now) return changed;
    applyEvent(purchase, next.event, next.at);
    changed = true;
  }
}

/** The next automatic event: auto-pay if it comes before the deadline, else the timeout. */
function nextDue(purchase: SimPurchase, timers: SimulatorTimers): { event: PurchaseEvent; at: number } | null {
  const auto = purchase.autoPay ?? null;
  if (purchase.status === 'QrTokenCreated') {
    const deadline = purchase.createdAt + timers.scanTimeoutS * 1000;
    const autoAt = auto ? purchase.createdAt + auto.scanAfterS * 1000 : Infinity;
    return autoAt < deadline ? { event: 'scan', at: autoAt } : { event: 'scanerror', at: deadline };
  }
  if (purchase.status === 'Wait' && purchase.scannedAt !== null) {
    // Kaspi cancels an unconfirmed purchase (and returns the money) when the window closes.
    const deadline = purchase.scannedAt + timers.confirmTimeoutS * 1000;
    const autoAt = auto ? purchase.scannedAt + auto.confirmAfterS * 1000 : Infinity;
    return autoAt < deadline ? { event: 'confirm', at: autoAt } : { event: 'confirmerror', at: deadline };
  }
  return null;
}

/** Kaspi's TransactionId relation to other ids is unknown [L]: a 10-digit number derived from the id. */
export function transactionIdFor(qrPaymentId: string): string {
  return `36${qrPaymentId.slice(-8).padStart(8, '0')}`;
}
