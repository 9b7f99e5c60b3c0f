import { describe, expect, it } from 'vitest';
import { SALE_STATUSES, type SaleStatus } from '../../shared/domain.js';
import { checkTransition, kaspiStatusOf, targetForKaspiStatus } from '../../main/services/payments/payment-machine.js';

// The table below is the specification, written out independently of the implementation's table.
const LEGAL: [SaleStatus, SaleStatus][] = [
  ['created', 'qr_shown'],
  ['created', 'failed'],
  ['created', 'unknown'],
  ['created', 'cancelled'],
  ['unknown', 'expired'],
  ['unknown', 'failed'],
  ['qr_shown', 'scanned'],
  ['qr_shown', 'paid'],
  ['qr_shown', 'failed'],
  ['qr_shown', 'expired'],
  ['qr_shown', 'cancelled'],
  ['scanned', 'paid'],
  ['scanned', 'failed'],
  ['scanned', 'expired'],
  ['scanned', 'cancelled'],
  ['expired', 'paid'],
  ['cancelled', 'paid'],
];
const isLegal = (from: SaleStatus, to: SaleStatus) => LEGAL.some(([f, t]) => f === from && t === to);

describe('sale state machine', () => {
  it.each(LEGAL)('allows %s -> %s', (from, to) => {
    expect(checkTransition(from, to)).toBe('move');
  });

  const illegal = SALE_STATUSES.flatMap((from) =>
    SALE_STATUSES.filter((to) => to !== from && !isLegal(from, to)).map((to) => [from, to] as [SaleStatus, SaleStatus]),
  );
  it.each(illegal)('refuses %s -> %s', (from, to) => {
    expect(checkTransition(from, to)).toBe('illegal');
  });

  it.each(SALE_STATUSES.map((s) => [s]))('accepts a re-delivery of %s as a no-op', (status) => {
    expect(checkTransition(status, status)).toBe('same');
  });

  it('never lets a paid sale go anywhere', () => {
    for (const to of SALE_STATUSES) if (to !== 'paid') expect(checkTransition('paid', to)).toBe('illegal');
  });
});

describe('Kaspi status -> sale status', () => {
  it('maps the documented statuses', () => {
    expect(targetForKaspiStatus('qr_shown', kaspiStatusOf('Wait'))).toBe('scanned');
    expect(targetForKaspiStatus('qr_shown', kaspiStatusOf('Processed'))).toBe('paid');
    expect(targetForKaspiStatus('scanned', kaspiStatusOf('Processed'))).toBe('paid');
    expect(targetForKaspiStatus('scanned', kaspiStatusOf('Error'))).toBe('failed');
    expect(targetForKaspiStatus('qr_shown', kaspiStatusOf('QrTokenCreated'))).toBeNull();
  });
  it('lets Kaspi confirm a sale the cashier gave up on, but never fail it twice', () => {
    expect(targetForKaspiStatus('cancelled', kaspiStatusOf('Processed'))).toBe('paid');
    expect(targetForKaspiStatus('expired', kaspiStatusOf('Processed'))).toBe('paid');
    expect(targetForKaspiStatus('expired', kaspiStatusOf('Error'))).toBeNull();
    expect(targetForKaspiStatus('scanned', kaspiStatusOf('Wait'))).toBeNull();
  });
  it('tolerates unknown status strings', () => {
    expect(kaspiStatusOf('IrisDestBlockCode12')).toBe('other');
    expect(targetForKaspiStatus('qr_shown', kaspiStatusOf('QrTokenDiscarded'))).toBeNull();
  });
});
