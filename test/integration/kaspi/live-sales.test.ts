// Live mode end to end below the UI: the real core, real SQLite, the simulator over HTTPS.
import { describe, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { silentLogger } from '../../../main/services/logger.js';
import { envOnlyStore } from '../../../main/services/secrets/secret-store.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import type { RefundView, SaleView } from '../../../shared/domain.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveTestEnv } from '../../helpers/live-test-env.js';

const t = liveTestEnv();

const get = (c: KassaCore, saleId: string) => cashier<SaleView>(c, 'payments.get', { saleId });

describe('live sales against the simulator', () => {
  it.each(['r1', 'r2', 'r3'] as const)('%s: charge, the buyer scans and confirms, the sale is paid once', async (scheme) => {
    t.sim = await startSim(scheme, `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, scheme, `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 450000 });
    expect(sale).toMatchObject({ status: 'qr_shown', mode: 'live' });
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ amountTiyn: 450000, externalId: expect.stringMatching(/^POS-IT_1-/) });
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'scanned');
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    const paid = await waitFor(async () => {
      const s = await get(t.core!, sale.id);
      return s.status === 'paid' && s;
    });
    expect(paid.orderNumber).toBe('000001');
  });

  it('Kaspi unreachable while waiting: offline event, the sale survives, polling resumes and it is paid', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const events: string[] = [];
    t.core.onEvent((name, payload) => {
      if (name === 'kaspi.connection') events.push((payload as { online: boolean }).online ? 'online' : 'offline');
    });
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 1000 });
    await t.sim.control.addFaults([{ route: 'payment/status/*', fault: 'http', httpStatus: 503 }]);
    await waitFor(() => events.includes('offline'));
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: false });
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await get(t.core, sale.id)).status).toBe('qr_shown');
    await t.sim.control.clearFaults();
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'paid');
    expect(events).toEqual(['offline', 'online']);
  });

  it('restarted without its key (the keyring not opened at start): the waiting sale says Kaspi cannot be asked, the till is not "ready"', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 1000 });
    await t.core.close();
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    await waitFor(async () => !(await cashier<{ online: boolean }>(t.core!, 'kaspi.connection')).online);
    expect((await get(t.core, sale.id)).status).toBe('qr_shown'); // kept, and read again once the key is back
    expect(await cashier(t.core, 'settings.get')).toMatchObject({ mode: 'live', kaspi: { ready: false, gaps: ['api_key'] } });
  });

  it('garbage and -999 from payment/status are retried; an unknown status string is tolerated', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 1000 });
    await t.sim.control.addFaults([
      { route: 'payment/status/*', fault: 'malformed', times: 1 },
      { route: 'payment/status/*', fault: 'status', statusCode: -999, times: 1 },
    ]);
    // A status this Kassa has never heard of (the Kaspi Pay app API has many) changes nothing.
    const purchase = t.sim.control.state.core.purchase(sale.qrPaymentId!)!;
    t.sim.control.state.core.save({ ...purchase, status: 'IrisDestBlockCode12' });
    await waitFor(async () => (await get(t.core!, sale.id)).kaspiStatus === 'IrisDestBlockCode12', 20_000);
    expect((await get(t.core, sale.id)).status).toBe('qr_shown');
    t.sim.control.state.core.save({ ...purchase, status: 'QrTokenCreated' });
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'paid', 20_000);
  });

  it('a qr/create whose answer is lost: exactly one purchase at Kaspi, the sale unknown, never re-sent, then closed; Kaspi pinged back', async () => {
    const clock = new ManualScheduler(Date.now());
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`, clock);
    await t.sim.control.addFaults([{ route: 'qr/create', fault: 'drop', stage: 'after', times: 1 }]);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 5000 });
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unknown', qrToken: null });
    // Kaspi not heard: the red line; nothing reads Kaspi for this sale, so a health/ping it answers takes it off.
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: false });
    await clock.advance(20_000);
    await waitFor(async () => (await cashier<{ online: boolean }>(t.core!, 'kaspi.connection')).online);
    await clock.advance(280_000);
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'expired');
    expect(t.sim.control.purchases().filter((p) => p.externalId?.startsWith('POS-IT_1-'))).toHaveLength(1);
    // The till is free for the next sale, which is a new purchase.
    const next = await cashier(t.core, 'payments.charge', { amountTiyn: 5000 });
    expect(next.status).toBe('qr_shown');
    expect(t.sim.control.purchases()).toHaveLength(2);
  });

  it('qr/create answered -999: the sale unknown (never re-sent) with Kaspi\'s code, and Kaspi shown as unavailable', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    await t.sim.control.addFaults([{ route: 'qr/create', fault: 'status', statusCode: -999, times: 1 }]);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 5000 });
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unavailable', kaspiStatus: '-999', qrToken: null });
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: false });
    expect(t.sim.control.purchases()).toHaveLength(0);
  });
});

describe('live sales: what must not lose a payment', () => {
  it('one "purchase not found" is no verdict: the sale stays open and a later payment is recorded', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 2000 });
    await t.sim.control.addFaults([{ route: 'payment/status/*', fault: 'status', statusCode: -1601, times: 1 }]);
    await waitFor(async () => (await get(t.core!, sale.id)).kaspiStatus === 'NotFound');
    expect((await get(t.core, sale.id)).status).toBe('qr_shown');
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'paid');
  });

  it('changing an unrelated setting while qr/create is in flight does not cut the call', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    await t.sim.control.addFaults([{ route: 'qr/create', delayMs: 600, times: 1 }]);
    const charging = cashier(t.core, 'payments.charge', { amountTiyn: 3000 });
    await new Promise((r) => setTimeout(r, 150));
    await cashier(t.core, 'settings.update', { shopName: 'Дүкен' });
    expect((await charging).status).toBe('qr_shown');
  });
});

describe('live refunds', () => {
  async function paidSale(c: KassaCore, s: SimulatorServer, amountTiyn: number): Promise<SaleView> {
    const sale = await cashier(c, 'payments.charge', { amountTiyn });
    s.control.state.core.testHook('scan', sale.qrPaymentId!);
    s.control.state.core.testHook('confirm', sale.qrPaymentId!);
    return waitFor(async () => {
      const v = await get(c, sale.id);
      return v.status === 'paid' && v;
    });
  }

  it('r3: partial refunds through the API, checked against AvailableReturnAmount; more than is left is refused', async () => {
    t.sim = await startSim('r3', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 10000);
    const first = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 4000 });
    expect(first).toMatchObject({ status: 'done', method: 'api', amountTiyn: 4000 });
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 4000 });
    expect((await get(t.core, sale.id)).refundedTiyn).toBe(4000);
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 6001 })).rejects.toMatchObject({ code: 'refund_too_much' });
    await cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 6000 });
    expect((await get(t.core, sale.id)).refundedTiyn).toBe(10000);
    const list = await cashier<{ refunds: RefundView[] }>(t.core, 'refunds.list', { saleId: sale.id });
    expect(list.refunds.map((r) => r.amountTiyn)).toEqual([4000, 6000]);
  });

  it.each([-10000])('r3: payment/return refused with %i (access refused before anything ran): failed with Kaspi\'s code, the amount free to retry', async (code) => {
    t.sim = await startSim('r3', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 10000);
    await t.sim.control.addFaults([{ route: 'payment/return', fault: 'status', statusCode: code, times: 1 }]);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 });
    expect(refund).toMatchObject({ status: 'failed', errorCode: 'kaspi_rejected', errorParams: { code } });
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 0 });
    expect(await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 })).toMatchObject({ status: 'done' });
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 2500 });
  });

  it.each([-999, -99000006])('r3: payment/return answered %i stays careful (it does not say no money moved): unknown until AvailableReturnAmount settles it', async (code) => {
    t.sim = await startSim('r3', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 10000);
    await t.sim.control.addFaults([{ route: 'payment/return', fault: 'status', statusCode: code, times: 1 }]);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 });
    expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 100 })).rejects.toMatchObject({ code: 'refund_in_progress' });
  });

  it('r3: a payment/return whose answer is lost is resolved from AvailableReturnAmount, never sent twice', async () => {
    t.sim = await startSim('r3', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 10000);
    await t.sim.control.addFaults([{ route: 'payment/return', fault: 'drop', stage: 'after', times: 1 }]);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 });
    expect(refund.status).toBe('unknown');
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 100 })).rejects.toMatchObject({ code: 'refund_in_progress' });
    await waitFor(async () => (await cashier<{ refunds: RefundView[] }>(t.core!, 'refunds.list', { saleId: sale.id })).refunds[0]!.status === 'done', 20_000);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 2500 });
  });

  it('r2: the refund QR goes to the customer display; once the buyer scans it, payment/return runs', async () => {
    t.sim = await startSim('r2', `${t.dir}/pki`, { timers: { pollIntervalS: 1 }, returnTimers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r2', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 8000);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 3000 });
    expect(refund).toMatchObject({ method: 'qr', status: 'qr_shown' });
    const view = await t.core.invoke('customer.view', {}, 'customer');
    expect(view).toMatchObject({ ok: true, data: { refund: { status: 'qr_shown', amountTiyn: 3000, qrToken: refund.qrToken } } });
    // The buyer who paid scans the refund QR in the Kaspi app.
    const qrReturnId = t.sim.control.state.returns.list().at(-1)!.qrReturnId;
    t.sim.control.state.returns.scan(qrReturnId, t.sim.control.purchase(sale.qrPaymentId!)!.buyerId!);
    await waitFor(async () => (await cashier<{ refunds: RefundView[] }>(t.core!, 'refunds.list', { saleId: sale.id })).refunds[0]!.status === 'done', 20_000);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 3000 });
    expect((await get(t.core, sale.id)).refundedTiyn).toBe(3000);
  });

  it.each([
    ['HTTP 502 with a -999 envelope', { fault: 'http', httpStatus: 502, httpBody: 'envelope' }],
    ['HTTP 200 with StatusCode -999', { fault: 'status', statusCode: -999 }],
    ['HTTP 400 with an HTML body', { fault: 'http', httpStatus: 400, httpBody: 'html' }],
    ['StatusCode -99000006, "refund error"', { fault: 'status', statusCode: -99000006 }],
  ])('r3: Kaspi refunds, then answers badly (%s): recorded done, never refunded twice', async (_label, rule) => {
    t.sim = await startSim('r3', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 10000);
    await t.sim.control.addFaults([{ route: 'payment/return', stage: 'after', times: 1, ...rule } as never]);
    const refund = await cashier<RefundView>(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 });
    expect(refund.status).toBe('unknown');
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 2500 })).rejects.toMatchObject({ code: 'refund_in_progress' });
    await waitFor(async () => (await cashier<{ refunds: RefundView[] }>(t.core!, 'refunds.list', { saleId: sale.id })).refunds[0]!.status === 'done', 20_000);
    expect(t.sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 2500 });
    expect((await get(t.core, sale.id)).refundedTiyn).toBe(2500);
  });

  it('r1 has no refund API: the cashier records the refund made in the Kaspi Pay app', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const sale = await paidSale(t.core, t.sim, 3000);
    await expect(cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 1000 })).rejects.toMatchObject({ code: 'refund_manual_only' });
    expect(await cashier<RefundView>(t.core, 'refunds.recordManual', { saleId: sale.id, amountTiyn: 1000 })).toMatchObject({ status: 'done', method: 'manual' });
    await expect(cashier(t.core, 'refunds.recordManual', { saleId: sale.id, amountTiyn: 2001 })).rejects.toMatchObject({ code: 'refund_too_much' });
    expect((await get(t.core, sale.id)).refundedTiyn).toBe(1000);
  });
});
