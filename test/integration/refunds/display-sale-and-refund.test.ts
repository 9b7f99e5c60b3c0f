// One customer display for a sale and a refund (the real core, live r3 against the simulator over
// HTTPS on 127.0.0.1, a manual clock): a running sale keeps the screen — its buyer must be able to
// scan — even while another sale's refund waits for Kaspi; a refund has it only when started after the
// sale ended, so a refund's outcome never covers the next buyer's own result; a buyer told "checking" is
// told the verdict.
import { expect, it } from 'vitest';
import type { CustomerView, SaleView } from '../../../shared/domain.js';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale } from './live-refund-core.js';

const t = liveRefundEnv('r3');
const view = () => cashier<CustomerView>(t.core, 'customer.view');

async function settle(sale: SaleView, status: SaleView['status']): Promise<void> {
  await waitFor(async () => {
    await t.clock.advance(1000);
    return (await cashier(t.core, 'payments.get', { saleId: sale.id })).status === status;
  });
}

it("an exchange: a refund done, then the buyer pays (or the sale is cancelled) — the display shows that sale's outcome, not the refund's", async () => {
  const first = await paidLiveSale(t.core, t.sim, t.clock, 500_000);
  await cashier(t.core, 'refunds.start', { saleId: first.id, amountTiyn: 100_000 });
  await waitFor(async () => (await view()).refund?.status === 'done');
  const next = await cashier(t.core, 'payments.charge', { amountTiyn: 777_700 });
  expect(await view()).toMatchObject({ sale: { amountTiyn: 777_700, status: 'qr_shown' }, refund: null });
  t.sim.control.state.core.testHook('scan', next.qrPaymentId!);
  t.sim.control.state.core.testHook('confirm', next.qrPaymentId!);
  await settle(next, 'paid');
  expect(await view()).toMatchObject({ sale: { amountTiyn: 777_700, status: 'paid' }, refund: null });

  await cashier(t.core, 'refunds.start', { saleId: next.id, amountTiyn: 100_000 });
  await waitFor(async () => (await view()).refund?.status === 'done');
  const third = await cashier(t.core, 'payments.charge', { amountTiyn: 5_000 });
  await cashier(t.core, 'payments.cancel', { saleId: third.id });
  expect(await view()).toMatchObject({ sale: { amountTiyn: 5_000, status: 'cancelled' }, refund: null });
});

it("a refund of another sale waiting for Kaspi's answer does not take the running sale's QR off the display", async () => {
  const paid = await paidLiveSale(t.core, t.sim, t.clock, 500_000);
  const running = await cashier(t.core, 'payments.charge', { amountTiyn: 777_700 });
  await t.sim.control.addFaults([{ route: 'payment/return', delayMs: 3_000, times: 1 }]);
  const refund = cashier(t.core, 'refunds.start', { saleId: paid.id, amountTiyn: 100_000 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // the return is at Kaspi, unanswered
  expect(await view()).toMatchObject({ sale: { status: 'qr_shown', qrToken: running.qrToken }, refund: null });
  await refund;
});

it.each([
  ['done', false],
  ['refused by Kaspi', true],
])("a refund of another sale started while this buyer's QR is up, then the buyer pays: the buyer sees their own 'paid' whatever the refund's outcome (%s)", async (_, refused) => {
  const old = await paidLiveSale(t.core, t.sim, t.clock, 500_000);
  const running = await cashier(t.core, 'payments.charge', { amountTiyn: 777_700 });
  if (refused) {
    const purchase = t.sim.control.state.core.purchase(old.qrPaymentId!)!;
    expect(t.sim.control.state.refunds.refund(purchase, purchase.tradePointId!, 5000)).toMatchObject({ StatusCode: 0 }); // all of it, in the app
  }
  await t.clock.advance(2000);
  const refund = await cashier(t.core, 'refunds.start', { saleId: old.id, amountTiyn: 100_000 }).catch(() => null); // r3: no QR, allowed beside the sale
  if (!refused) expect(refund).toMatchObject({ status: 'done' });
  expect(await view()).toMatchObject({ sale: { status: 'qr_shown' }, refund: null });
  t.sim.control.state.core.testHook('scan', running.qrPaymentId!);
  t.sim.control.state.core.testHook('confirm', running.qrPaymentId!);
  await settle(running, 'paid');
  expect(await view()).toMatchObject({ sale: { amountTiyn: 777_700, status: 'paid' }, refund: null });
});

it("a refund whose answer was lost, while Kassa checks it, stays on the display as being processed", async () => {
  const paid = await paidLiveSale(t.core, t.sim, t.clock, 500_000);
  await t.sim.control.addFaults([{ route: 'payment/return', fault: 'drop', times: 1 }]);
  const refund = await cashier(t.core, 'refunds.start', { saleId: paid.id, amountTiyn: 100_000 });
  expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
  expect((await view()).refund).toMatchObject({ amountTiyn: 100_000, status: 'unknown' });
});

it("a refund that fails just after the sale was paid takes the sale's 'paid' off the display (the buyer waits for money back)", async () => {
  const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 300_000 });
  t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
  t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
  await settle(sale, 'paid');
  expect(await view()).toMatchObject({ sale: { status: 'paid' } });
  const purchase = t.sim.control.state.core.purchase(sale.qrPaymentId!)!;
  expect(t.sim.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 }); // all of it, in the Kaspi Pay app
  await cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 }).catch(() => null);
  await waitFor(async () => (await view()).refund?.status === 'failed');
  expect((await view()).sale).toBeNull();
});

it.each([
  ['Kaspi closed it unpaid', true],
  ['the QR was never scanned', false],
])('a buyer told "checking" (Kaspi silent at the deadline) is shown the verdict when Kaspi answers, however late: %s', async (_, closed) => {
  const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 450_000 });
  await t.sim.control.addFaults([{ route: 'payment/status/*', fault: 'http', httpStatus: 503 }]);
  await waitFor(async () => {
    await t.clock.advance(30_000);
    return (await view()).sale?.checking === true;
  }, 60_000);
  await t.clock.advance(60_000); // longer than a finished sale's while on the display
  if (closed) t.sim.control.state.core.testHook('scanerror', sale.qrPaymentId!);
  await t.sim.control.clearFaults();
  await waitFor(async () => {
    await t.clock.advance(1_000);
    return (await view()).sale?.checking === false;
  }, 30_000);
  expect((await view()).sale).toMatchObject({ amountTiyn: 450_000, status: 'expired', checking: false });
  expect((await cashier(t.core, 'payments.get', { saleId: sale.id })).errorCode).toBe(closed ? 'kaspi_closed_unpaid' : 'scan_timeout');
});
