// Turns a Kaspi response envelope into data or a KaspiError. Shared by the HTTP client and demo mode.
import type { z } from 'zod';
import { KaspiError, type LinkPurchase, type PaymentDetails, type PaymentStatus, type QrPurchase } from './kaspi-port.js';
import { detailsDataSchema, envelopeSchema, linkCreateDataSchema, qrCreateDataSchema, returnDataSchema, statusDataSchema } from './kaspi-schemas.js';

/** -999 means "service temporarily unavailable": nothing happened, asking again later is safe. */
const RETRYABLE_CODES = new Set([-999]);

/**
 * Other sources' spellings of Kaspi's 9-digit codes (KASPI_QR_API.md §7: negative 8-digit in S3,
 * `99000033` in S5): read as the document's own, so they are worded and handled as those.
 */
const CODE_SPELLINGS = new Map([
  [-99000018, 990000018],
  [-99000026, 990000026],
  [-99000028, 990000028],
  [-99000033, 990000033],
  [99000033, 990000033],
]);

/**
 * @param idempotent for a call that creates something, unreadable data after a success code means
 *   the purchase may exist: that is an unknown outcome, not a plain failure.
 */
export function unwrap<S extends z.ZodType>(raw: unknown, dataSchema: S, idempotent = true): z.infer<S> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new KaspiError(idempotent ? 'unavailable' : 'unknown_outcome', null, 'malformed');
  const { Data } = envelope.data;
  const StatusCode = CODE_SPELLINGS.get(envelope.data.StatusCode) ?? envelope.data.StatusCode;
  const message = (envelope.data.Message ?? envelope.data.message ?? '').slice(0, 300);
  if (StatusCode !== 0) {
    // -999 on a read means "ask again later". On a call that creates something we still treat it as
    // "may have happened": a purchase or refund must never be repeated on a guess.
    const kind = !RETRYABLE_CODES.has(StatusCode) ? 'rejected' : idempotent ? 'unavailable' : 'unknown_outcome';
    throw new KaspiError(kind, StatusCode, message);
  }
  const data = dataSchema.safeParse(Data);
  if (!data.success) throw new KaspiError(idempotent ? 'unavailable' : 'unknown_outcome', null, 'unexpected_data');
  return data.data;
}

export function toQrPurchase(raw: unknown): QrPurchase {
  const d = unwrap(raw, qrCreateDataSchema, false);
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

export function toLinkPurchase(raw: unknown): LinkPurchase {
  const d = unwrap(raw, linkCreateDataSchema, false);
  return {
    payLink: d.PaymentLink,
    qrPaymentId: d.PaymentId,
    expireDate: d.ExpireDate,
    paymentMethods: d.PaymentMethods,
    pollIntervalS: d.PaymentBehaviorOptions.StatusPollingInterval,
    scanTimeoutS: d.PaymentBehaviorOptions.LinkActivationWaitTimeout,
    confirmTimeoutS: d.PaymentBehaviorOptions.PaymentConfirmationTimeout,
  };
}

export function toStatus(raw: unknown): PaymentStatus {
  const d = unwrap(raw, statusDataSchema);
  return { status: d.Status, transactionId: d.TransactionId ?? null, productType: d.ProductType ?? null };
}

/** payment/details of `qrPaymentId`: an answer about another purchase is unreadable, never taken for it. */
export function toPaymentDetails(raw: unknown, qrPaymentId: string): PaymentDetails {
  const d = unwrap(raw, detailsDataSchema);
  if (d.QrPaymentId !== qrPaymentId) throw new KaspiError('unavailable', null, 'unexpected_data');
  return { qrPaymentId: d.QrPaymentId, totalTiyn: d.TotalAmount, availableReturnTiyn: d.AvailableReturnAmount, transactionDate: d.TransactionDate ?? null };
}

/** payment/return: not repeatable, so an unreadable success is an unknown outcome. */
export function toReturnOperation(raw: unknown): { returnOperationId: string } {
  return { returnOperationId: unwrap(raw, returnDataSchema, false).ReturnOperationId };
}
