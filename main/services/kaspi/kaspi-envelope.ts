// Turns a Kaspi response envelope into data or a KaspiError. Shared by the HTTP client and demo mode.
import type { z } from 'zod';
import { KaspiError, type QrPurchase } from './kaspi-port.js';
import { envelopeSchema, qrCreateDataSchema, statusDataSchema } from './kaspi-schemas.js';

/** -999 means "service temporarily unavailable": nothing happened, asking again later is safe. */
const RETRYABLE_CODES = new Set([-999]);

export function unwrap<S extends z.ZodType>(raw: unknown, dataSchema: S): z.infer<S> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new KaspiError('unavailable', null, 'malformed Kaspi response');
  const { StatusCode, Data } = envelope.data;
  const message = envelope.data.Message ?? envelope.data.message ?? '';
  if (StatusCode !== 0) {
    throw new KaspiError(RETRYABLE_CODES.has(StatusCode) ? 'unavailable' : 'rejected', StatusCode, message);
  }
  const data = dataSchema.safeParse(Data);
  if (!data.success) throw new KaspiError('unavailable', null, 'unexpected Kaspi response data');
  return data.data;
}

export function toQrPurchase(raw: unknown): QrPurchase {
  const d = unwrap(raw, qrCreateDataSchema);
  return {
    qrToken: d.QrToken,
    qrPaymentId: d.QrPaymentId,
    expireDate: d.ExpireDate,
    paymentMethods: d.PaymentMethods,
    pollIntervalS: d.QrPaymentBehaviorOptions.StatusPollingInterval,
    scanTimeoutS: d.QrPaymentBehaviorOptions.QrCodeScanWaitTimeout,
    confirmTimeoutS: d.QrPaymentBehaviorOptions.PaymentConfirmationTimeout,
  };
}

export function toStatus(raw: unknown): string {
  return unwrap(raw, statusDataSchema).Status;
}
