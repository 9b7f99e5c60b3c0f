import { describe, expect, it } from 'vitest';
import { int64, parseKaspiJson, stringifyKaspiJson, tengeNumber } from '../../../main/services/kaspi/kaspi-json.js';
import { toLinkPurchase, toQrPurchase, toStatus, unwrap } from '../../../main/services/kaspi/kaspi-envelope.js';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import { detailsDataSchema } from '../../../main/services/kaspi/kaspi-schemas.js';
import fixtures from '../../fixtures/kaspi-samples/qr_api_fixtures.json' with { type: 'json' };

describe('Kaspi JSON', () => {
  it('keeps Int64 ids beyond 2^53 digit for digit', () => {
    const parsed = parseKaspiJson('{"QrPaymentId":9223372036854775807,"Small":13000000101,"Amount":4500.10}') as Record<string, unknown>;
    expect(parsed.QrPaymentId).toBe('9223372036854775807');
    expect(parsed.Small).toBe(13000000101);
    expect(parsed.Amount).toBe('4500.10');
  });
  it('writes ids and tenge amounts as exact JSON numbers', () => {
    expect(stringifyKaspiJson({ QrPaymentId: int64('9223372036854775807'), Amount: tengeNumber(450050) })).toBe(
      '{"QrPaymentId":9223372036854775807,"Amount":4500.50}',
    );
    expect(stringifyKaspiJson({ Amount: tengeNumber(450000) })).toBe('{"Amount":4500}');
    expect(stringifyKaspiJson({ Amount: tengeNumber(5) })).toBe('{"Amount":0.05}');
  });
});

