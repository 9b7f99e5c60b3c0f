// Live r2 over HTTPS: return/operations lists at most the buyer's last 10 purchases (§5.9). A full
// list without the sale is no proof of another buyer (refund_buyer_history_full: refund in Kaspi Pay
// and record it here); a shorter one is (refund_wrong_buyer). Neither sends payment/return.
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { CustomerView, RefundView } from '../../../shared/domain.js';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale, refundsOf } from './live-refund-core.js';

const t = liveRefundEnv('r2');

/** Refunds a sale bought by buyer-a while `scanner` scans the refund QR; returns how it ended. */
async function refundScannedBy(saleId: string, scanner: string): Promise<RefundView> {
  const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId, amountTiyn: 50_000 });
  expect(started).toMatchObject({ method: 'qr', status: 'qr_shown' });
  const qrReturnId = t.sim.control.state.returns.list().at(-1)!.qrReturnId;
  expect(t.sim.control.state.returns.scan(qrReturnId, scanner)).toBe(true);
  return waitFor(async () => {
    await t.clock.advance(5_000);
    const refund = (await refundsOf(t.core, saleId)).find((r) => r.id === started.id)!;
    return refund.status !== 'qr_shown' && refund;
  });
}

describe('live r2: the buyer check behind a refund QR', () => {
  it('the sale is older than the buyer’s last 10 purchases: refund_buyer_history_full, nothing sent, recordable by hand', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    for (let i = 0; i < 10; i += 1) await paidLiveSale(t.core, t.sim, t.clock, 10_000 + i, 'buyer-a');
    const returns = await t.sim.control.addFaults([{ route: 'payment/return', delayMs: 0 }]);
    const refund = await refundScannedBy(sale.id, 'buyer-a');
    expect(refund).toMatchObject({ status: 'failed', errorCode: 'refund_buyer_history_full' });
    expect(t.sim.control.faults().find((f) => f.id === returns[0]!.id)!.hits).toBe(0);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });
    // Done in Kaspi Pay, then recorded here.
    expect(await cashier<RefundView>(t.core, 'refunds.recordManual', { saleId: sale.id, amountTiyn: 50_000 })).toMatchObject({ status: 'done', method: 'manual' });
  });

  it('another buyer with 3 purchases scans it: refund_wrong_buyer, nothing sent', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    for (let i = 0; i < 3; i += 1) await paidLiveSale(t.core, t.sim, t.clock, 20_000 + i, 'buyer-b');
    const returns = await t.sim.control.addFaults([{ route: 'payment/return', delayMs: 0 }]);
    const refund = await refundScannedBy(sale.id, 'buyer-b');
    expect(refund).toMatchObject({ status: 'failed', errorCode: 'refund_wrong_buyer' });
    expect(t.sim.control.faults().find((f) => f.id === returns[0]!.id)!.hits).toBe(0);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });
  });

  it('the buyer scanned but return/operations keeps failing: the refund ends a minute past its scan deadline, nothing sent', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    await t.sim.control.addFaults([{ route: 'return/operations', fault: 'http', httpStatus: 503 }, { route: 'payment/return', delayMs: 0 }]);
    const hits = (route: string) => t.sim.control.faults().find((f) => f.route === route)!.hits;
    const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    const qrReturnId = t.sim.control.state.returns.list().at(-1)!.qrReturnId;
    expect(t.sim.control.state.returns.scan(qrReturnId, 'buyer-a')).toBe(true);
    const status = async () => (await refundsOf(t.core, sale.id)).find((r) => r.id === started.id)!;
    await waitFor(async () => {
      await t.clock.advance(5_000);
      return hits('return/operations') > 0;
    });
    expect((await status()).status).toBe('qr_shown'); // asked again while the deadline lasts
    const ended = await waitFor(async () => {
      await t.clock.advance(5_000);
      const refund = await status();
      return refund.status !== 'qr_shown' && refund;
    }, 60_000); // ~50 steps of the scan deadline and its grace, each a real HTTP round
    expect(ended).toMatchObject({ status: 'failed', errorCode: 'kaspi_unavailable' });
    expect(Date.parse(ended.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(started.deadline!) + 60_000);
    expect(hits('payment/return')).toBe(0);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });
  }, 90_000);

  it('a refund QR nobody scanned ends as the timeout it is, also when Kaspi has already marked it Error', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    await t.clock.advance(172_000); // 8 s before our scan deadline…
    t.sim.control.advanceClock(200_000); // …Kaspi's own timer has run out: its return/status says Error
    const ended = await waitFor(async () => {
      await t.clock.advance(1_000);
      const refund = (await refundsOf(t.core, sale.id)).find((r) => r.id === started.id)!;
      return refund.status !== 'qr_shown' && refund;
    });
    expect(ended).toMatchObject({ status: 'failed', errorCode: 'refund_scan_timeout' });
  });
  it('a refund QR nobody can check (the live client cannot be built) still ends when its time is up, nothing sent, and says Kaspi was not asked', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    rmSync(t.sim.pki!.caCertPath); // Kaspi's CA file is gone: no client until the manager loads it again
    const ended = await waitFor(async () => {
      await t.clock.advance(30_000);
      const refund = (await refundsOf(t.core, sale.id)).find((r) => r.id === started.id)!;
      return refund.status !== 'qr_shown' && refund;
    });
    expect(ended).toMatchObject({ status: 'failed', errorCode: 'refund_qr_unchecked' });
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });
  });

  it('a refund QR still on its way from Kaspi holds the display too: a charge meanwhile is refused', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    await t.sim.control.addFaults([{ route: 'return/create', delayMs: 1500, times: 1 }]);
    const starting = cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    await waitFor(async () => (await refundsOf(t.core, sale.id)).some((r) => r.status === 'created'));
    await expect(cashier(t.core, 'payments.charge', { amountTiyn: 1000 })).rejects.toMatchObject({ code: 'refund_qr_showing' });
    expect((await starting).status).toBe('qr_shown');
  });

  it('a refund that just ended gives the customer display up to a new sale at once', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    expect(await refundScannedBy(sale.id, 'buyer-a')).toMatchObject({ status: 'done' });
    const view = await cashier<CustomerView>(t.core, 'customer.view');
    expect(view.refund?.status).toBe('done'); // «Возврат выполнен» lingers…
    await cashier(t.core, 'payments.charge', { amountTiyn: 1000 });
    const next = await cashier<CustomerView>(t.core, 'customer.view');
    expect(next.refund).toBeNull(); // …until a sale needs the screen
    expect(next.sale?.status).toBe('qr_shown');
  });

  it('a refund QR the buyer has scanned can no longer be cancelled: refund_cancel_too_late, the refund goes through', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    await t.sim.control.addFaults([{ route: 'payment/return', delayMs: 1500, times: 1 }]);
    const started = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    const qrReturnId = t.sim.control.state.returns.list().at(-1)!.qrReturnId;
    expect(t.sim.control.state.returns.scan(qrReturnId, 'buyer-a')).toBe(true);
    const status = async () => (await refundsOf(t.core, sale.id)).find((r) => r.id === started.id)!.status;
    await waitFor(async () => {
      await t.clock.advance(5_000);
      return ['identified', 'returning'].includes(await status());
    });
    await expect(cashier(t.core, 'refunds.cancel', { refundId: started.id })).rejects.toMatchObject({ code: 'refund_cancel_too_late' });
    await waitFor(async () => (await status()) === 'done');
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 50_000 });
  });

  it('one customer display: a refund QR on it refuses a charge; a sale on it refuses a refund QR', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    await expect(cashier(t.core, 'payments.charge', { amountTiyn: 1000 })).rejects.toMatchObject({ code: 'refund_qr_showing' });
    await cashier<RefundView>(t.core, 'refunds.cancel', { refundId: refund.id });
    const running = await cashier(t.core, 'payments.charge', { amountTiyn: 1000 });
    expect(running.status).toBe('qr_shown');
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 })).rejects.toMatchObject({ code: 'sale_in_progress' });
  });

  it("one customer display: a refund QR on it refuses a second refund QR (of another sale), which would take the first one's place", async () => {
    const first = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    const second = await paidLiveSale(t.core, t.sim, t.clock, 300_000, 'buyer-b');
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: first.id, amountTiyn: 50_000 });
    await expect(cashier(t.core, 'refunds.start', { saleId: second.id, amountTiyn: 10_000 })).rejects.toMatchObject({ code: 'refund_qr_showing' });
    expect(await refundsOf(t.core, second.id)).toEqual([]); // nothing recorded for it
    expect((await cashier<CustomerView>(t.core, 'customer.view')).refund).toMatchObject({ amountTiyn: 50_000, status: 'qr_shown' }); // the first QR stays
    await cashier<RefundView>(t.core, 'refunds.cancel', { refundId: refund.id });
    expect(await cashier<RefundView>(t.core, 'refunds.start', { saleId: second.id, amountTiyn: 10_000 })).toMatchObject({ status: 'qr_shown' });
  });
});
