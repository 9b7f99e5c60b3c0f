// Demo mode's Kaspi: the simulator in-process, its answers parsed exactly like the real API's.
import { z } from 'zod';
import { tiynToTenge } from '../../../shared/money.js';
import { toQrPurchase, toStatus, unwrap } from './kaspi-envelope.js';
import type { KaspiPort, LinkPurchase, PaymentStatus, QrPurchase, TestHook } from './kaspi-port.js';
import type { KaspiSimulator } from './simulator/kaspi-simulator.js';

export const DEMO_DEVICE_TOKEN = 'demo-device-0000-0000-000000000000';

/** Demo timers: a quick polling tick so the demo feels live; Kaspi's own waiting windows. */
export const DEMO_TIMERS = { pollIntervalS: 1, scanTimeoutS: 180, confirmTimeoutS: 65 };

/** Round-trip through JSON like a network call would, so nothing in-process leaks through. */
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

export class DemoKaspi implements KaspiPort {
  constructor(private readonly simulator: KaspiSimulator) {}

  async createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase> {
    const body = wire({ DeviceToken: DEMO_DEVICE_TOKEN, Amount: tiynToTenge(request.amountTiyn), ExternalId: request.externalId });
    return toQrPurchase(wire(this.simulator.createQr(body as Parameters<KaspiSimulator['createQr']>[0])));
  }

  async createLink(request: { amountTiyn: number; externalId: string }): Promise<LinkPurchase> {
    const { qrToken, ...purchase } = await this.createQr(request);
    return { ...purchase, payLink: `https://pay.kaspi.kz/pay/${qrToken}` };
  }

  async paymentStatus(qrPaymentId: string): Promise<PaymentStatus> {
    return toStatus(wire(this.simulator.status(qrPaymentId)));
  }

  async testHook(hook: TestHook, qrPaymentId: string): Promise<void> {
    unwrap(wire(this.simulator.testHook(hook, qrPaymentId)), z.unknown());
  }
}
