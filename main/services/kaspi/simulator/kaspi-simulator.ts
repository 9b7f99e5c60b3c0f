// A faithful Kaspi QR purchase simulator, at the level of Kaspi's own JSON (envelopes, PascalCase).
// Demo mode calls it in-process; `kassa simulator` serves the same object over HTTP.
// Timers are evaluated lazily from timestamps, so state survives restarts when the store persists.
import { randomInt } from 'node:crypto';
import { toAlmatyIso } from '../../../../shared/almaty-time.js';
import { tengeToTiyn } from '../../../../shared/money.js';
import type { PurchaseStore, SimPurchase } from './purchase-store.js';

export interface SimulatorTimers {
  pollIntervalS: number;
  scanTimeoutS: number;
  confirmTimeoutS: number;
}

export interface SimulatorOptions {
  store: PurchaseStore;
  timers?: Partial<SimulatorTimers>;
  paymentMethods?: string[];
  now?: () => number;
}

export interface Envelope {
  StatusCode: number;
  Message?: string;
  message?: string;
  Data?: unknown;
}

export const KASPI_DEFAULT_TIMERS: SimulatorTimers = { pollIntervalS: 5, scanTimeoutS: 180, confirmTimeoutS: 65 };

const ok = (Data?: unknown): Envelope => (Data === undefined ? { StatusCode: 0, Message: 'OK' } : { StatusCode: 0, Message: 'OK', Data });
const fail = (StatusCode: number, Message: string): Envelope => ({ StatusCode, Message });

export const SIM_MESSAGES = {
  purchaseNotFound: 'Покупка не найдена',
  wrongAmount: 'Указана неверная сумма операции',
  wrongStatus: 'Операция невозможна в текущем статусе покупки',
} as const;

export class KaspiSimulator {
  readonly timers: SimulatorTimers;
  private readonly store: PurchaseStore;
  private readonly methods: string[];
  private readonly now: () => number;

  constructor(options: SimulatorOptions) {
    this.store = options.store;
    this.timers = { ...KASPI_DEFAULT_TIMERS, ...options.timers };
    this.methods = options.paymentMethods ?? ['Gold', 'Red', 'Loan'];
    this.now = options.now ?? Date.now;
  }

  /** POST qr/create. Amount is Kaspi's decimal tenge. */
  createQr(body: { DeviceToken: string; Amount: number; ExternalId?: string }): Envelope {
    let amountTiyn: number;
    try {
      amountTiyn = tengeToTiyn(body.Amount);
    } catch {
      return fail(990000028, SIM_MESSAGES.wrongAmount);
    }
    if (amountTiyn <= 0) return fail(990000028, SIM_MESSAGES.wrongAmount);
    const createdAt = this.now();
    const purchase: SimPurchase = {
      qrPaymentId: this.store.nextId(),
      qrToken: randomDigits(41),
      amountTiyn,
      deviceToken: body.DeviceToken,
      externalId: body.ExternalId ?? null,
      status: 'QrTokenCreated',
      createdAt,
      scannedAt: null,
      finishedAt: null,
      refundedTiyn: 0,
    };
    this.store.put(purchase);
    return ok({
      QrToken: purchase.qrToken,
      ExpireDate: toAlmatyIso(createdAt + this.timers.scanTimeoutS * 1000),
      QrPaymentId: Number(purchase.qrPaymentId),
      PaymentMethods: this.methods,
      QrPaymentBehaviorOptions: {
        StatusPollingInterval: this.timers.pollIntervalS,
        QrCodeScanWaitTimeout: this.timers.scanTimeoutS,
        PaymentConfirmationTimeout: this.timers.confirmTimeoutS,
      },
    });
  }

  /** GET payment/status/{id}. */
  status(qrPaymentId: string): Envelope {
    const purchase = this.load(qrPaymentId);
    if (!purchase) return fail(-1601, SIM_MESSAGES.purchaseNotFound);
    return ok({ Status: purchase.status });
  }

  /** POST test/payment/{scan|confirm|scanerror|confirmerror}, body {qrPaymentId: "<id>"}. */
  testHook(hook: 'scan' | 'confirm' | 'scanerror' | 'confirmerror', qrPaymentId: string): Envelope {
    const purchase = this.load(qrPaymentId);
    if (!purchase) return { StatusCode: -1601, message: SIM_MESSAGES.purchaseNotFound };
    const from = purchase.status;
    const legal =
      (hook === 'scan' || hook === 'scanerror') ? from === 'QrTokenCreated' : from === 'Wait';
    if (!legal) return { StatusCode: -99000011, message: SIM_MESSAGES.wrongStatus };
    const at = this.now();
    if (hook === 'scan') {
      purchase.status = 'Wait';
      purchase.scannedAt = at;
    } else {
      purchase.status = hook === 'confirm' ? 'Processed' : 'Error';
      purchase.finishedAt = at;
    }
    this.store.put(purchase);
    return { StatusCode: 0, message: 'OK' };
  }

  /** Reads a purchase and applies the timers that ran out since it was last touched. */
  private load(qrPaymentId: string): SimPurchase | null {
    const purchase = this.store.get(qrPaymentId);
    if (!purchase) return null;
    const now = this.now();
    if (purchase.status === 'QrTokenCreated' && now >= purchase.createdAt + this.timers.scanTimeoutS * 1000) {
      purchase.status = 'Error';
      purchase.finishedAt = purchase.createdAt + this.timers.scanTimeoutS * 1000;
      this.store.put(purchase);
    } else if (
      purchase.status === 'Wait' &&
      purchase.scannedAt !== null &&
      now >= purchase.scannedAt + this.timers.confirmTimeoutS * 1000
    ) {
      // Kaspi cancels an unconfirmed purchase and returns the money.
      purchase.status = 'Error';
      purchase.finishedAt = purchase.scannedAt + this.timers.confirmTimeoutS * 1000;
      this.store.put(purchase);
    }
    return purchase;
  }
}

function randomDigits(count: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < count) digits += String(randomInt(0, 10));
  return digits;
}
