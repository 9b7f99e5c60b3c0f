// How a sale reads (shared/sale-label.ts): its status, except where the status alone would mislead.
import { describe, expect, it } from 'vitest';
import type { SaleStatus } from '../../shared/domain.js';
import { translate } from '../../shared/i18n/messages.js';
import { saleLabel, type SaleLabel } from '../../shared/sale-label.js';

const sale = (status: SaleStatus, errorCode: string | null = null, refundedTiyn = 0) => ({ status, errorCode, amountTiyn: 10_000, refundedTiyn });

describe('saleLabel', () => {
  it.each<[ReturnType<typeof sale>, SaleLabel]>([
    [sale('expired', 'kaspi_no_answer'), 'checking'], // Kaspi silent at the deadline: the buyer may have paid
    [sale('expired', 'kaspi_no_final'), 'unresolved'], // Kaspi heard again, never final: look it up
    [sale('expired', 'create_unknown'), 'not_shown'], // the QR never reached a screen
    [sale('expired', 'create_unavailable'), 'not_shown'], // answered -999: no QR either, once closed
    [sale('unknown', 'create_unknown'), 'not_shown'],
    [sale('expired', 'scan_timeout'), 'expired'],
    [sale('expired', 'kaspi_closed_unpaid'), 'expired'],
    [sale('paid'), 'paid'],
    [sale('paid', null, 1), 'partly_refunded'],
    [sale('paid', null, 9_999), 'partly_refunded'],
    [sale('paid', null, 10_000), 'refunded'],
    [sale('failed', 'kaspi_payment_error'), 'failed'],
    [sale('cancelled'), 'cancelled'],
    [sale('qr_shown'), 'qr_shown'],
  ])('%o reads as %s', (input, label) => {
    expect(saleLabel(input)).toBe(label);
  });

  it('every label has its text in every language', () => {
    for (const label of ['checking', 'unresolved', 'not_shown', 'refunded', 'partly_refunded'] as const) {
      for (const locale of ['ru', 'kk', 'en'] as const) expect(translate(locale, `status.${label}`)).not.toBe(`status.${label}`);
    }
  });
});
