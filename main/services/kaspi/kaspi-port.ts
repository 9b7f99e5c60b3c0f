// What the services need from Kaspi. Implemented by the in-process demo simulator and by the HTTP
// client of the real API (r1/r2/r3) — the sale flow cannot tell them apart.

export interface QrPurchase {
  qrToken: string;
  /** Kaspi's Int64 purchase id, kept as a decimal string so no digit is ever lost. */
  qrPaymentId: string;
  /** ISO date with offset, as Kaspi sent it (null when it sent none readable: it is only kept). */
  expireDate: string | null;
  paymentMethods: string[];
  pollIntervalS: number;
  scanTimeoutS: number;
  confirmTimeoutS: number;
}

/** qr/create-link: the same purchase, as a pay link for a buyer on the phone. */
export interface LinkPurchase extends Omit<QrPurchase, 'qrToken'> {
  payLink: string;
}

export interface PaymentStatus {
  /** Kaspi's raw status string (unknown strings are passed through). */
  status: string;
  transactionId?: string | null;
  productType?: string | null;
}

export interface PaymentDetails {
  qrPaymentId: string;
  totalTiyn: number;
  availableReturnTiyn: number;
  transactionDate: string | null;
}

export interface ReturnQr {
  qrToken: string;
  qrReturnId: string;
  expireDate: string | null;
  pollIntervalS: number;
  scanTimeoutS: number;
}

export type TestHook = 'scan' | 'confirm' | 'scanerror' | 'confirmerror';

export interface KaspiPort {
  /** qr/create. Not idempotent: each call creates a purchase. Throws KaspiError. */
  createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase>;
  /** qr/create-link. Not idempotent either. */
  createLink(request: { amountTiyn: number; externalId: string }): Promise<LinkPurchase>;
  /** payment/status (v01, or v02 where enabled). */
  /** `timeoutMs`: a read that must be brief (the client's own timeout otherwise). */
  paymentStatus(qrPaymentId: string, options?: { timeoutMs?: number }): Promise<PaymentStatus>;
  /** The /test/payment/* emulation hooks (demo simulator, Kaspi's test host). */
  testHook(hook: TestHook, qrPaymentId: string): Promise<void>;
  /** health/ping: is Kaspi heard at all (nothing is created or read). Throws KaspiError. */
  ping(): Promise<void>;
}

/** Refunds: r3 calls payment/return directly; r2 first shows a refund QR the buyer scans. r1 has none. */
export interface KaspiRefundPort {
  readonly refundMethod: 'api' | 'qr';
  paymentDetails(qrPaymentId: string): Promise<PaymentDetails>;
  /** Not idempotent: a lost answer may still have refunded. */
  paymentReturn(request: { qrPaymentId: string; amountTiyn: number; qrReturnId?: string | null }): Promise<{ returnOperationId: string }>;
  returnCreate(request: { externalId: string }): Promise<ReturnQr>;
  returnStatus(qrReturnId: string): Promise<string>;
  returnOperations(qrReturnId: string): Promise<{ qrPaymentId: string; amountTiyn: number; transactionDate: string | null }[]>;
}

/**
 * - rejected: Kaspi answered with a non-zero StatusCode (the request did nothing), or refused us (auth, 404).
 * - unavailable: the request did not take effect, or asking again is safe (GET, -999, connection refused).
 * - unknown_outcome: the request may or may not have taken effect (timeout or dropped connection after sending).
 */
export type KaspiErrorKind = 'rejected' | 'unavailable' | 'unknown_outcome';

export class KaspiError extends Error {
  constructor(
    readonly kind: KaspiErrorKind,
    readonly statusCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'KaspiError';
  }
}