describe('Kaspi envelopes (the fixtures of the API notes)', () => {
  const wire = (value: unknown) => parseKaspiJson(JSON.stringify(value));
  it('reads qr/create', () => {
    expect(toQrPurchase(wire(fixtures.qr_create_ok))).toEqual({
      qrToken: '73920461857302946185730294618573029461857',
      qrPaymentId: '13000000101',
      expireDate: '2025-03-01T10:18:02+05:00',
      paymentMethods: ['Gold', 'Red', 'Loan'],
      pollIntervalS: 5,
      scanTimeoutS: 180,
      confirmTimeoutS: 65,
    });
  });
  it('reads statuses, v01 and v02, and tolerates unknown ones', () => {
    expect(toStatus(wire(fixtures.status_wait)).status).toBe('Wait');
    expect(toStatus(wire(fixtures.status_processed_v02))).toMatchObject({ status: 'Processed', transactionId: '3699000123', productType: 'Gold' });
    expect(toStatus(wire({ StatusCode: 0, Data: { Status: 'QrTokenDiscarded' } })).status).toBe('QrTokenDiscarded');
  });
  it('a purchase or a status is never lost to a field Kassa barely uses', () => {
    // qr/create without its timers and with a null ExpireDate: the QR is shown, the documented timers apply
    const bare = toQrPurchase(wire({ StatusCode: 0, Data: { QrToken: '7392', QrPaymentId: 13000000101, ExpireDate: null } }));
    expect(bare).toMatchObject({ qrToken: '7392', qrPaymentId: '13000000101', expireDate: null, pollIntervalS: 5, scanTimeoutS: 180, confirmTimeoutS: 65 });
    const odd = { StatusPollingInterval: 'soon', QrCodeScanWaitTimeout: 120, PaymentConfirmationTimeout: 0 };
    expect(toQrPurchase(wire({ StatusCode: 0, Data: { QrToken: '7392', QrPaymentId: 1, ExpireDate: '2025-03-01T10:18:02+05:00', QrPaymentBehaviorOptions: odd } }))).toMatchObject({
      pollIntervalS: 5,
      scanTimeoutS: 120,
      confirmTimeoutS: 65,
    });
    expect(toLinkPurchase(wire({ StatusCode: 0, Data: { PaymentLink: 'https://pay.kaspi.kz/pay/123', PaymentId: 5 } }))).toMatchObject({
      payLink: 'https://pay.kaspi.kz/pay/123',
      expireDate: null,
      pollIntervalS: 5,
      scanTimeoutS: 180,
      confirmTimeoutS: 65,
    });
    // a Message that is no string does not hide a Processed
    expect(toStatus(wire({ StatusCode: 0, Message: { text: 'ok' }, Data: { Status: 'Processed' } })).status).toBe('Processed');
    // without a token or an id there is nothing to show: still an unknown outcome, never a plain failure
    expect(() => toQrPurchase(wire({ StatusCode: 0, Data: { QrPaymentId: 1 } }))).toThrow(expect.objectContaining({ kind: 'unknown_outcome' }));
  });
  it('turns tenge into exact tiyn', () => {
    expect(unwrap(wire(fixtures.details_ok), detailsDataSchema)).toMatchObject({ TotalAmount: 450000, AvailableReturnAmount: 450000 });
    expect(() => unwrap(wire({ StatusCode: 0, Data: { QrPaymentId: 1, TotalAmount: 1.005, AvailableReturnAmount: 1 } }), detailsDataSchema)).toThrow(KaspiError);
    // a Double Kaspi computed (200.30 − 100.10) printed with its binary noise: still 100,20 ₸ left
    const noisy = parseKaspiJson('{"StatusCode":0,"Data":{"QrPaymentId":1,"TotalAmount":200.30,"AvailableReturnAmount":100.20000000000002}}');
    expect(unwrap(noisy, detailsDataSchema)).toMatchObject({ TotalAmount: 20030, AvailableReturnAmount: 10020 });
  });
  it('maps status codes: business errors are rejections, -999 is "try later"', () => {
    const rejected = (() => {
      try {
        toQrPurchase(wire(fixtures.qr_create_bad_amount));
      } catch (error) {
        return error as KaspiError;
      }
    })();
    expect(rejected).toMatchObject({ kind: 'rejected', statusCode: 990000028 });
    expect(() => toStatus(wire(fixtures.service_unavailable))).toThrow(expect.objectContaining({ kind: 'unavailable', statusCode: -999 }));
    expect(() => toStatus(wire(fixtures.status_not_found))).toThrow(expect.objectContaining({ kind: 'rejected', statusCode: -1601 }));
  });
  it('a garbled answer to a create is an unknown outcome; to a read, just unavailable', () => {
    expect(() => toQrPurchase(wire({ StatusCode: 0, Data: { QrToken: 5 } }))).toThrow(expect.objectContaining({ kind: 'unknown_outcome' }));
    expect(() => toQrPurchase('garbage')).toThrow(expect.objectContaining({ kind: 'unknown_outcome' }));
    expect(() => toStatus('garbage')).toThrow(expect.objectContaining({ kind: 'unavailable' }));
    expect(() => toStatus(wire({ StatusCode: 0 }))).toThrow(expect.objectContaining({ kind: 'unavailable' }));
  });
});

describe('Kaspi dates, read leniently', () => {
  const details = (TransactionDate: string) =>
    unwrap(parseKaspiJson(JSON.stringify({ StatusCode: 0, Data: { QrPaymentId: 1, TotalAmount: 1, AvailableReturnAmount: 1, TransactionDate } })), detailsDataSchema).TransactionDate;
  it.each([
    ['2020-01-16T10:30:00+06', '2020-01-16T10:30:00+06:00'],
    ['2021-12-08T11:35:48.1566667', '2021-12-08T11:35:48+06:00'],
    ['2021-11-3T11:55:14.166+06:00', '2021-11-03T11:55:14+06:00'],
    ['2025-10-22T17:10:50.717+05:00', '2025-10-22T17:10:50+05:00'],
    ['2025-03-01T10:18:02', '2025-03-01T10:18:02+05:00'],
    ['2025-03-01T05:18:02Z', '2025-03-01T10:18:02+05:00'],
  ])('%s -> %s', (raw, normalized) => {
    expect(details(raw)).toBe(normalized);
  });
  it('keeps a date it cannot read as sent instead of failing the answer', () => {
    expect(details('31.02.2025 10:00')).toBe('31.02.2025 10:00');
  });
});
