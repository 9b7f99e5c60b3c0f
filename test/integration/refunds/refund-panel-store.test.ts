// The refund panel's store (renderer/src/state/refund-*.ts) driven against the real core in live mode
// over the simulator, through the same bridge shape the Electron preload exposes: an unconfirmed
// refund is followed, a second refund is refused and the open one shown, the manager's verdict ends
// it; an r2 buyer check that cannot reach the sale turns the panel into the Kaspi Pay + record flow.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import type { RefundResolution, RefundView, SaleView, Scheme } from '../../../shared/domain.js';
import { isUnconfirmed, refundStatusKey, useRefund } from '../../../renderer/src/state/refund-store.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { paidLiveSale, stepRefundWatch } from './live-refund-core.js';

let core: KassaCore | null = null;
let sim: SimulatorServer | null = null;
let dir: string;
let cleanup: () => void;
let clock: ManualScheduler;
let stopEvents: () => void;

/**
 * refund-actions.ts and the API client it calls need the DOM lib, which main's tsconfig (the one that
 * type-checks tests) leaves out; the renderer's tsconfig checks them. So they are loaded by path and
 * typed here by what this test uses.
 */
interface RefundActions {
  openRefund(sale: SaleView): void;
  closeRefund(): void;
  setRefundAmount(raw: string): void;
  submitRefund(sale: SaleView, manual: boolean): Promise<void>;
  resolveRefund(outcome: RefundResolution): Promise<void>;
  receiveRefund(refund: RefundView): void;
  refundableTiyn(sale: SaleView, refunds?: readonly RefundView[]): number;
  refundDigits(sale: SaleView, digits: string | null, refunds?: readonly RefundView[]): string;
  appRefundDigits(refund: RefundView | null, digits: string | null): string;
  setAppRefundAmount(raw: string): void;
  recordInsteadOf(code: string): void;
  refundedOutsideTiyn(sale: SaleView, refunds: readonly RefundView[]): number;
  recordRefundedOutside(amountTiyn: number): void;
}
interface ApiClient {
  on(event: 'refund.updated', listener: (refund: RefundView) => void): () => void;
}
const RENDERER = '../../../renderer/src';
let actions: RefundActions;

/** The renderer's event listeners; each test's core feeds them. */
const listeners = new Set<(name: string, payload: unknown) => void>();

/** window.kassa as the preload builds it: kassa.<namespace>.<method>(request) -> envelope, and on(). */
function preloadLikeBridge(): unknown {
  const base = {
    transport: 'electron',
    on: (event: string, listener: (payload: unknown) => void) => {
      const forward = (name: string, payload: unknown) => name === event && listener(payload);
      listeners.add(forward);
      return () => listeners.delete(forward);
    },
    files: { register: async () => ({ ok: false, error: { code: 'unknown_channel' } }) },
  };
  return new Proxy(base, {
    get: (target, ns: string) =>
      ns in target ? target[ns as keyof typeof target] : new Proxy({}, { get: (_, method: string) => (request: unknown) => core!.invoke(`${ns}.${method}`, request, 'cashier') }),
  });
}

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = { kassa: preloadLikeBridge(), location: { pathname: '/', hash: '' } };
  actions = (await import(`${RENDERER}/state/refund-actions.js`)) as RefundActions;
  const client = (await import(`${RENDERER}/api/client.js`)) as ApiClient;
  stopEvents = client.on('refund.updated', actions.receiveRefund);
});
afterAll(() => {
  stopEvents();
  delete (globalThis as { window?: unknown }).window;
});
afterEach(async () => {
  actions.closeRefund();
  await core?.close();
  await sim?.close();
  core = null;
  sim = null;
  cleanup();
});

async function live(scheme: Scheme): Promise<KassaCore> {
  ({ dir, cleanup } = tempDir());
  clock = new ManualScheduler(Date.now());
  sim = await startSim(scheme, `${dir}/pki`, { timers: { pollIntervalS: 1 } });
  core = await startLiveCore(sim, scheme, `${dir}/data`, clock);
  core.onEvent((name, payload) => listeners.forEach((listener) => listener(name, payload)));
  return core;
}

const panel = () => useRefund.getState();

