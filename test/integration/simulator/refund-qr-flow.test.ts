// The r2 refund-QR flow end to end: return/create -> the buyer scans (simulator hook) ->
// return/status -> return/operations -> payment/details -> payment/return; and its timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { SimClient } from './sim-http.js';

let server: SimulatorServer;
let now = Date.UTC(2025, 5, 10, 7, 0, 0);
beforeAll(async () => {
  server = await startSimulatorServer({ now: () => now });
});
afterAll(() => server.close());
const k = () => new SimClient(server, 'r2');

describe('r2 refund QR', () => {
  it('walks the whole flow and refunds part of a purchase', async () => {
    const token = await k().register('R2-FLOW', 4200001);
    const older = await k().createQr(token, 250);
    await k().pay(older, 'buyer-flow');
    now += 60_000;
    const newer = await k().createQr(token, 4500);
    await k().pay(newer, 'buyer-flow');
    const notPaid = await k().createQr(token, 10); // never scanned: not in the list
    void notPaid;

    const created = await k().post('return/create', { DeviceToken: token, ExternalId: 'RET-1' });
    expect(created.json).toMatchObject({ StatusCode: 0, Message: 'OK' });
    const d = created.json.Data;
    expect(d.QrToken).toMatch(/^\d{41}$/);
    expect(d.ExpireDate).toMatch(/\+05:00$/);
    expect(d.QrReturnId).toBeGreaterThan(2 ** 31);
    expect(d.QrReturnBehaviorOptions).toEqual({ QrCodeScanEventPollingInterval: 5, QrCodeScanWaitTimeout: 180 });

    const status = async () => (await k().get(`return/status/${d.QrReturnId}`)).json;
    expect(await status()).toEqual({ StatusCode: 0, Message: 'OK', Data: { Status: 'QrTokenCreated' } });
    // Before the buyer scans, Kaspi cannot list their purchases.
    expect((await k().post('return/operations', { DeviceToken: token, QrReturnId: d.QrReturnId })).json.StatusCode).toBe(-1601);

    const scan = await k().post('test/return/scan', { qrReturnId: String(d.QrReturnId), qrPaymentId: newer });
    expect(scan.text).toBe('{"StatusCode":0,"message":"OK"}');
    expect((await status()).Data.Status).toBe('CustomerIdentityObtained');

    const ops = await k().post('return/operations', { DeviceToken: token, QrReturnId: d.QrReturnId });
    expect(ops.json.StatusCode).toBe(0);
    expect(ops.json.Data).toEqual([
      { QrPaymentId: Number(newer), TransactionDate: expect.stringMatching(/\+05:00$/), Amount: 4500 },
      { QrPaymentId: Number(older), TransactionDate: expect.stringMatching(/\+05:00$/), Amount: 250 },
    ]);
    expect(ops.text).toContain('"Amount":4500.00}');

    const detail = await k().get(`payment/details?QrPaymentId=${newer}&DeviceToken=${token}`);
    expect(detail.json.Data.AvailableReturnAmount).toBe(4500);
    const refund = await k().post('payment/return', { DeviceToken: token, QrPaymentId: Number(newer), QrReturnId: d.QrReturnId, Amount: 1500 });
    expect(refund.json).toMatchObject({ StatusCode: 0, Data: { ReturnOperationId: expect.any(Number) } });
    const after = await k().get(`payment/details?QrPaymentId=${newer}&DeviceToken=${token}`);
    expect(after.text).toContain('"AvailableReturnAmount":3000.00');
  });

  it('return/operations: only the buyer’s processed purchases at this trade point, at most 10, MaxResult honoured', async () => {
    const token = await k().register('R2-MANY', 4200001);
    const elsewhere = await k().register('R2-MANY-WH', 4200002);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      now += 1000;
      const id = await k().createQr(token, 100 + i);
      await k().pay(id, 'buyer-many');
      ids.push(id);
    }
    const atWarehouse = await k().createQr(elsewhere, 5);
    await k().pay(atWarehouse, 'buyer-many');
    const stranger = await k().createQr(token, 6);
    await k().pay(stranger, 'buyer-stranger');

    const qr = (await k().post('return/create', { DeviceToken: token })).json.Data.QrReturnId;
    await k().post('test/return/scan', { qrReturnId: qr, qrPaymentId: ids[0] });
    const all = (await k().post('return/operations', { DeviceToken: token, QrReturnId: qr })).json.Data;
    expect(all).toHaveLength(10);
    expect(all.map((o: { QrPaymentId: number }) => String(o.QrPaymentId))).toEqual(ids.slice(2).reverse());
    const three = (await k().post('return/operations', { DeviceToken: token, QrReturnId: qr, MaxResult: 3 })).json.Data;
    expect(three).toHaveLength(3);
    const many = (await k().post('return/operations', { DeviceToken: token, QrReturnId: qr, MaxResult: 50 })).json.Data;
    expect(many).toHaveLength(10);
    // From the warehouse device the same buyer has exactly the warehouse purchase.
    const wh = (await k().post('return/operations', { DeviceToken: elsewhere, QrReturnId: qr })).json.Data;
    expect(wh.map((o: { QrPaymentId: number }) => String(o.QrPaymentId))).toEqual([atWarehouse]);
  });

  it('an unscanned refund QR turns Error after QrCodeScanWaitTimeout and can no longer be scanned', async () => {
    const token = await k().register('R2-TIMEOUT', 4200001);
    const paid = await k().createQr(token, 100);
    await k().pay(paid);
    const qr = (await k().post('return/create', { DeviceToken: token })).json.Data.QrReturnId;
    now += 179_999;
    expect((await k().get(`return/status/${qr}`)).json.Data.Status).toBe('QrTokenCreated');
    now += 1;
    expect((await k().get(`return/status/${qr}`)).json.Data.Status).toBe('Error');
    const late = await k().post('test/return/scan', { qrReturnId: qr, qrPaymentId: paid });
    expect(late.json.StatusCode).not.toBe(0);
  });

  it('codes: return/create -1501/-1502, return/status -1601, scan hook -1601 for unknown ids', async () => {
    expect((await k().post('return/create', { DeviceToken: 'missing' })).json.StatusCode).toBe(-1501);
    const gone = await k().register('R2-GONE', 4200001);
    await k().post('device/delete', { DeviceToken: gone });
    expect((await k().post('return/create', { DeviceToken: gone })).json.StatusCode).toBe(-1502);
    expect((await k().get('return/status/12345678901')).json.StatusCode).toBe(-1601);
    const hook = await k().post('test/return/scan', { qrReturnId: '12345678901', qrPaymentId: '1' });
    expect(hook.json).toMatchObject({ StatusCode: -1601, message: expect.any(String) });
  });
});
