// The purchase lifecycle as pure functions: legal buyer events, lazy timeouts, auto-pay order.
import { describe, expect, it } from 'vitest';
import type { SimPurchase } from '../../../main/services/kaspi/simulator/purchase-store.js';
import { advancePurchase, applyEvent, KASPI_DEFAULT_TIMERS } from '../../../main/services/kaspi/simulator/purchase-timers.js';

const T0 = 1_000_000;
const purchase = (over: Partial<SimPurchase> = {}): SimPurchase => ({
  qrPaymentId: '13000000101',
  qrToken: '1'.repeat(41),
  amountTiyn: 100,
  deviceToken: 't',
  externalId: null,
  status: 'QrTokenCreated',
  createdAt: T0,
  scannedAt: null,
  finishedAt: null,
  refundedTiyn: 0,
  ...over,
});

describe('applyEvent', () => {
  it('scan -> Wait (buyer noted), confirm -> Processed with a transaction id', () => {
    const p = purchase();
    expect(applyEvent(p, 'scan', T0 + 5, 'anna')).toBe(true);
    expect(p).toMatchObject({ status: 'Wait', scannedAt: T0 + 5, buyerId: 'anna' });
    expect(applyEvent(p, 'confirm', T0 + 9)).toBe(true);
    expect(p).toMatchObject({ status: 'Processed', finishedAt: T0 + 9, transactionId: '3600000101' });
  });

  it.each([
    ['confirm', 'QrTokenCreated'],
    ['confirmerror', 'QrTokenCreated'],
    ['scan', 'Wait'],
    ['scanerror', 'Wait'],
    ['scan', 'Processed'],
    ['confirm', 'Processed'],
    ['confirm', 'Error'],
  ] as const)('%s is refused in %s', (event, status) => {
    const p = purchase({ status, scannedAt: status === 'QrTokenCreated' ? null : T0 });
    expect(applyEvent(p, event, T0 + 1)).toBe(false);
    expect(p.status).toBe(status);
  });
});

describe('advancePurchase', () => {
  const timers = KASPI_DEFAULT_TIMERS;

  it('expires an unscanned purchase exactly at the scan timeout, stamped at the deadline', () => {
    const p = purchase();
    expect(advancePurchase(p, T0 + 179_999, timers)).toBe(false);
    expect(advancePurchase(p, T0 + 500_000, timers)).toBe(true);
    expect(p).toMatchObject({ status: 'Error', finishedAt: T0 + 180_000 });
  });

  it('expires a scanned purchase 65 s after the scan', () => {
    const p = purchase({ status: 'Wait', scannedAt: T0 + 170_000 });
    expect(advancePurchase(p, T0 + 234_999, timers)).toBe(false);
    expect(advancePurchase(p, T0 + 235_000, timers)).toBe(true);
    expect(p).toMatchObject({ status: 'Error', finishedAt: T0 + 235_000 });
  });

  it('auto-pay runs scan then confirm in time order, even when read much later', () => {
    const p = purchase({ autoPay: { scanAfterS: 3, confirmAfterS: 4 } });
    expect(advancePurchase(p, T0 + 60_000_000, timers)).toBe(true);
    expect(p).toMatchObject({ status: 'Processed', scannedAt: T0 + 3000, finishedAt: T0 + 7000, buyerId: 'buyer-1' });
  });

  it('auto-pay slower than a deadline loses to it', () => {
    const late = purchase({ autoPay: { scanAfterS: 181, confirmAfterS: 1 } });
    advancePurchase(late, T0 + 1_000_000, timers);
    expect(late).toMatchObject({ status: 'Error', scannedAt: null });
    const slowConfirm = purchase({ autoPay: { scanAfterS: 1, confirmAfterS: 66 } });
    advancePurchase(slowConfirm, T0 + 1_000_000, timers);
    expect(slowConfirm).toMatchObject({ status: 'Error', scannedAt: T0 + 1000, finishedAt: T0 + 66_000 });
  });

  it('never touches a final purchase', () => {
    const p = purchase({ status: 'Processed', scannedAt: T0, finishedAt: T0 + 1 });
    expect(advancePurchase(p, T0 + 10 ** 9, timers)).toBe(false);
  });
});
