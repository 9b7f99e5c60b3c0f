// Everything one running simulator knows, wired together: purchases (the core, in memory), the
// merchant world, refund QRs, refunds, fault rules, auth settings and a clock that tests may move.
import { MemoryPurchaseStore, type AutoPay } from './purchase-store.js';
import { KaspiSimulator, type SimulatorTimers } from './kaspi-simulator.js';
import { RETURN_DEFAULT_TIMERS, ReturnQrs, type ReturnQrTimers } from './return-qrs.js';
import type { AuthConfig } from './simulator-auth.js';
import { FaultBook, type FaultRule } from './simulator-faults.js';
import { RefundDesk } from './simulator-refunds.js';
import { DEFAULT_BIN, DEFAULT_ORGANIZATIONS, SimWorld, type SimOrganization } from './simulator-world.js';

export interface SimStateOptions {
  organizations?: SimOrganization[];
  /** The organization of r1 keys and r2 certificates that name none. */
  defaultBin?: string;
  timers?: Partial<SimulatorTimers>;
  returnTimers?: Partial<ReturnQrTimers>;
  paymentMethods?: string[];
  autoPay?: AutoPay | null;
  /** The base clock (Date.now by default); `POST /_sim/clock` adds an offset on top. */
  now?: () => number;
  /** Exact Api-Keys accepted; omitted/null = any key starting with `test_`. */
  apiKeys?: string[] | null;
  apiKeyOrganizations?: Record<string, string>;
  faults?: FaultRule[];
}

export interface SimState {
  core: KaspiSimulator;
  world: SimWorld;
  returns: ReturnQrs;
  refunds: RefundDesk;
  faults: FaultBook;
  auth: AuthConfig;
  clock: { offsetMs: number };
  now(): number;
}

export function createSimState(options: SimStateOptions = {}): SimState {
  const base = options.now ?? Date.now;
  const clock = { offsetMs: 0 };
  const now = () => base() + clock.offsetMs;
  const world = new SimWorld(options.organizations ?? DEFAULT_ORGANIZATIONS);
  const core = new KaspiSimulator({
    store: new MemoryPurchaseStore(),
    timers: options.timers,
    paymentMethods: options.paymentMethods,
    autoPay: options.autoPay ?? null,
    now,
    storeInfo: (tradePointId) => {
      const found = tradePointId === null ? null : world.tradePoint(null, tradePointId);
      return found ? { storeName: found.tradePoint.name, address: found.tradePoint.address, city: found.tradePoint.city } : null;
    },
  });
  const faults = new FaultBook();
  if (options.faults) faults.add(options.faults);
  return {
    core,
    world,
    returns: new ReturnQrs({ ...RETURN_DEFAULT_TIMERS, ...options.returnTimers }, now),
    refunds: new RefundDesk(core),
    faults,
    auth: {
      apiKeys: options.apiKeys ?? null,
      apiKeyOrganizations: options.apiKeyOrganizations ?? {},
      defaultBin: options.defaultBin ?? DEFAULT_BIN,
      knownBins: (bin) => world.organization(bin) !== null,
    },
    clock,
    now,
  };
}
