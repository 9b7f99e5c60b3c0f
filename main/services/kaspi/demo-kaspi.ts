// Demo mode's Kaspi: the simulator in-process, its answers written and parsed exactly like the real
// API's (the same JSON text, the same envelope checks). Refunds behave like scheme r3 (direct).
import { z } from 'zod';
import { tiynToTenge } from '../../../shared/money.js';
import { toLinkPurchase, toPaymentDetails, toQrPurchase, toReturnOperation, toStatus, unwrap } from './kaspi-envelope.js';
import { parseKaspiJson } from './kaspi-json.js';
import {
  KaspiError,
  type KaspiPort,
  type KaspiRefundPort,
  type LinkPurchase,
  type PaymentDetails,
  type PaymentStatus,
  type QrPurchase,
  type ReturnQr,
  type TestHook,
} from './kaspi-port.js';
import type { KaspiSimulator } from './simulator/kaspi-simulator.js';
import { RefundDesk } from './simulator/simulator-refunds.js';
import { toWireJson } from './simulator/sim-json.js';

export const DEMO_DEVICE_TOKEN = 'demo-device-0000-0000-000000000000';
const DEMO_TRADE_POINT = 'demo';

/** Demo timers: a quick polling tick so the demo feels live; Kaspi's own waiting windows. */
export const DEMO_TIMERS = { pollIntervalS: 1, scanTimeoutS: 180, confirmTimeoutS: 65 };

/** Through JSON text and back, like a network call, so nothing in-process leaks through. */
const wire = (value: unknown): unknown => parseKaspiJson(toWireJson(value));

export class DemoKaspi implements KaspiPort, KaspiRefundPort {
  readonly refundMethod = 'api' as const;
  private readonly desk: RefundDesk;

  constructor(private readonly simulator: KaspiSimulator) {
    this.desk = new RefundDesk(simulator);
  }

  async createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase> {
    return toQrPurchase(wire(this.simulator.createQr(this.body(request), { tradePointId: DEMO_TRADE_POINT })));
  }

  async createLink(request: { amountTiyn: number; externalId: string }): Promise<LinkPurchase> {
    return toLinkPurchase(wire(this.simulator.createLink(this.body(request), { tradePointId: DEMO_TRADE_POINT })));
  }

  async paymentStatus(qrPaymentId: string): Promise<PaymentStatus> {
    return toStatus(wire(this.simulator.status(qrPaymentId)));
  }

  /** The simulator lives in this process: it is always heard. */
  async ping(): Promise<void> {}

  async testHook(hook: TestHook, qrPaymentId: string): Promise<void> {
    unwrap(wire(this.simulator.testHook(hook, qrPaymentId)), z.unknown());
  }

  async paymentDetails(qrPaymentId: string): Promise<PaymentDetails> {
    return toPaymentDetails(wire(this.desk.details(this.purchase(qrPaymentId))), qrPaymentId);
  }

  async paymentReturn(request: { qrPaymentId: string; amountTiyn: number }): Promise<{ returnOperationId: string }> {
    const purchase = this.purchase(request.qrPaymentId);
    return toReturnOperation(wire(this.desk.refund(purchase, purchase.tradePointId ?? DEMO_TRADE_POINT, tiynToTenge(request.amountTiyn))));
  }

  returnCreate(): Promise<ReturnQr> {
    return Promise.reject(new KaspiError('rejected', null, 'demo refunds are direct'));
  }

  returnStatus(): Promise<string> {
    return Promise.reject(new KaspiError('rejected', null, 'demo refunds are direct'));
  }

  returnOperations(): Promise<{ qrPaymentId: string; amountTiyn: number; transactionDate: string | null }[]> {
    return Promise.reject(new KaspiError('rejected', null, 'demo refunds are direct'));
  }

  private body(request: { amountTiyn: number; externalId: string }) {
    return { DeviceToken: DEMO_DEVICE_TOKEN, Amount: tiynToTenge(request.amountTiyn), ExternalId: request.externalId };
  }

  private purchase(qrPaymentId: string) {
    const purchase = this.simulator.purchase(qrPaymentId);
    if (!purchase) throw new KaspiError('rejected', -1601, 'purchase not found');
    return purchase;
  }
}
