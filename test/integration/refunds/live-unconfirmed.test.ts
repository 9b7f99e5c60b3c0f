// Live r3 over HTTPS: a payment/return whose connection dies before Kaspi answers. Kassa never fails
// it on its own; the cashier cannot refund again meanwhile; the Kaspi identity stays locked until the
// manager's resolution (refunds.resolve) ends it — and the verdict survives a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { openDatabase } from '../../../main/store/database.js';
import type { RefundView, SaleView } from '../../../shared/domain.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { toAlmatyIso } from '../../../shared/almaty-time.js';
import { startSim, TEST_BIN, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { paidLiveSale, refundsOf, stepRefundWatch } from './live-refund-core.js';

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

/** A paid 10 000 ₸ sale and a 3 000 ₸ refund whose payment/return connection dropped before Kaspi handled it, past the check window. */
async function unconfirmed(c: KassaCore) {
  const sale = await paidLiveSale(c, sim, clock, 1_000_000);
  await sim.control.addFaults([{ route: 'payment/return', fault: 'drop', times: 1 }]);
  const refund = await cashier<RefundView>(c, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 });
  expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
  await stepRefundWatch(clock, 130_000);
  await stepRefundWatch(clock, 130_000);
  expect((await refundsOf(c, sale.id))[0]).toMatchObject({ id: refund.id, status: 'unknown', errorCode: 'refund_unconfirmed' });
  return { sale, refund };
}

describe('live r3: a refund Kaspi never confirmed', () => {
  it('blocks a second refund and the identity; Kaspi applies it late: "not applied" is refused, the manager\'s "applied" ends it, Kaspi and Kassa agree', async () => {
    const { sale, refund } = await unconfirmed(core!);
    await expect(cashier(core!, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 })).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    // which refund of which sale is named, and History marks that sale's row
    const refusal = (await cashier(core!, 'kaspi.unregisterDevice').catch((error: unknown) => error)) as { code: string; params: { amount: string; order: string; saleAt: string } };
    expect(refusal).toMatchObject({ code: 'live_refund_unconfirmed', params: { order: sale.orderNumber } });
    expect(refusal.params.amount.replace(/\s/g, ' ')).toBe('3 000 ₸');
    const saleAt = toAlmatyIso(Date.parse(sale.createdAt)); // the sale's own time: History lists it under that day
    expect(refusal.params.saleAt).toBe(`${saleAt.slice(8, 10)}.${saleAt.slice(5, 7)}.${saleAt.slice(0, 4)} ${saleAt.slice(11, 16)}`);
    expect(errorMessage('en', 'live_refund_unconfirmed', refusal.params)).toContain(`of sale No. ${sale.orderNumber} of ${refusal.params.saleAt}`);
    const listed = await cashier<{ sales: SaleView[] }>(core!, 'payments.list', {});
    expect(listed.sales.map((s) => [s.id, s.refundAwaitingVerdict])).toEqual([[sale.id, true]]);
    await expect(cashier(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'later' })).rejects.toMatchObject({ code: 'invalid_request' });

    // Kaspi applies the lost return now (the request had reached it after all).
    const purchase = sim.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000).StatusCode).toBe(0);
    await expect(cashier(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'not_applied' })).rejects.toMatchObject({
      code: 'refund_already_applied',
      params: { availableTiyn: 700_000 },
    });
    // A refund in the Kaspi Pay app would look the same: the manager says whose the drop is.
    expect((await refundsOf(core!, sale.id))[0]).toMatchObject({ status: 'unknown', errorCode: 'refund_late_drop' });
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'live_refund_unconfirmed' });
    await expect(cashier(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'applied' })).resolves.toMatchObject({ status: 'done', errorCode: 'refund_marked_applied' });
    expect(sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 300_000 });
    expect((await cashier(core!, 'payments.get', { saleId: sale.id })).refundedTiyn).toBe(300_000);
    expect((await cashier(core!, 'payments.get', { saleId: sale.id })).refundAwaitingVerdict).toBe(false);
  });

  it('"not applied" over the channel frees the amount, ends the live work, is audited and survives a restart', async () => {
    const { sale, refund } = await unconfirmed(core!);
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'live_refund_unconfirmed' });
    const resolved = await cashier<RefundView>(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'not_applied' });
    expect(resolved).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied' });
    // No live work left: the identity lock now only asks to leave live mode first.
    await expect(cashier(core!, 'kaspi.unregisterDevice')).rejects.toMatchObject({ code: 'switch_to_demo_first' });
    await core!.close();
    core = await startLiveCore(sim, 'r3', `${dir}/data`, clock);
    expect((await refundsOf(core, sale.id))[0]).toMatchObject({ id: refund.id, status: 'failed', errorCode: 'refund_marked_not_applied' });
    const db = openDatabase(`${dir}/data/kassa.db`);
    try {
      expect(new RefundsRepo(db).events(refund.id).at(-1)).toMatchObject({ to_status: 'failed', actor: 'manager' });
    } finally {
      db.close();
    }
    expect(await cashier<RefundView>(core, 'refunds.start', { saleId: sale.id, amountTiyn: 1_000_000 })).toMatchObject({ status: 'done' });
    expect(sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 1_000_000 });
  });
  it('the device was deleted in the Kaspi Pay app (-1502): re-registering the same till is allowed, another trade point is not, and the verdict goes through', async () => {
    const { sale, refund } = await unconfirmed(core!);
    const world = sim.control.state.world;
    for (const device of world.devices().filter((d) => d.active)) expect(world.delete(TEST_BIN, device.token)).toBe(0);
    await expect(cashier(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'not_applied' })).rejects.toMatchObject({ code: 'kaspi_rejected', params: { code: -1502 } });

    await expect(cashier(core!, 'kaspi.registerDevice', { tradePointId: '4200002' })).rejects.toMatchObject({ code: 'live_refund_unconfirmed' });
    await cashier(core!, 'kaspi.registerDevice', { tradePointId: TEST_TRADE_POINT });
    expect(world.devices().filter((d) => d.active)).toMatchObject([{ deviceId: 'POS-IT_1', tradePointId: TEST_TRADE_POINT }]);

    const resolved = await cashier<RefundView>(core!, 'refunds.resolve', { refundId: refund.id, outcome: 'not_applied' });
    expect(resolved).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied' });
    expect(await cashier<RefundView>(core!, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 })).toMatchObject({ status: 'done' });
    expect(sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 300_000 });
  });
});
