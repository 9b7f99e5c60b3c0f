// Live r2 over HTTPS: two refund watchers on one data folder (a second core started on it; the data
// folder lock is the first line of defence, the compare-and-set moves the second). Both see the buyer
// scan the refund QR; only the one whose move lands first sends payment/return.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/services/event-bus.js';
import type { KaspiRefundPort } from '../../../main/services/kaspi/kaspi-port.js';
import { silentLogger } from '../../../main/services/logger.js';
import { RefundService } from '../../../main/services/refunds/refund-service.js';
import { openDatabase } from '../../../main/store/database.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { SalesRepo } from '../../../main/store/sales-repo.js';
import type { RefundView } from '../../../shared/domain.js';
import { registeredClient } from '../../helpers/kaspi-sim.js';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale, refundsOf } from './live-refund-core.js';

const t = liveRefundEnv('r2');

describe('live r2: two watchers of one refund', () => {
  it('both see the scan; one payment/return is sent, one refund in Kaspi and in Kassa', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 1_000_000, 'buyer-a');
    const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 });
    expect(started).toMatchObject({ status: 'qr_shown', method: 'qr' });

    // The second watcher: its own connection to the same database, its own Kaspi client (over HTTPS).
    // Its buyer check answers only once the first t.core has moved the refund on, and both then read
    // payment/details slowly: without compare-and-set both would send payment/return.
    const db = openDatabase(`${t.dir}/data/kassa.db`);
    const repo = new RefundsRepo(db);
    const client = await registeredClient(t.sim, 'r2');
    const port: KaspiRefundPort = {
      refundMethod: client.refundMethod,
      paymentDetails: (id) => client.paymentDetails(id),
      paymentReturn: (r) => client.paymentReturn(r),
      returnCreate: (r) => client.returnCreate(r),
      returnStatus: (id) => client.returnStatus(id),
      returnOperations: async (id) => {
        const purchases = await client.returnOperations(id);
        await waitFor(() => repo.require(started.id).status !== 'qr_shown', 10_000, 5);
        return purchases;
      },
    };
    const second = new RefundService({ refunds: repo, sales: new SalesRepo(db), port: () => port, bus: new EventBus(), scheduler: t.clock, log: silentLogger });
    try {
      second.resume();
      await t.sim.control.addFaults([
        { route: 'payment/details', delayMs: 300 },
        { route: 'payment/return', delayMs: 300 },
      ]);
      const qrReturnId = t.sim.control.state.returns.list().at(-1)!.qrReturnId;
      t.sim.control.state.returns.scan(qrReturnId, 'buyer-a');
      // Both watchers check the refund QR at the next step; the t.clock goes on until both have settled.
      await waitFor(async () => {
        await t.clock.advance(1_000);
        return (await refundsOf(t.core, sale.id))[0]!.status === 'done' && repo.require(started.id).status === 'done' && t.sim.control.faults().every((f) => f.route !== 'payment/return' || f.hits >= 1);
      });
      await waitFor(async () => {
        await t.clock.advance(1_000);
        return t.clock.pending() === 0;
      });
      expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 300_000 });
      expect((await refundsOf(t.core, sale.id)).map((r) => [r.amountTiyn, r.status])).toEqual([[300_000, 'done']]);
      const trail = repo.events(started.id).map((e) => `${e.from_status}->${e.to_status}`);
      expect(trail).toEqual(['null->created', 'created->qr_shown', 'qr_shown->identified', 'identified->returning', 'returning->done']);
    } finally {
      second.close();
      client.close();
      db.close();
    }
  });
});
