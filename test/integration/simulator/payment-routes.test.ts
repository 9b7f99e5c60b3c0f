// qr/create, qr/create-link, payment/status (v01/v02), the buyer hooks and the per-scheme 404s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { DEFAULT_BIN } from '../../../main/services/kaspi/simulator/simulator-world.js';
import { call, SimClient } from './sim-http.js';

let server: SimulatorServer;
// A fixed clock: 2025-03-01 10:15:02 Almaty (+05:00).
const T0 = Date.UTC(2025, 2, 1, 5, 15, 2);
beforeAll(async () => {
  server = await startSimulatorServer({ now: () => T0 });
});
afterAll(() => server.close());

const SCHEMES = ['r1', 'r2', 'r3'] as const;

describe.each(SCHEMES)('%s purchases', (scheme) => {
  const bin = scheme === 'r3' ? { OrganizationBin: DEFAULT_BIN } : {};
  const k = () => new SimClient(server, scheme);
  let token: string;
  beforeAll(async () => {
    token = await k().register(`POS-PAY-${scheme}`, 4200001, bin);
  });

  it('qr/create answers the documented shape: 41-digit token, +05:00 expiry, Int64 id above 2^31, 5/180/65', async () => {
    const res = await k().post('qr/create', { DeviceToken: token, Amount: 4500, ExternalId: 'POS1-000123', ...bin });
    expect(res.status).toBe(200);
    const d = res.json.Data;
    expect(res.json).toMatchObject({ StatusCode: 0, Message: 'OK' });
    expect(d.QrToken).toMatch(/^[1-9]\d{40}$/);
    expect(d.ExpireDate).toBe('2025-03-01T10:18:02+05:00');
    expect(Number.isSafeInteger(d.QrPaymentId) && d.QrPaymentId > 2 ** 31).toBe(true);
    expect(res.text).toMatch(/"QrPaymentId":\d{11},/); // a bare JSON number, not a string
    expect(d.PaymentMethods).toEqual(['Gold', 'Red', 'Loan']);
    expect(d.QrPaymentBehaviorOptions).toEqual({ StatusPollingInterval: 5, QrCodeScanWaitTimeout: 180, PaymentConfirmationTimeout: 65 });
  });

  it('each qr/create makes a new purchase', async () => {
    const a = await k().createQr(token, 100, bin);
    const b = await k().createQr(token, 100, bin);
    expect(a).not.toBe(b);
  });

  it('qr/create: -1501 unknown token, -1502 deleted device', async () => {
    expect((await k().post('qr/create', { DeviceToken: 'nope', Amount: 10, ...bin })).json.StatusCode).toBe(-1501);
    const gone = await k().register(`POS-GONE-${scheme}`, 4200001, bin);
    await k().post('device/delete', { DeviceToken: gone, ...bin });
    const res = await k().post('qr/create', { DeviceToken: gone, Amount: 10, ...bin });
    expect(res.json).toEqual({ StatusCode: -1502, Message: 'Устройство не активно (отключено или удалено)' });
  });

  it.each([0, -5, 1.234, 0.001, 1e12, 'abc', null])('qr/create: 990000028 for Amount %s', async (amount) => {
    const res = await k().post('qr/create', { DeviceToken: token, Amount: amount, ...bin });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ StatusCode: 990000028, Message: 'Указана неверная сумма операции' });
  });

  it('qr/create accepts two decimals and the v02 status writes the amount as 4500.50', async () => {
    const id = await k().createQr(token, 4500.5, bin);
    await k().pay(id);
    const res = await k().getV02(`payment/status/${id}`);
    expect(res.text).toContain('"Amount":4500.50,');
    expect(res.json.Data).toMatchObject({
      Status: 'Processed',
      TransactionId: expect.stringMatching(/^\d{10}$/),
      ProductType: 'Gold',
      Amount: 4500.5,
      LoanOfferName: '',
      LoanTerm: 0,
      IsOffer: false,
      StoreName: 'Тестовый магазин (Абая, 1)',
      Address: 'пр. Абая, 1',
      City: 'Алматы',
    });
  });

  it('qr/create-link answers PaymentLink, PaymentId and PaymentBehaviorOptions; its status reads the same way', async () => {
    const res = await k().post('qr/create-link', { DeviceToken: token, Amount: 1200, ...bin });
    const d = res.json.Data;
    expect(d.PaymentLink).toMatch(/^https:\/\/pay\.kaspi\.kz\/pay\/\d{41}$/);
    expect(d.ExpireDate).toMatch(/\+05:00$/);
    expect(d.PaymentBehaviorOptions).toEqual({ StatusPollingInterval: 5, LinkActivationWaitTimeout: 180, PaymentConfirmationTimeout: 65 });
    expect(d.QrToken).toBeUndefined();
    const status = await k().get(`payment/status/${d.PaymentId}`);
    expect(status.json).toEqual({ StatusCode: 0, Message: 'OK', Data: { Status: 'QrTokenCreated' } });
  });

  it('status walks QrTokenCreated -> Wait -> Processed through the hooks; v01 shows only Status', async () => {
    const id = await k().createQr(token, 300, bin);
    const status = async () => (await k().get(`payment/status/${id}`)).json.Data.Status;
    expect(await status()).toBe('QrTokenCreated');
    const scan = await k().post('test/payment/scan', { qrPaymentId: id });
    expect(scan.text).toBe('{"StatusCode":0,"message":"OK"}');
    expect(await status()).toBe('Wait');
    await k().post('test/payment/confirm', { qrPaymentId: id });
    const final = await k().get(`payment/status/${id}`);
    expect(final.json).toEqual({ StatusCode: 0, Message: 'OK', Data: { Status: 'Processed' } });
  });

  it('scanerror and confirmerror end in Error; hooks out of order are refused', async () => {
    const a = await k().createQr(token, 300, bin);
    expect((await k().post('test/payment/confirm', { qrPaymentId: a })).json.StatusCode).not.toBe(0);
    await k().post('test/payment/scanerror', { qrPaymentId: a });
    expect((await k().get(`payment/status/${a}`)).json.Data.Status).toBe('Error');
    const b = await k().createQr(token, 300, bin);
    await k().post('test/payment/scan', { qrPaymentId: b });
    await k().post('test/payment/confirmerror', { qrPaymentId: b });
    expect((await k().getV02(`payment/status/${b}`)).json.Data).toEqual({ Status: 'Error' });
    expect((await k().post('test/payment/scan', { qrPaymentId: b })).json.StatusCode).not.toBe(0);
  });

  it('status of an unknown purchase is -1601 (v01 and v02); hooks too', async () => {
    expect((await k().get('payment/status/99999999999')).json).toEqual({ StatusCode: -1601, Message: 'Покупка не найдена' });
    expect((await k().getV02('payment/status/99999999999')).json.StatusCode).toBe(-1601);
    expect((await k().get('payment/status/abc')).json.StatusCode).toBe(-1601);
    expect((await k().post('test/payment/scan', { qrPaymentId: '99999999999' })).json).toEqual({ StatusCode: -1601, message: 'Покупка не найдена' });
  });
});

