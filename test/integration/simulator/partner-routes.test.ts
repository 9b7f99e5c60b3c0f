// health/ping, trade points and device register/delete over real HTTP, per scheme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { DEFAULT_BIN, EMPTY_ORG_BIN } from '../../../main/services/kaspi/simulator/simulator-world.js';
import { call, SimClient } from './sim-http.js';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ apiKeyOrganizations: { test_empty_org: EMPTY_ORG_BIN } });
});
afterAll(() => server.close());

const SCHEMES = ['r1', 'r2', 'r3'] as const;
const binFor = (scheme: string) => (scheme === 'r3' ? { OrganizationBin: DEFAULT_BIN } : {});

describe.each(SCHEMES)('%s partner routes', (scheme) => {
  const k = () => new SimClient(server, scheme);
  const bin = binFor(scheme);

  it('health/ping answers {StatusCode:0, Message:"OK"} with HTTP 200', async () => {
    const res = await k().get('health/ping');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe('{"StatusCode":0,"Message":"OK"}');
  });

  it('lists the seeded trade points (Int64 ids as JSON numbers)', async () => {
    const res = await k().get(scheme === 'r3' ? `partner/tradepoints/${DEFAULT_BIN}` : 'partner/tradepoints');
    expect(res.json).toEqual({
      StatusCode: 0,
      Message: 'OK',
      Data: [
        { TradePointId: 4200001, TradePointName: 'Тестовый магазин (Абая, 1)' },
        { TradePointId: 4200002, TradePointName: 'Тестовый склад' },
      ],
    });
    expect(res.text).toContain('"TradePointId":4200001,');
  });

  it('device/register is idempotent for the same DeviceId and trade point', async () => {
    const body = { DeviceId: `POS-01_${scheme}`, TradePointId: 4200001, ...bin };
    const first = await k().post('device/register', body);
    const second = await k().post('device/register', body);
    expect(first.json.StatusCode).toBe(0);
    expect(first.json.Data.DeviceToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second.json.Data.DeviceToken).toBe(first.json.Data.DeviceToken);
    const other = await k().post('device/register', { ...body, DeviceId: `POS-02_${scheme}` });
    expect(other.json.Data.DeviceToken).not.toBe(first.json.Data.DeviceToken);
  });

  it('device/register: -1503 when the DeviceId is on another trade point, -99000002 for an unknown trade point', async () => {
    await k().register(`POS-X_${scheme}`, 4200001, bin);
    const moved = await k().post('device/register', { DeviceId: `POS-X_${scheme}`, TradePointId: 4200002, ...bin });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ StatusCode: -1503 });
    expect(moved.json.Message).toBeTruthy();
    const unknown = await k().post('device/register', { DeviceId: `POS-Y_${scheme}`, TradePointId: 999, ...bin });
    expect(unknown.json).toMatchObject({ StatusCode: -99000002 });
  });

  it('device/register refuses a DeviceId with characters Kaspi forbids (HTTP 400)', async () => {
    const res = await k().post('device/register', { DeviceId: 'касса 1', TradePointId: 4200001, ...bin });
    expect(res.status).toBe(400);
    expect(res.json.StatusCode).toBe(-400);
  });

  it('device/delete answers {StatusCode:0}; then -1501 (deleted or unknown token)', async () => {
    const token = await k().register(`POS-DEL_${scheme}`, 4200001, bin);
    const deleted = await k().post('device/delete', { DeviceToken: token, ...bin });
    expect(deleted.text).toBe('{"StatusCode":0}');
    expect((await k().post('device/delete', { DeviceToken: token, ...bin })).json.StatusCode).toBe(-1501);
    expect((await k().post('device/delete', { DeviceToken: 'no-such-token', ...bin })).json.StatusCode).toBe(-1501);
    // After delete the DeviceId may be registered again (a new token), even on another trade point.
    const again = await k().register(`POS-DEL_${scheme}`, 4200002, bin);
    expect(again).not.toBe(token);
  });
});

describe('trade points of an organization that has none', () => {
  it('r1: an Api-Key of an organization without trade points gets -14000002', async () => {
    const res = await call(server.url, '/r1/v01/partner/tradepoints', { apiKey: 'test_empty_org' });
    expect(res.json).toEqual({ StatusCode: -14000002, Message: 'Отсутствуют торговые точки' });
  });

  it('r3: -14000002 for an organization without trade points and for an unknown BIN; the BIN is required in the path', async () => {
    const k = new SimClient(server, 'r3');
    expect((await k.get(`partner/tradepoints/${EMPTY_ORG_BIN}`)).json.StatusCode).toBe(-14000002);
    expect((await k.get('partner/tradepoints/123456789012')).json.StatusCode).toBe(-14000002);
    expect((await k.get('partner/tradepoints')).status).toBe(404);
    expect((await k.get('partner/tradepoints/12345')).status).toBe(400);
  });

  it('r1/r2 have no BIN in the trade-points path', async () => {
    expect((await new SimClient(server, 'r2').get(`partner/tradepoints/${DEFAULT_BIN}`)).status).toBe(404);
  });
});

describe('r3 devices belong to an organization', () => {
  it('OrganizationBin is required in bodies (HTTP 400) and scopes the DeviceToken (-1501 for another BIN)', async () => {
    const k = new SimClient(server, 'r3');
    const missing = await k.post('device/register', { DeviceId: 'POS-R3', TradePointId: 4200001 });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ StatusCode: -400 });
    const token = await k.register('POS-R3', 4200001, { OrganizationBin: DEFAULT_BIN });
    const wrongBin = await k.post('qr/create', { DeviceToken: token, Amount: 100, OrganizationBin: EMPTY_ORG_BIN });
    expect(wrongBin.json.StatusCode).toBe(-1501);
    const wrongBinRegister = await k.post('device/register', { DeviceId: 'POS-R3b', TradePointId: 4200001, OrganizationBin: EMPTY_ORG_BIN });
    expect(wrongBinRegister.json.StatusCode).toBe(-99000002);
    expect((await k.post('device/delete', { DeviceToken: token, OrganizationBin: EMPTY_ORG_BIN })).json.StatusCode).toBe(-1501);
  });
});