/** A live r3 sale of 10 000 ₸ and a 3 000 ₸ refund from the panel whose payment/return answer is lost. */
async function lostRefundFromPanel(): Promise<{ c: KassaCore; sale: SaleView }> {
  const c = await live('r3');
  const sale = await paidLiveSale(c, sim!, clock, 1_000_000);
  await sim!.control.addFaults([{ route: 'payment/return', fault: 'drop', times: 1 }]);
  actions.openRefund(sale);
  actions.setRefundAmount('3000');
  await actions.submitRefund(sale, false);
  return { c, sale };
}
/** A live r2 sale of 5 000 ₸ and a 3 000 ₸ refund QR from the panel that Kaspi can no longer be asked about. */
async function refundQrUnchecked(): Promise<{ c: KassaCore; sale: SaleView }> {
  const c = await live('r2');
  const sale = await paidLiveSale(c, sim!, clock, 500_000, 'buyer-a');
  actions.openRefund(sale);
  actions.setRefundAmount('3000');
  await actions.submitRefund(sale, false);
  expect(panel().refund).toMatchObject({ status: 'qr_shown' });
  rmSync(sim!.pki!.caCertPath); // Kaspi's CA file is gone: no client to ask with
  await waitFor(async () => {
    await clock.advance(30_000);
    return panel().refund?.status === 'failed';
  });
  return { c, sale };
}
const refundableTiyn = (sale: SaleView, refunds: readonly RefundView[]) => actions.refundableTiyn(sale, refunds);
const refundDigits = (sale: SaleView, digits: string | null, refunds: readonly RefundView[]) => actions.refundDigits(sale, digits, refunds);

