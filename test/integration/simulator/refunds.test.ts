// payment/details and payment/return rules: partial refunds up to the total, AvailableReturnAmount,
// -99000005, -99000011, -99000003, -1601, -1501/-1502 (r3 directly; r2 with a scanned refund QR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { DEFAULT_BIN } from '../../../main/services/kaspi/simulator/simulator-world.js';
import { SimClient } from './sim-http.js';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ now: () => Date.UTC(2025, 2, 1, 5, 16, 40, 123) });
});
afterAll(() => server.close());

const BIN = { OrganizationBin: DEFAULT_BIN };

describe('r3 refunds without the buyer', () => {
  const k = () => new SimClient(server, 'r3');
  let shop: string;
  let warehouse: string;
  beforeAll(async () => {
    shop = await k().register('R3-SHOP', 4200001, BIN);
    warehouse = await k().register('R3-WAREHOUSE', 4200002, BIN);
  });
  const details = async (id: string, token = shop) =>
    (await k().get(`payment/details?QrPaymentId=${id}&DeviceToken=${encodeURIComponent(token)}`)).json;
  const refund = async (id: string, amount: unknown, token = shop) =>
    (await k().post('payment/return', { DeviceToken: token, QrPaymentId: Number(id), Amount: amount, ...BIN })).json;

  it('details of a processed purchase: TotalAmount, AvailableReturnAmount, TransactionDate with +05:00', async () => {
    const id = await k().createQr(shop, 4500, BIN);
    await k().pay(id);
    const res = await k().get(`payment/details?QrPaymentId=${id}&DeviceToken=${shop}`);
    expect(res.text).toContain('"TotalAmount":4500.00,"AvailableReturnAmount":4500.00,');
    expect(res.json).toEqual({
      StatusCode: 0,
      Message: 'OK',
      Data: { QrPaymentId: Number(id), TotalAmount: 4500, AvailableReturnAmount: 4500, TransactionDate: '2025-03-01T10:16:40.123+05:00' },
    });
  });

  it('partial refunds sum up to the total; each gets a ReturnOperationId; the status stays Processed', async () => {
    const id = await k().createQr(shop, 100, BIN);
    await k().pay(id);
    const first = await refund(id, 50);
    expect(first).toMatchObject({ StatusCode: 0, Message: 'OK', Data: { ReturnOperationId: expect.any(Number) } });
    expect(first.Data.ReturnOperationId).toBeGreaterThan(2 ** 31);
    expect((await details(id)).Data.AvailableReturnAmount).toBe(50);
    const second = await refund(id, 49.99);
    expect(second.Data.ReturnOperationId).not.toBe(first.Data.ReturnOperationId);
    expect((await details(id)).Data.AvailableReturnAmount).toBe(0.01);
    expect((await refund(id, 0.02)).StatusCode).toBe(-99000005);
    expect((await refund(id, 0.01)).StatusCode).toBe(0);
    expect((await details(id)).Data).toMatchObject({ TotalAmount: 100, AvailableReturnAmount: 0 });
    expect((await refund(id, 0.01)).StatusCode).toBe(-99000005);
    expect((await k().get(`payment/status/${id}`)).json.Data.Status).toBe('Processed');
    expect(server.control.purchase(id)).toMatchObject({ refundedTiyn: 10_000, availableTiyn: 0, refunds: expect.any(Array) });
    expect(server.control.purchase(id)!.refunds).toHaveLength(3);
  });

  it('-99000005 for more than the purchase, with nothing refunded', async () => {
    const id = await k().createQr(shop, 1500, BIN);
    await k().pay(id);
    expect(await refund(id, 1500.01)).toEqual({ StatusCode: -99000005, Message: 'Сумма возврата не может превышать сумму покупки' });
    expect((await details(id)).Data.AvailableReturnAmount).toBe(1500);
  });

  it('-99000011 for a purchase that is not Processed (created, waiting, failed)', async () => {
    const created = await k().createQr(shop, 100, BIN);
    expect((await refund(created, 10)).StatusCode).toBe(-99000011);
    await k().post('test/payment/scan', { qrPaymentId: created });
    expect((await refund(created, 10)).StatusCode).toBe(-99000011);
    await k().post('test/payment/confirmerror', { qrPaymentId: created });
    expect((await refund(created, 10)).StatusCode).toBe(-99000011);
    expect((await details(created)).Data.AvailableReturnAmount).toBe(0);
  });

  it('-99000003 when the device belongs to another trade point of the organization', async () => {
    const id = await k().createQr(shop, 100, BIN);
    await k().pay(id);
    expect((await refund(id, 10, warehouse)).StatusCode).toBe(-99000003);
    expect((await details(id)).Data.AvailableReturnAmount).toBe(100);
  });

  it('-1601 for an unknown purchase (refund and details); -1501/-1502 for the device; 990000028 for a bad amount', async () => {
    expect((await refund('77777777777', 10)).StatusCode).toBe(-1601);
    expect((await details('77777777777')).StatusCode).toBe(-1601);
    const id = await k().createQr(shop, 100, BIN);
    await k().pay(id);
    expect((await refund(id, 10, 'no-such-device')).StatusCode).toBe(-1501);
    expect((await details(id, 'no-such-device')).StatusCode).toBe(-1501);
    const gone = await k().register('R3-GONE', 4200001, BIN);
    await k().post('device/delete', { DeviceToken: gone, ...BIN });
    expect((await refund(id, 10, gone)).StatusCode).toBe(-1502);
    expect((await refund(id, 0)).StatusCode).toBe(990000028);
    expect((await refund(id, 1.001)).StatusCode).toBe(990000028);
  });

  it('another device of the same trade point may refund', async () => {
    const second = await k().register('R3-SHOP-2', 4200001, BIN);
    const id = await k().createQr(shop, 100, BIN);
    await k().pay(id);
    expect((await refund(id, 100, second)).StatusCode).toBe(0);
  });

  it('OrganizationBin is required in the refund body', async () => {
    const res = await k().post('payment/return', { DeviceToken: shop, QrPaymentId: 1, Amount: 1 });
    expect(res.status).toBe(400);
  });
});

