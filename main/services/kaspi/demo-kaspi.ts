// Demo mode's Kaspi: the simulator in-process, its answers parsed exactly like the real API's.
import { z } from 'zod';
import { tiynToTenge } from '../../../shared/money.js';
import { toQrPurchase, toStatus, unwrap } from './kaspi-envelope.js';
import type { KaspiPort, QrPurchase, TestHook } from './kaspi-port.js';
import type { KaspiSimulator } from './simulator/kaspi-simulator.js';

export const DEMO_DEVICE_TOKEN = 'demo-device-0000-0000-000000000000';

/** Demo timers: a quick polling tick so the demo feels live; Kaspi's own waiting windows. */
export const DEMO_TIMERS = { pollIntervalS: 1, scanTimeoutS: 180, confirmTimeoutS: 65 };

export class DemoKaspi implements KaspiPort {
  constructor(private readonly simulator: KaspiSimulator) {}

  async createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase> {
    // Round-trip through JSON like a network call would, so nothing in-process leaks through.
    const body = JSON.parse(
      JSON.stringify({ DeviceToken: DEMO_DEVICE_TOKEN, Amount: tiynToTenge(request.amountTiyn), ExternalId: request.externalId }),
    );
    return toQrPurchase(JSON.parse(JSON.stringify(this.simulator.createQr(body))));
  }

  async paymentStatus(qrPaymentId: string): Promise<string> {
    return toStatus(JSON.parse(JSON.stringify(this.simulator.status(qrPaymentId))));
  }

  async testHook(hook: TestHook, qrPaymentId: string): Promise<void> {
    unwrap(JSON.parse(JSON.stringify(this.simulator.testHook(hook, qrPaymentId))), z.unknown());
  }
}
