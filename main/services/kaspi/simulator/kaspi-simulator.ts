// A faithful Kaspi QR purchase simulator, at the level of Kaspi's own JSON (envelopes, PascalCase).
// Demo mode calls it in-process; `kassa simulator` serves the same object over HTTP and adds devices,
// trade points and refunds around it. Timers are evaluated lazily from timestamps (purchase-timers.ts),
// so state survives restarts when the store persists.
import { randomInt } from 'node:crypto';
import { toAlmatyIso } from '../../../../shared/almaty-time.js';
import { MAX_SALE_TIYN, tengeToTiyn } from '../../../../shared/money.js';
import type { AutoPay, PurchaseStore, SimPurchase } from './purchase-store.js';
import { advancePurchase, applyEvent, DEFAULT_BUYER, KASPI_DEFAULT_TIMERS, type SimulatorTimers } from './purchase-timers.js';
import { int64, tenge } from './sim-json.js';
import { CODES, fail, hookFail, hookOk, MESSAGES, ok, type Envelope } from './simulator-codes.js';

export { KASPI_DEFAULT_TIMERS, type SimulatorTimers } from './purchase-timers.js';
export type { Envelope } from './simulator-codes.js';

/** What a v02 status shows about the shop once a purchase is processed. */
export interface StoreInfo {
  storeName: string;
  address: string;
  city: string;
}

export interface SimulatorOptions {
  store: PurchaseStore;
  timers?: Partial<SimulatorTimers>;
  paymentMethods?: string[];
  now?: () => number;
  /** Demo: the buyer scans and confirms by themselves after so many seconds. */
  autoPay?: AutoPay | null;
  /** Looks up the shop a purchase belongs to (v02 status fields). */
  storeInfo?: (tradePointId: string | null) => StoreInfo | null;
}

/** Who created a purchase (the HTTP server knows; demo mode leaves it empty). */
export interface PurchaseContext {
  tradePointId?: string | null;
  organizationBin?: string | null;
}

export interface CreateBody {
  DeviceToken: string;
  Amount: number;
  ExternalId?: string | null;
}

export const SIM_MESSAGES = {
  purchaseNotFound: MESSAGES[CODES.purchaseNotFound]!,
  wrongAmount: MESSAGES[CODES.wrongAmount]!,
  wrongStatus: 'Операция невозможна в текущем статусе покупки',
} as const;

const DEFAULT_STORE: StoreInfo = { storeName: 'Тестовый магазин', address: 'ул. Примерная, 1', city: 'Алматы' };

/** A positive tenge amount with at most 2 decimals and below an absurd ceiling, in tiyn; else null. */
export function parseSaleAmount(amount: unknown): number | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return null;
  try {
    const tiyn = tengeToTiyn(amount);
    return tiyn > 0 && tiyn <= MAX_SALE_TIYN ? tiyn : null;
  } catch {
    return null;
  }
}

export class KaspiSimulator {
  readonly timers: SimulatorTimers;
  autoPay: AutoPay | null;
  private readonly store: PurchaseStore;
  private readonly methods: string[];
  private readonly clock: () => number;
  private readonly storeInfo: (tradePointId: string | null) => StoreInfo | null;

  constructor(options: SimulatorOptions) {
    this.store = options.store;
    this.timers = { ...KASPI_DEFAULT_TIMERS, ...options.timers };
    this.methods = options.paymentMethods ?? ['Gold', 'Red', 'Loan'];
    this.clock = options.now ?? Date.now;
    this.autoPay = options.autoPay ?? null;
    this.storeInfo = options.storeInfo ?? (() => null);
  }

  now(): number {
    return this.clock();
  }

  /** POST qr/create. Amount is Kaspi's decimal tenge. */
  createQr(body: CreateBody, context: PurchaseContext = {}): Envelope {
    const purchase = this.create(body, context, 'qr');
    if (!purchase) return fail(CODES.wrongAmount);
    return ok({
      QrToken: purchase.qrToken,
      ExpireDate: this.expireDate(purchase),
      QrPaymentId: int64(purchase.qrPaymentId),
      PaymentMethods: this.methods,
      QrPaymentBehaviorOptions: {
        StatusPollingInterval: this.timers.pollIntervalS,
        QrCodeScanWaitTimeout: this.timers.scanTimeoutS,
        PaymentConfirmationTimeout: this.timers.confirmTimeoutS,
      },
    });
  }

