// Live r3 over HTTPS: which refunds hold the Kaspi identity locked (gaps found by mutation testing). A
// payment/return whose answer was lost is live work from the first check on, before it is ever left to
// the manager; a refund recorded by hand (done in the Kaspi Pay app) is no live work at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import type { RefundView } from '../../../shared/domain.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { paidLiveSale, refundsOf } from '../refunds/live-refund-core.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
let core: KassaCore | null = null;
let clock: ManualScheduler;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  clock = new ManualScheduler(Date.now());
  sim = await startSim('r3', `${dir}/pki`, { timers: { pollIntervalS: 1 } });
  core = await startLiveCore(sim, 'r3', `${dir}/data`, clock);
});
afterEach(async () => {
  await core?.close();
  await sim.close();
  core = null;
  cleanup();
});

describe('live r3: refunds and the identity lock', () => {
  it('a payment/return whose answer was lost locks the identity while Kassa still checks it, and lets go once Kaspi shows it went through', async () => {
    const sale = await paidLiveSale(core!, sim, clock, 1_000_000);
    await sim.control.addFaults([{ route: 'payment/return', fault: 'drop', stage: 'after', times: 1 }]);
    const refund = await cashier<RefundView>(core!, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 });
    expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'live_work_pending' });
    await clock.advance(5_000);
    await waitFor(async () => (await refundsOf(core!, sale.id))[0]!.status === 'done');
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'switch_to_demo_first' });
  });

  it('a refund recorded by hand is settled at once: no live work is left behind it', async () => {
    const sale = await paidLiveSale(core!, sim, clock, 1_000_000);
    const manual = await cashier<RefundView>(core!, 'refunds.recordManual', { saleId: sale.id, amountTiyn: 300_000 });
    expect(manual).toMatchObject({ status: 'done', method: 'manual' });
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'switch_to_demo_first' });
  });
});
