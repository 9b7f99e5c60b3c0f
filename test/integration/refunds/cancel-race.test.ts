// A refund cancelled while Kaspi's AvailableReturnAmount is being read: the cancel wins the stored
// state, and the read that comes back after it sends nothing — payment/return goes out only from a
// refund this process itself moved to 'returning'.
import { describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import { KaspiError, type KaspiRefundPort } from '../../../main/services/kaspi/kaspi-port.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { paidDemoSale, refundService } from './lost-return.js';

const t = perTest();
let h: Harness;

describe('a refund cancelled while its check is on the way', () => {
  it('r3: no payment/return is sent, nothing is refunded, the refund stays cancelled', async () => {
    h = testHarness(t);
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let returns = 0;
    const port: KaspiRefundPort = {
      refundMethod: 'api',
      paymentDetails: async (id) => {
        await gate;
        return demo.paymentDetails(id);
      },
      paymentReturn: async (r) => {
        returns += 1;
        return demo.paymentReturn(r);
      },
      returnCreate: () => demo.returnCreate(),
      returnStatus: () => demo.returnStatus(),
      returnOperations: () => demo.returnOperations(),
    };
    const refunds = t.closing(refundService(h, port));
    const started = refunds.start(sale.id, 3000);
    await new Promise((resolve) => setImmediate(resolve));
    const [row] = new RefundsRepo(h.db).forSale(sale.id);
    expect(row).toMatchObject({ status: 'created' });
    expect(refunds.cancel(row!.id)).toMatchObject({ status: 'cancelled' });
    release();
    expect(await started).toMatchObject({ status: 'cancelled' });
    await h.clock.advance(600_000);
    expect(returns).toBe(0);
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(0);
    expect(new RefundsRepo(h.db).forSale(sale.id)).toEqual([expect.objectContaining({ status: 'cancelled', settled: 1 })]);
  });
});

describe('a refund Kaspi refuses before anything is sent', () => {
  it('r3: failed and settled at once — nothing is left to check, the sale can be refunded again', async () => {
    h = testHarness(t);
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    let reads = 0;
    const refunds = t.closing(refundService(h, {
      refundMethod: 'api',
      paymentDetails: async () => {
        reads += 1;
        throw new KaspiError('rejected', -10000, 'no access');
      },
      paymentReturn: (r) => demo.paymentReturn(r),
      returnCreate: () => demo.returnCreate(),
      returnStatus: () => demo.returnStatus(),
      returnOperations: () => demo.returnOperations(),
    }));
    expect(await refunds.start(sale.id, 3000)).toMatchObject({ status: 'failed' });
    expect(new RefundsRepo(h.db).forSale(sale.id)).toEqual([expect.objectContaining({ status: 'failed', settled: 1 })]);
    const before = reads;
    await h.clock.advance(600_000);
    expect(reads).toBe(before);
  });
});
