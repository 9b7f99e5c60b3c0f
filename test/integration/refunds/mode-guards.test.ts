// Demo mode promises that nothing is real. A live sale seen from a till switched to demo is marked
// as live, is not refunded from there (its refund would move real money under the demo banner), a
// refund QR on the customer display keeps the till in the mode it was made in, and the display's
// demo banner follows what it shows, not the till's switch.
import { describe, expect, it } from 'vitest';
import type { CustomerView, RefundView, SaleView } from '../../../shared/domain.js';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale, refundsOf } from './live-refund-core.js';

const t = liveRefundEnv('r2');

describe('live and demo side by side', () => {
  it('a live sale is not refunded from a till in demo mode; back in live mode it is', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 300_000, 'buyer-a');
    await cashier(t.core, 'settings.update', { mode: 'demo' });
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 })).rejects.toMatchObject({ code: 'refund_live_in_demo' });
    expect(await refundsOf(t.core, sale.id)).toEqual([]);
    expect(t.sim.control.state.returns.list()).toEqual([]); // nothing reached Kaspi
    // a demo sale of the same till is refunded in demo, as ever
    const demo = await cashier<SaleView>(t.core, 'payments.charge', { amountTiyn: 1000 });
    await cashier(t.core, 'demo.scan', { saleId: demo.id });
    await cashier(t.core, 'demo.confirm', { saleId: demo.id });
    await waitFor(async () => {
      await t.clock.advance(1000);
      return (await cashier<SaleView>(t.core, 'payments.get', { saleId: demo.id })).status === 'paid';
    });
    expect(await cashier<RefundView>(t.core, 'refunds.start', { saleId: demo.id, amountTiyn: 1000 })).toMatchObject({ status: 'done' });
    await cashier(t.core, 'settings.update', { mode: 'live' });
    expect(await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 })).toMatchObject({ status: 'qr_shown' });
  });

  it('a refund QR on the customer display holds the mode; the demo banner follows what the display shows', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 300_000, 'buyer-a');
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    await expect(cashier(t.core, 'settings.update', { mode: 'demo' })).rejects.toMatchObject({ code: 'refund_qr_showing' });
    expect(await cashier<CustomerView>(t.core, 'customer.view')).toMatchObject({ demo: false, refund: { status: 'qr_shown' } });
    await cashier(t.core, 'refunds.cancel', { refundId: refund.id });

    // a live sale just paid is still on the display when the till goes demo: no demo banner over it
    const next = await cashier<SaleView>(t.core, 'payments.charge', { amountTiyn: 70_000 });
    t.sim.control.state.core.testHook('scan', next.qrPaymentId!, 'buyer-b');
    t.sim.control.state.core.testHook('confirm', next.qrPaymentId!);
    await waitFor(async () => {
      await t.clock.advance(1000);
      return (await cashier<SaleView>(t.core, 'payments.get', { saleId: next.id })).status === 'paid';
    });
    await cashier(t.core, 'settings.update', { mode: 'demo' });
    expect(await cashier<CustomerView>(t.core, 'customer.view')).toMatchObject({ demo: false, sale: { status: 'paid', amountTiyn: 70_000 } });
    await t.clock.advance(21_000); // its moment on the display is over: the demo till's welcome, under the banner
    expect(await cashier<CustomerView>(t.core, 'customer.view')).toMatchObject({ demo: true, sale: null, refund: null });
  });

  it("a live refund QR that ran out: the display shows the welcome again, under the banner of the till's mode", async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 300_000, 'buyer-a');
    await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    const status = async () => (await refundsOf(t.core, sale.id))[0]!.status;
    await waitFor(async () => {
      await t.clock.advance(5_000);
      return (await status()) === 'failed'; // nobody scanned it
    });
    await cashier(t.core, 'settings.update', { mode: 'demo' });
    expect(await cashier<CustomerView>(t.core, 'customer.view')).toMatchObject({ demo: true, sale: null }); // a failed refund is not on screen
  });
});
