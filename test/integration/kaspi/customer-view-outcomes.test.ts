// What the buyer's screen is told when the outcome is not a plain success or failure (the real core
// in live r1 mode over the simulator on 127.0.0.1, a manual clock): a deadline passed while Kaspi could
// not be heard — the buyer may have paid — reads "being checked", never "failed", until Kaspi answers;
// live mode carries no demo mark, demo mode does.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../helpers/core-harness.js';
import type { CustomerView, SaleView } from '../../../shared/domain.js';
import { saleLabel } from '../../../shared/sale-label.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { liveTestEnv } from '../../helpers/live-test-env.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { waitFor } from '../../helpers/wait-for.js';

const t = liveTestEnv();

describe("the buyer's screen", () => {
  it('says "checking" (not "failed") for a sale whose deadline passed while Kaspi was silent, then "paid" once Kaspi answers', async () => {
    const clock = new ManualScheduler(Date.now());
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`, clock);
    const core = t.core;
    const sale = await cashier(core, 'payments.charge', { amountTiyn: 1_250_000 });
    await t.sim.control.addFaults([{ route: 'payment/status/*', fault: 'http', httpStatus: 503 }]);
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!); // paid at Kaspi; Kassa cannot hear it
    const expired = await waitFor(async () => {
      await clock.advance(5_000);
      const view = await cashier<SaleView>(core, 'payments.get', { saleId: sale.id });
      return view.status === 'expired' && view;
    }, 30_000);
    expect(saleLabel(expired)).toBe('checking');
    expect((await cashier<CustomerView>(core, 'customer.view')).sale).toMatchObject({ status: 'expired', checking: true });
    // The buyer who may have paid is not sent back to "Welcome!" after the usual 20 s: the word stays.
    await clock.advance(60_000);
    expect((await cashier<CustomerView>(core, 'customer.view')).sale).toMatchObject({ status: 'expired', checking: true });

    await t.sim.control.clearFaults();
    await waitFor(async () => {
      await clock.advance(5_000);
      return (await cashier<SaleView>(core, 'payments.get', { saleId: sale.id })).status === 'paid';
    }, 30_000);
    const view = await cashier<CustomerView>(core, 'customer.view');
    expect(view).toMatchObject({ demo: false, sale: { status: 'paid', checking: false } });
  });

  it('carries the demo mark in demo mode', async () => {
    t.core = await openCore(`${t.dir}/demo`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 100_000 });
    await cashier(t.core, 'payments.cancel', { saleId: sale.id });
    expect(await cashier<CustomerView>(t.core, 'customer.view')).toMatchObject({ demo: true, sale: { status: 'cancelled', checking: false } });
  });
});
