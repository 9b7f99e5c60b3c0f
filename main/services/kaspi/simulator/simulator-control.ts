// The simulator's own control surface (not Kaspi's): fault rules, reading purchase state, reset,
// auto-pay and moving the clock. Used in-process by tests (`server.control`) and over HTTP under
// /_sim/* (plain camelCase JSON, no auth, loopback callers only).
import { toAlmatyIso } from '../../../../shared/almaty-time.js';
import { tiynToTenge } from '../../../../shared/money.js';
import { z } from 'zod';
import type { AutoPay, SimPurchase } from './purchase-store.js';
import { faultRuleSchema, type ActiveFault, type FaultRule } from './simulator-faults.js';
import { availableTiyn } from './simulator-refunds.js';
import type { SimState } from './simulator-state.js';

export interface PurchaseView {
  qrPaymentId: string;
  kind: 'qr' | 'link';
  status: string;
  amountTiyn: number;
  refundedTiyn: number;
  availableTiyn: number;
  amount: number;
  tradePointId: string | null;
  organizationBin: string | null;
  deviceToken: string;
  externalId: string | null;
  buyerId: string | null;
  transactionId: string | null;
  createdAt: string;
  scannedAt: string | null;
  finishedAt: string | null;
  refunds: { returnOperationId: string; amountTiyn: number; at: string }[];
}

const iso = (ms: number | null) => (ms === null ? null : toAlmatyIso(ms, true));

export function purchaseView(p: SimPurchase): PurchaseView {
  return {
    qrPaymentId: p.qrPaymentId,
    kind: p.kind ?? 'qr',
    status: p.status,
    amountTiyn: p.amountTiyn,
    refundedTiyn: p.refundedTiyn,
    availableTiyn: availableTiyn(p),
    amount: tiynToTenge(p.amountTiyn),
    tradePointId: p.tradePointId ?? null,
    organizationBin: p.organizationBin ?? null,
    deviceToken: p.deviceToken,
    externalId: p.externalId,
    buyerId: p.buyerId ?? null,
    transactionId: p.transactionId ?? null,
    createdAt: iso(p.createdAt)!,
    scannedAt: iso(p.scannedAt),
    finishedAt: iso(p.finishedAt),
    refunds: (p.refunds ?? []).map((r) => ({ ...r, at: iso(r.at)! })),
  };
}

const autoPaySchema = z.object({ scanAfterS: z.number().min(0).max(86_400), confirmAfterS: z.number().min(0).max(86_400) }).strict();
const faultsBodySchema = z.union([
  z.object({ faults: z.array(faultRuleSchema).max(100), replace: z.boolean().optional() }).strict(),
  faultRuleSchema,
]);
const clockSchema = z.object({ advanceMs: z.number().int().min(0).max(365 * 86_400_000) }).strict();

export class SimulatorControl {
  private readonly initialAutoPay: AutoPay | null;

  constructor(readonly state: SimState) {
    this.initialAutoPay = state.core.autoPay;
  }

  addFaults(rules: FaultRule[], replace = false): ActiveFault[] {
    return this.state.faults.add(rules.map((r) => faultRuleSchema.parse(r)), replace);
  }
  faults(): ActiveFault[] {
    return this.state.faults.list();
  }
  clearFaults(): void {
    this.state.faults.clear();
  }
  purchase(qrPaymentId: string): PurchaseView | null {
    const p = this.state.core.purchase(qrPaymentId);
    return p ? purchaseView(p) : null;
  }
  purchases(): PurchaseView[] {
    return this.state.core.purchases().map(purchaseView);
  }
  /** New purchases are auto-paid (scan after X s, confirm Y s after the scan); null turns it off. */
  setAutoPay(autoPay: AutoPay | null): void {
    this.state.core.autoPay = autoPay === null ? null : autoPaySchema.parse(autoPay);
  }
  /** Moves the simulator's clock forward (timers fire lazily on the next read). */
  advanceClock(ms: number): number {
    this.state.clock.offsetMs += ms;
    return this.state.now();
  }
  /** Forgets purchases, devices, refund QRs and faults; the clock and auto-pay return to their start. */
  reset(): void {
    this.state.core.clear();
    this.state.world.clearDevices();
    this.state.returns.clear();
    this.state.faults.clear();
    this.state.clock.offsetMs = 0;
    this.state.core.autoPay = this.initialAutoPay;
  }

  /** The HTTP face of the above: /_sim/<what>. */
  handleHttp(method: string, path: string, body: unknown): { http: number; json: unknown } {
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    const purchaseMatch = /^GET \/_sim\/purchases\/(\d{1,19})$/.exec(route);
    if (purchaseMatch) {
      const view = this.purchase(purchaseMatch[1]!);
      return view ? { http: 200, json: view } : { http: 404, json: { error: 'purchase not found' } };
    }
    switch (route) {
      case 'GET /_sim/purchases':
        return { http: 200, json: { purchases: this.purchases() } };
      case 'GET /_sim/devices':
        return { http: 200, json: { devices: this.state.world.devices() } };
      case 'GET /_sim/returns':
        return { http: 200, json: { returns: this.state.returns.list() } };
      case 'GET /_sim/faults':
        return { http: 200, json: { faults: this.faults() } };
      case 'DELETE /_sim/faults':
        this.clearFaults();
        return { http: 200, json: { faults: [] } };
      case 'POST /_sim/faults': {
        const parsed = faultsBodySchema.safeParse(body);
        if (!parsed.success) return { http: 400, json: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
        const data = parsed.data;
        const faults = 'faults' in data ? this.addFaults(data.faults, data.replace) : this.addFaults([data]);
        return { http: 200, json: { faults } };
      }
      case 'POST /_sim/reset':
        this.reset();
        return { http: 200, json: { ok: true } };
      case 'POST /_sim/auto-pay': {
        const off = body === null || (typeof body === 'object' && Object.keys(body as object).length === 0);
        const parsed = off ? null : autoPaySchema.safeParse(body);
        if (parsed && !parsed.success) return { http: 400, json: { error: 'expected {scanAfterS, confirmAfterS} or {}' } };
        this.setAutoPay(parsed ? parsed.data : null);
        return { http: 200, json: { autoPay: this.state.core.autoPay } };
      }
      case 'POST /_sim/clock': {
        const parsed = clockSchema.safeParse(body);
        if (!parsed.success) return { http: 400, json: { error: 'expected {advanceMs}' } };
        const now = this.advanceClock(parsed.data.advanceMs);
        return { http: 200, json: { now: toAlmatyIso(now, true), offsetMs: this.state.clock.offsetMs } };
      }
      default:
        return { http: 404, json: { error: `unknown control route ${route}` } };
    }
  }
}
