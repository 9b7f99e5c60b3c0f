// Purchase timers over HTTP: the scan wait and confirmation timeouts (injected clock, the control
// clock and short real timers) and demo auto-pay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { control, SimClient } from './sim-http.js';

describe('timers on an injected clock', () => {
  let server: SimulatorServer;
  let now = Date.UTC(2025, 2, 1, 5, 0, 0);
  let token: string;
  const k = () => new SimClient(server, 'r1');
  const status = async (id: string) => (await k().get(`payment/status/${id}`)).json.Data.Status as string;
  beforeAll(async () => {
    server = await startSimulatorServer({ now: () => now });
    token = await k().register('TIMERS');
  });
  afterAll(() => server.close());

  it('unscanned: QrTokenCreated until QrCodeScanWaitTimeout (180 s), then Error', async () => {
    const id = await k().createQr(token, 100);
    now += 179_999;
    expect(await status(id)).toBe('QrTokenCreated');
    now += 1;
    expect(await status(id)).toBe('Error');
    expect((await k().post('test/payment/scan', { qrPaymentId: id })).json.StatusCode).not.toBe(0);
  });

  it('scanned: Wait until PaymentConfirmationTimeout (65 s from the scan), then Error', async () => {
    const id = await k().createQr(token, 100);
    now += 100_000;
    await k().post('test/payment/scan', { qrPaymentId: id });
    now += 64_999;
    expect(await status(id)).toBe('Wait'); // the scan stopped the 180 s clock
    now += 1;
    expect(await status(id)).toBe('Error');
  });

  it('confirmed inside the window: Processed stays Processed', async () => {
    const id = await k().createQr(token, 100);
    await k().post('test/payment/scan', { qrPaymentId: id });
    now += 64_000;
    expect((await k().post('test/payment/confirm', { qrPaymentId: id })).json.StatusCode).toBe(0);
    now += 3_600_000;
    expect(await status(id)).toBe('Processed');
  });

  it('auto-pay (set through /_sim/auto-pay) scans and confirms by itself, for purchases created afterwards', async () => {
    const before = await k().createQr(token, 100);
    const set = await control(server.url, 'POST', 'auto-pay', { scanAfterS: 2, confirmAfterS: 3 });
    expect(set.json).toEqual({ autoPay: { scanAfterS: 2, confirmAfterS: 3 } });
    const id = await k().createQr(token, 100);
    now += 1_999;
    expect(await status(id)).toBe('QrTokenCreated');
    now += 1;
    expect(await status(id)).toBe('Wait');
    now += 3_000;
    expect(await status(id)).toBe('Processed');
    expect(await status(before)).toBe('QrTokenCreated');
    expect((await control(server.url, 'POST', 'auto-pay', {})).json).toEqual({ autoPay: null });
  });

  it('auto-pay slower than the scan timeout still expires', async () => {
    server.control.setAutoPay({ scanAfterS: 500, confirmAfterS: 1 });
    const id = await k().createQr(token, 100);
    now += 600_000;
    expect(await status(id)).toBe('Error');
    server.control.setAutoPay(null);
  });
});

describe('timers on the real clock', () => {
  let server: SimulatorServer;
  beforeAll(async () => {
    // 3 s to scan: the first status read lands well inside it even on a loaded machine
    server = await startSimulatorServer({ timers: { pollIntervalS: 1, scanTimeoutS: 3, confirmTimeoutS: 1 } });
  });
  afterAll(() => server.close());
  const k = () => new SimClient(server, 'r1');

  it('short timers are announced in qr/create and really fire', async () => {
    const token = await k().register('REAL-TIME');
    const res = await k().post('qr/create', { DeviceToken: token, Amount: 10 });
    expect(res.json.Data.QrPaymentBehaviorOptions).toEqual({ StatusPollingInterval: 1, QrCodeScanWaitTimeout: 3, PaymentConfirmationTimeout: 1 });
    const id = String(res.json.Data.QrPaymentId);
    expect((await k().get(`payment/status/${id}`)).json.Data.Status).toBe('QrTokenCreated');
    await new Promise((r) => setTimeout(r, 3100));
    expect((await k().get(`payment/status/${id}`)).json.Data.Status).toBe('Error');
  });

  it('POST /_sim/clock moves time forward for the timers', async () => {
    const token = await k().register('CLOCK');
    const id = await k().createQr(token, 10);
    const moved = await control(server.url, 'POST', 'clock', { advanceMs: 5_000 });
    expect(moved.json.offsetMs).toBe(5_000);
    expect((await k().get(`payment/status/${id}`)).json.Data.Status).toBe('Error');
    expect((await control(server.url, 'POST', 'clock', { advanceMs: -1 })).status).toBe(400);
  });
});