describe('endpoints that do not exist in a scheme answer HTTP 404 with an envelope', () => {
  it.each([
    ['POST', '/r1/v01/payment/return'],
    ['GET', '/r1/v01/payment/details?QrPaymentId=1&DeviceToken=x'],
    ['POST', '/r1/v01/return/create'],
    ['POST', '/r3/v01/return/create'],
    ['GET', '/r3/v01/return/status/1'],
    ['POST', '/r3/v01/return/operations'],
    ['POST', '/r1/v02/qr/create'],
    ['GET', '/r4/v01/health/ping'],
    ['GET', '/r1/v01/no/such/thing'],
    ['GET', '/r1/v01/qr/create'],
  ] as const)('%s %s', async (method, path) => {
    const res = await call(server.url, path, { method, body: method === 'POST' ? {} : undefined, apiKey: 'test_x1' });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ StatusCode: -404, Message: expect.any(String) });
  });
});

describe('purchases are private to the organization that created them', () => {
  it('r1 status of another organization’s purchase is -1601', async () => {
    const r1 = new SimClient(server, 'r1');
    const token = await r1.register('POS-PRIV');
    const id = await r1.createQr(token, 50);
    const other = await startSimulatorServer({ apiKeyOrganizations: { test_other: '990140000136' } });
    try {
      const k = new SimClient(other, 'r1');
      const ownToken = await k.register('POS-A');
      const own = await k.createQr(ownToken, 50);
      expect((await call(other.url, `/r1/v01/payment/status/${own}`, { apiKey: 'test_other' })).json.StatusCode).toBe(-1601);
      expect((await k.get(`payment/status/${own}`)).json.StatusCode).toBe(0);
    } finally {
      await other.close();
    }
    expect((await r1.get(`payment/status/${id}`)).json.StatusCode).toBe(0);
  });
});