describe('r2 payment/return needs a refund QR the buyer scanned', () => {
  const k = () => new SimClient(server, 'r2');
  let token: string;
  beforeAll(async () => {
    token = await k().register('R2-REFUND', 4200001);
  });

  it('is refused without QrReturnId (HTTP 400), with an unscanned QR (-99000011) and for another buyer’s purchase (-99000001)', async () => {
    const id = await k().createQr(token, 100);
    await k().pay(id, 'buyer-anna');
    const noQr = await k().post('payment/return', { DeviceToken: token, QrPaymentId: id, Amount: 10 });
    expect(noQr.status).toBe(400);
    const qr = (await k().post('return/create', { DeviceToken: token })).json.Data.QrReturnId;
    const unscanned = await k().post('payment/return', { DeviceToken: token, QrPaymentId: id, QrReturnId: qr, Amount: 10 });
    expect(unscanned.json.StatusCode).toBe(-99000011);
    const unknownQr = await k().post('payment/return', { DeviceToken: token, QrPaymentId: id, QrReturnId: 1, Amount: 10 });
    expect(unknownQr.json.StatusCode).toBe(-1601);
    // Boris (who paid another purchase) scans the refund QR: Anna's purchase is not his.
    const borisPurchase = await k().createQr(token, 70);
    await k().pay(borisPurchase, 'buyer-boris');
    expect((await k().post('test/return/scan', { qrReturnId: String(qr), qrPaymentId: borisPurchase })).json.StatusCode).toBe(0);
    const notHis = await k().post('payment/return', { DeviceToken: token, QrPaymentId: id, QrReturnId: qr, Amount: 10 });
    expect(notHis.json.StatusCode).toBe(-99000001);
    const his = await k().post('payment/return', { DeviceToken: token, QrPaymentId: borisPurchase, QrReturnId: qr, Amount: 70 });
    expect(his.json).toMatchObject({ StatusCode: 0, Data: { ReturnOperationId: expect.any(Number) } });
  });
});
