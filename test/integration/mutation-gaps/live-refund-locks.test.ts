// Live r3 over HTTPS: which refunds hold the Kaspi identity locked (gaps found by mutation testing). A
// payment/return whose answer was lost is live work from the first check on, before it is ever left to
// the manager; a refund recorded by hand (done in the Kaspi Pay app) is no live work at all.
import { describe, expect, it } from 'vitest';
import type { RefundView } from '../../../shared/domain.js';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale, refundsOf } from '../refunds/live-refund-core.js';

const t = liveRefundEnv('r3');

describe('live r3: refunds and the identity lock', () => {
  it('a payment/return whose answer was lost locks the identity while Kassa still checks it, and lets go once Kaspi shows it went through', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 1_000_000);
    await t.sim.control.addFaults([{ route: 'payment/return', fault: 'drop', stage: 'after', times: 1 }]);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 });
    expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
    await expect(cashier(t.core, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'live_work_pending' });
    await t.clock.advance(5_000);
    await waitFor(async () => (await refundsOf(t.core, sale.id))[0]!.status === 'done');
    await expect(cashier(t.core, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'switch_to_demo_first' });
  });

  it('a refund recorded by hand is settled at once: no live work is left behind it', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 1_000_000);
    const manual = await cashier<RefundView>(t.core, 'refunds.recordManual', { saleId: sale.id, amountTiyn: 300_000 });
    expect(manual).toMatchObject({ status: 'done', method: 'manual' });
    await expect(cashier(t.core, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'switch_to_demo_first' });
  });
});