describe('refund panel store against the live core', () => {
  it('follows an unconfirmed refund, refuses a second one, and the manager’s "applied" ends it', async () => {
    const { c, sale } = await lostRefundFromPanel();
    expect(panel().refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
    await stepRefundWatch(clock, 130_000);
    await stepRefundWatch(clock, 130_000);
    await waitFor(() => panel().refund !== null && isUnconfirmed(panel().refund!));
    expect(refundStatusKey(panel().refund!)).toBe('refundStatus.unconfirmed');

    // The panel is reopened and a new refund tried: refused, and the open refund is followed again.
    const first = panel().refund!.id;
    actions.openRefund(sale);
    await waitFor(() => panel().refund?.id === first);
    await actions.submitRefund(sale, false);
    expect(panel().error).toMatchObject({ kind: 'api', code: 'refund_unconfirmed' });
    expect(sim!.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });

    // "it went through" while Kaspi shows nothing of it: refused, said why
    await actions.resolveRefund('applied');
    expect(panel().error).toMatchObject({ kind: 'api', code: 'refund_not_seen_at_kaspi' });
    expect(panel().refund).toMatchObject({ id: first, status: 'unknown' });
    const purchase = sim!.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 }); // applied late at Kaspi
    await actions.resolveRefund('applied');
    expect(panel().refund).toMatchObject({ id: first, status: 'done', errorCode: 'refund_marked_applied' });
    expect(panel().refunds.find((r) => r.id === first)).toMatchObject({ status: 'done' });
    await actions.resolveRefund('not_applied'); // nothing left to resolve: not even sent
    expect(panel().refund).toMatchObject({ status: 'done' });
  });

  it('unconfirmed, then refunded in the Kaspi Pay app and applied late too: the app amount field is prefilled with the drop beyond ours; only that is recorded and ours is done', async () => {
    const { c, sale } = await lostRefundFromPanel();
    await stepRefundWatch(clock, 130_000);
    await stepRefundWatch(clock, 130_000);
    await waitFor(() => panel().refund?.errorCode === 'refund_unconfirmed');
    const ours = panel().refund!.id;
    // No drop yet: nothing to prefill, and the verdict is not sent without an amount.
    expect(actions.appRefundDigits(panel().refund, panel().appDigits)).toBe('');
    await actions.resolveRefund('refunded_in_app');
    expect(panel().error).toEqual({ kind: 'message', key: 'refund.appAmountInvalid' });
    const purchase = sim!.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 }); // in the app
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 }); // ours, late
    await stepRefundWatch(clock, 60_000);
    await waitFor(() => panel().refund?.errorCode === 'refund_late_drop');
    expect(isUnconfirmed(panel().refund!)).toBe(true); // the verdict buttons stay
    expect(refundStatusKey(panel().refund!)).toBe('refundStatus.review');
    for (const locale of ['ru', 'kk', 'en'] as const) {
      expect(errorMessage(locale, 'refund_late_drop', panel().refund!.errorParams ?? undefined)).toMatch(/6\s?000/);
      expect(errorMessage(locale, 'refund_app_refund_too_much', { droppedTiyn: 600_000 })).toMatch(/6\s?000/);
    }
    expect(actions.appRefundDigits(panel().refund, panel().appDigits)).toBe('3000');
    await actions.resolveRefund('refunded_in_app');
    expect(panel().error).toBeNull();
    expect(panel().refund).toMatchObject({ id: ours, status: 'done', errorCode: 'refund_applied_late' });
    expect(panel().refunds.filter((r) => r.method === 'manual')).toMatchObject([{ amountTiyn: 300_000, status: 'done' }]);
    expect(sim!.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 600_000 });
    expect((await cashier(c, 'payments.get', { saleId: sale.id })).refundedTiyn).toBe(600_000);
  });

  it('"not applied", then Kaspi applies it after all: the reopened panel follows the flagged refund, offers the whole drop as an app refund, and its "went through" makes it done', async () => {
    const { c, sale } = await lostRefundFromPanel();
    await stepRefundWatch(clock, 130_000);
    await stepRefundWatch(clock, 130_000);
    await waitFor(() => panel().refund?.errorCode === 'refund_unconfirmed');
    const ours = panel().refund!.id;
    await actions.resolveRefund('not_applied');
    expect(panel().refund).toMatchObject({ id: ours, status: 'failed', errorCode: 'refund_marked_not_applied' });
    actions.closeRefund();
    const purchase = sim!.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 }); // ours, late
    await waitFor(async () => {
      await stepRefundWatch(clock, 60_000);
      return (await cashier(c, 'payments.get', { saleId: sale.id })).refundToReview;
    });

    actions.openRefund(sale);
    await waitFor(() => panel().refund?.id === ours);
    expect(panel().refund).toMatchObject({ status: 'failed', errorCode: 'refund_applied_after_verdict' });
    expect(refundStatusKey(panel().refund!)).toBe('refundStatus.review');
    expect(actions.appRefundDigits(panel().refund, panel().appDigits)).toBe('3000');
    await actions.resolveRefund('not_applied'); // not offered: not even sent
    expect(panel().refund).toMatchObject({ id: ours, status: 'failed' });
    await actions.resolveRefund('applied');
    expect(panel().error).toBeNull();
    expect(panel().refund).toMatchObject({ id: ours, status: 'done', errorCode: 'refund_marked_applied' });
    expect(await cashier(c, 'payments.get', { saleId: sale.id })).toMatchObject({ refundedTiyn: 300_000, refundToReview: false });
    expect(sim!.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 300_000 });
  });

  it('a refund made outside Kassa: Kaspi refuses the full amount, and the panel then offers what Kaspi said is left', async () => {
    const c = await live('r3');
    const sale = await paidLiveSale(c, sim!, clock, 1_000_000);
    // 3 000 ₸ refunded in the Kaspi Pay app, which Kassa never hears of
    const purchase = sim!.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000)).toMatchObject({ StatusCode: 0 });
    actions.openRefund(sale);
    await actions.submitRefund(sale, false); // the pre-filled 10 000 ₸
    expect(panel().refund).toMatchObject({ status: 'failed', errorCode: 'refund_too_much', errorParams: { availableTiyn: 700_000 } });
    expect(refundableTiyn(sale, panel().refunds)).toBe(700_000);
    expect(refundDigits(sale, null, panel().refunds)).toBe('7000');
    actions.setRefundAmount('7000');
    await actions.submitRefund(sale, false);
    expect(panel().refund).toMatchObject({ status: 'done', amountTiyn: 700_000 });
  });

  it('r2: the sale is older than the buyer’s last 10 purchases — the panel turns to Kaspi Pay + record', async () => {
    const c = await live('r2');
    const sale = await paidLiveSale(c, sim!, clock, 500_000, 'buyer-a');
    for (let i = 0; i < 10; i += 1) await paidLiveSale(c, sim!, clock, 10_000 + i, 'buyer-a');
    actions.openRefund(sale);
    await actions.submitRefund(sale, false);
    expect(panel().refund).toMatchObject({ status: 'qr_shown' });
    sim!.control.state.returns.scan(sim!.control.state.returns.list().at(-1)!.qrReturnId, 'buyer-a');
    await waitFor(async () => {
      await clock.advance(5_000);
      return panel().refund?.status === 'failed';
    });
    expect(panel()).toMatchObject({ manualReason: 'refund_buyer_history_full', refund: { errorCode: 'refund_buyer_history_full' } });
    await actions.submitRefund(sale, true);
    expect(panel().refund).toMatchObject({ method: 'manual', status: 'done' });
  });
  it('r2: a refund QR Kaspi could not be asked about ends saying so; a refund the cashier made in Kaspi Pay meanwhile can be recorded', async () => {
    const { c, sale } = await refundQrUnchecked();
    expect(panel()).toMatchObject({ manualReason: null, refund: { errorCode: 'refund_qr_unchecked' } });
    expect(errorMessage('en', 'refund_qr_unchecked')).toMatch(/record it here/);
    actions.recordInsteadOf('refund_qr_unchecked'); // the panel's "record the refund made in Kaspi Pay"
    actions.setRefundAmount('3000');
    await actions.submitRefund(sale, true);
    expect(panel().refund).toMatchObject({ method: 'manual', status: 'done', amountTiyn: 300_000 });
    expect((await cashier<SaleView>(c, 'payments.get', { saleId: sale.id })).refundedTiyn).toBe(300_000);
  });

  it('r2: the offer to record a Kaspi Pay refund is there again when the panel is opened anew', async () => {
    const { sale } = await refundQrUnchecked();
    actions.closeRefund();
    actions.openRefund(sale);
    await waitFor(() => panel().refunds.length === 1);
    expect(panel().refund).toMatchObject({ status: 'failed', errorCode: 'refund_qr_unchecked' });
    // once recorded, the newest refund is the recorded one: no offer any more
    actions.recordInsteadOf('refund_qr_unchecked');
    actions.setRefundAmount('3000');
    await actions.submitRefund(sale, true);
    actions.closeRefund();
    actions.openRefund(sale);
    await waitFor(() => panel().refunds.length === 2);
    expect(panel().refund).toBeNull();
  });

  it('r2: a refund QR the buyer scanned while the till was off, back after its time: the panel opened after the restart offers to record it', async () => {
    let c = await live('r2');
    const sale = await paidLiveSale(c, sim!, clock, 500_000, 'buyer-a');
    actions.openRefund(sale);
    actions.setRefundAmount('3000');
    await actions.submitRefund(sale, false);
    sim!.control.state.returns.scan(sim!.control.state.returns.list().at(-1)!.qrReturnId, 'buyer-a');
    await c.close(); // the till goes off before it hears of the scan, and its window with it
    actions.closeRefund();
    clock = new ManualScheduler(clock.now() + 10 * 60_000);
    c = core = await startLiveCore(sim!, 'r2', `${dir}/data`, clock);
    core.onEvent((name, payload) => listeners.forEach((listener) => listener(name, payload)));
    await clock.advance(1_000);
    actions.openRefund(sale);
    await waitFor(() => panel().refunds.length === 1);
    expect(panel().refund).toMatchObject({ status: 'failed', errorCode: 'refund_qr_late' });
  });
  it("another window's refund of the sale: 'already under way' is said, then taken off once that refund is done", async () => {
    const c = await live('r3');
    const sale = await paidLiveSale(c, sim!, clock, 500_000);
    await sim!.control.addFaults([{ route: 'payment/return', delayMs: 1_500, times: 1 }]);
    const other = cashier(c, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 }); // the other window
    await new Promise((resolve) => setTimeout(resolve, 300));
    actions.openRefund(sale);
    actions.setRefundAmount('3000');
    await actions.submitRefund(sale, false);
    expect(panel().error).toMatchObject({ kind: 'api', code: 'refund_in_progress' });
    await other;
    await waitFor(() => panel().refund?.status === 'done');
    expect(panel().error).toBeNull();
  });
  it('r3: a refund made in the Kaspi Pay app shows as Kaspi refusing "too much": the panel offers to record the difference, and Kassa then agrees with Kaspi', async () => {
    const c = await live('r3');
    const sale = await paidLiveSale(c, sim!, clock, 200_000);
    const purchase = sim!.control.state.core.purchase(sale.qrPaymentId!)!;
    expect(sim!.control.state.refunds.refund(purchase, purchase.tradePointId!, 500)).toMatchObject({ StatusCode: 0 }); // in the app
    actions.openRefund(sale);
    await actions.submitRefund(sale, false); // all of it, as Kassa knows it: 2 000 ₸
    await waitFor(() => panel().refund?.errorCode === 'refund_too_much');
    expect(actions.refundedOutsideTiyn(sale, panel().refunds)).toBe(50_000);
    actions.recordRefundedOutside(50_000);
    expect(panel()).toMatchObject({ manualReason: 'refund_outside_kassa', digits: '500' });
    await actions.submitRefund(sale, true);
    await waitFor(async () => (await cashier(c, 'payments.get', { saleId: sale.id })).refundedTiyn === 50_000);
    // recorded: the same panel is back to refunding through Kaspi, for all that is left
    expect(panel()).toMatchObject({ manualReason: null, digits: null, error: null });
    const after = await cashier(c, 'payments.get', { saleId: sale.id });
    expect(actions.refundDigits(after, panel().digits, panel().refunds)).toBe('1500');
    await actions.submitRefund(after, false); // what is left: 1 500 ₸
    await waitFor(async () => (await cashier(c, 'payments.get', { saleId: sale.id })).refundedTiyn === 200_000);
    expect(sim!.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 200_000 });
  });
});
