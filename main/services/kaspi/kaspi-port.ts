// What the payment service needs from Kaspi. Implemented by the in-process demo simulator now and
// by the HTTP client of the real API (r1/r2/r3) — the sale flow cannot tell them apart.

export interface QrPurchase {
  qrToken: string;
  /** Kaspi's Int64 purchase id, kept as a decimal string so no digit is ever lost. */
  qrPaymentId: string;
  /** ISO date with offset, as Kaspi sent it. */
  expireDate: string;
  paymentMethods: string[];
  pollIntervalS: number;
  scanTimeoutS: number;
  confirmTimeoutS: number;
}

export type TestHook = 'scan' | 'confirm' | 'scanerror' | 'confirmerror';

export interface KaspiPort {
  /** qr/create. Not idempotent: each call creates a purchase. Throws KaspiError. */
  createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase>;
  /** payment/status. Returns Kaspi's raw status string (unknown strings are passed through). */
  paymentStatus(qrPaymentId: string): Promise<string>;
  /** The /test/payment/* emulation hooks (demo simulator, Kaspi's test host). */
  testHook(hook: TestHook, qrPaymentId: string): Promise<void>;
}

/**
 * - rejected: Kaspi answered with a non-zero StatusCode (the request did nothing).
 * - unavailable: we know the request did not take effect or it is safe to ask again (GET, -999, connect refused).
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
