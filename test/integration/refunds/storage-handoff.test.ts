// A write refused (a full disk, a read-only database) after Kaspi may have acted on a refund: the
// watcher takes the refund over once the database takes writes again — no restart needed, the till
// not left refusing charges, the buyer refunded once.
import { describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import { KaspiError, type KaspiRefundPort } from '../../../main/services/kaspi/kaspi-port.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { paidDemoSale, refundService } from './lost-return.js';

const t = perTest();
let h: Harness;

function port(demo: DemoKaspi, over: Partial<KaspiRefundPort>): KaspiRefundPort {
  return {
    refundMethod: 'api',
    paymentDetails: (id) => demo.paymentDetails(id),
    paymentReturn: (r) => demo.paymentReturn(r),
    returnCreate: () => demo.returnCreate(),
    returnStatus: () => demo.returnStatus(),
    returnOperations: () => demo.returnOperations(),
    ...over,
  };
}

describe('a refund whose state could not be written', () => {
  it('r3: Kaspi refunds, the answer is lost and the disk refuses writes: done once writes work, refunded once', async () => {
    h = testHarness(t);
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    const refunds = t.closing(refundService(h, port(demo, {
      paymentReturn: async (r) => {
        await demo.paymentReturn(r); // Kaspi refunds…
        h.db.pragma('query_only = ON'); // …the disk refuses writes…
        throw new KaspiError('unknown_outcome', null, 'timeout'); // …and the answer is lost
      },
    })));
    // payment/return went out: the cashier is told so (not the storage's "nothing was written")
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_sent_not_recorded' });
    h.db.pragma('query_only = OFF');
    await h.clock.advance(600_000);
    expect(new RefundsRepo(h.db).forSale(sale.id)).toEqual([expect.objectContaining({ status: 'done' })]);
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(3000);
  });

  it('r2: the refund QR created, its move to qr_shown refused: the till takes charges again once writes work', async () => {
    h = testHarness(t);
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    const refunds = t.closing(refundService(h, port(demo, {
      refundMethod: 'qr',
      returnCreate: async () => {
        h.db.pragma('query_only = ON');
        return { qrToken: '123', qrReturnId: '99', expireDate: '2026-01-01T00:00:00+05:00', pollIntervalS: 5, scanTimeoutS: 180 };
      },
      returnStatus: async () => 'QrTokenCreated',
    })));
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_READONLY/) });
    h.db.pragma('query_only = OFF');
    await h.clock.advance(600_000);
    const repo = new RefundsRepo(h.db);
    expect(repo.hasQrRefundRunning()).toBe(false);
    expect(repo.forSale(sale.id)).toEqual([expect.objectContaining({ status: 'failed', error_code: 'refund_interrupted' })]);
  });
});
