// The real core in live mode against the simulator over HTTPS on 127.0.0.1, on a manual clock, for
// refunds: paid sales by a chosen buyer, the refunds of a sale, and a clock step that waits (real
// time) until the refund watch step it started has finished and planned its next run.
import { afterEach, beforeEach } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import type { RefundView, SaleView } from '../../../shared/domain.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

/** Past the customer display's linger after a payment: no sale timer is left on the clock. */
const PAST_DISPLAY_LINGER_MS = 30_000;

export async function paidLiveSale(core: KassaCore, sim: SimulatorServer, clock: ManualScheduler, amountTiyn: number, buyerId = 'buyer-1'): Promise<SaleView> {
  const sale = await cashier(core, 'payments.charge', { amountTiyn });
  sim.control.state.core.testHook('scan', sale.qrPaymentId!, buyerId);
  sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
  const paid = await waitFor(async () => {
    await clock.advance(1000);
    const view = await cashier(core, 'payments.get', { saleId: sale.id });
    return view.status === 'paid' && view;
  });
  await clock.advance(PAST_DISPLAY_LINGER_MS);
  return paid;
}

export async function refundsOf(core: KassaCore, saleId: string): Promise<RefundView[]> {
  return (await cashier<{ refunds: RefundView[] }>(core, 'refunds.list', { saleId })).refunds;
}

/**
 * Moves the clock `ms` and waits until a timer is pending again. Only for a phase where the one
 * thing on the clock is an open refund's watch, which always plans its next check.
 */
export async function stepRefundWatch(clock: ManualScheduler, ms: number): Promise<void> {
  await clock.advance(ms);
  await waitFor(() => clock.pending() > 0);
}

export interface LiveRefundEnv {
  dir: string;
  sim: SimulatorServer;
  core: KassaCore;
  clock: ManualScheduler;
}

/**
 * Before each test: a live core of `scheme` on a manual clock against a fresh simulator (1 s polls; an
 * r2 refund QR's as `returnPollIntervalS` says, Kaspi's 5 s by default); closed after it.
 */
export function liveRefundEnv(scheme: 'r2' | 'r3' = 'r2', returnPollIntervalS = 5): LiveRefundEnv {
  const env = {} as LiveRefundEnv;
  let cleanup = () => {};
  beforeEach(async () => {
    ({ dir: env.dir, cleanup } = tempDir());
    env.clock = new ManualScheduler(Date.now());
    env.sim = await startSim(scheme, `${env.dir}/pki`, { timers: { pollIntervalS: 1 }, returnTimers: { pollIntervalS: returnPollIntervalS } });
    env.core = await startLiveCore(env.sim, scheme, `${env.dir}/data`, env.clock);
  });
  afterEach(async () => {
    await env.core.close();
    await env.sim.close();
    cleanup();
  });
  return env;
}