  /** POST qr/create-link: the same purchase, answered as a pay link (note the different names). */
  createLink(body: CreateBody, context: PurchaseContext = {}): Envelope {
    const purchase = this.create(body, context, 'link');
    if (!purchase) return fail(CODES.wrongAmount);
    return ok({
      PaymentLink: `https://pay.kaspi.kz/pay/${purchase.qrToken}`,
      ExpireDate: this.expireDate(purchase),
      PaymentId: int64(purchase.qrPaymentId),
      PaymentMethods: this.methods,
      PaymentBehaviorOptions: {
        StatusPollingInterval: this.timers.pollIntervalS,
        LinkActivationWaitTimeout: this.timers.scanTimeoutS,
        PaymentConfirmationTimeout: this.timers.confirmTimeoutS,
      },
    });
  }

  /** GET v01/payment/status/{id}. */
  status(qrPaymentId: string): Envelope {
    const purchase = this.purchase(qrPaymentId);
    if (!purchase) return fail(CODES.purchaseNotFound);
    return ok({ Status: purchase.status });
  }

  /** GET v02/payment/status/{id}: v01 plus the transaction and shop once processed. */
  statusV02(qrPaymentId: string): Envelope {
    const purchase = this.purchase(qrPaymentId);
    if (!purchase) return fail(CODES.purchaseNotFound);
    if (purchase.status !== 'Processed') return ok({ Status: purchase.status });
    const shop = this.storeInfo(purchase.tradePointId ?? null) ?? DEFAULT_STORE;
    return ok({
      Status: purchase.status,
      TransactionId: purchase.transactionId ?? '',
      ProductType: this.methods[0] ?? 'Gold',
      Amount: tenge(purchase.amountTiyn),
      LoanOfferName: '',
      LoanTerm: 0,
      IsOffer: false,
      StoreName: shop.storeName,
      Address: shop.address,
      City: shop.city,
    });
  }

  /** POST test/payment/{scan|confirm|scanerror|confirmerror}, body {qrPaymentId: "<id>"}. */
  testHook(hook: 'scan' | 'confirm' | 'scanerror' | 'confirmerror', qrPaymentId: string, buyerId = DEFAULT_BUYER): Envelope {
    const purchase = this.purchase(qrPaymentId);
    if (!purchase) return hookFail(CODES.purchaseNotFound);
    if (!applyEvent(purchase, hook, this.clock(), buyerId)) return hookFail(CODES.refundWrongStatus, SIM_MESSAGES.wrongStatus);
    this.store.put(purchase);
    return hookOk();
  }

  /** A purchase with every due timer applied, or null. */
  purchase(qrPaymentId: string): SimPurchase | null {
    const purchase = this.store.get(qrPaymentId);
    if (!purchase) return null;
    if (advancePurchase(purchase, this.clock(), this.timers)) this.store.put(purchase);
    return purchase;
  }

  /** Every purchase, timers applied, oldest first. */
  purchases(): SimPurchase[] {
    const now = this.clock();
    return this.store.list().map((p) => {
      if (advancePurchase(p, now, this.timers)) this.store.put(p);
      return p;
    });
  }

  /** Writes back a purchase changed by the refund logic. */
  save(purchase: SimPurchase): void {
    this.store.put(purchase);
  }

  clear(): void {
    this.store.clear();
  }

  private create(body: CreateBody, context: PurchaseContext, kind: 'qr' | 'link'): SimPurchase | null {
    const amountTiyn = parseSaleAmount(body.Amount);
    if (amountTiyn === null) return null;
    const purchase: SimPurchase = {
      qrPaymentId: this.store.nextId(),
      qrToken: randomDigits(41),
      amountTiyn,
      deviceToken: String(body.DeviceToken),
      externalId: body.ExternalId ?? null,
      status: 'QrTokenCreated',
      createdAt: this.clock(),
      scannedAt: null,
      finishedAt: null,
      refundedTiyn: 0,
      kind,
      tradePointId: context.tradePointId ?? null,
      organizationBin: context.organizationBin ?? null,
      buyerId: null,
      transactionId: null,
      refunds: [],
      autoPay: this.autoPay,
    };
    this.store.put(purchase);
    return purchase;
  }

  private expireDate(purchase: SimPurchase): string {
    return toAlmatyIso(purchase.createdAt + this.timers.scanTimeoutS * 1000);
  }
}

export function randomDigits(count: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < count) digits += String(randomInt(0, 10));
  return digits;
}
