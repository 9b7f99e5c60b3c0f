// Fault injection over the control endpoint: delay, StatusCode, HTTP 5xx, malformed JSON, dropped
// connection before and after the handler (qr/create created the purchase but the answer was lost).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { control, SimClient } from './sim-http.js';

let server: SimulatorServer;
let token: string;
const k = () => new SimClient(server, 'r1');
const faults = (body: unknown) => control(server.url, 'POST', 'faults', body);
const purchases = async () => (await control(server.url, 'GET', 'purchases')).json.purchases as { qrPaymentId: string; externalId: string }[];

beforeAll(async () => {
  server = await startSimulatorServer();
  token = await k().register('FAULTS');
});
afterEach(async () => {
  await control(server.url, 'DELETE', 'faults');
});
afterAll(() => server.close());

describe('fault kinds', () => {
  it('delay: the answer comes at least delayMs later, and is otherwise normal', async () => {
    await faults({ route: 'health/ping', delayMs: 2000, times: 1 });
    const started = Date.now();
    const res = await k().get('health/ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1990);
    expect(res.json).toEqual({ StatusCode: 0, Message: 'OK' });
    // once used up, the delay is gone (a wide margin: a loaded machine may stall a plain call a while)
    const quick = Date.now();
    await k().get('health/ping');
    expect(Date.now() - quick).toBeLessThan(1500);
  });

  it('status: the next N calls get the StatusCode (HTTP 200) and nothing is created; then normal again', async () => {
    const added = await faults({ route: 'qr/create', fault: 'status', statusCode: -999, times: 2 });
    expect(added.json.faults).toEqual([expect.objectContaining({ route: 'qr/create', remaining: 2, hits: 0 })]);
    const before = (await purchases()).length;
    for (let i = 0; i < 2; i += 1) {
      const res = await k().post('qr/create', { DeviceToken: token, Amount: 10 });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ StatusCode: -999, Message: 'Сервис временно недоступен' });
    }
    expect((await purchases()).length).toBe(before);
    expect((await k().post('qr/create', { DeviceToken: token, Amount: 10 })).json.StatusCode).toBe(0);
    expect((await control(server.url, 'GET', 'faults')).json.faults).toEqual([]);
  });

  it.each([-1501, -1502, 990000018, 990000026, 990000028, 990000033])('status: any code, e.g. %s, with Kaspi’s message', async (code) => {
    await faults({ route: 'qr/create', fault: 'status', statusCode: code, times: 1 });
    const res = await k().post('qr/create', { DeviceToken: token, Amount: 10 });
    expect(res.json.StatusCode).toBe(code);
    expect(res.json.Message.length).toBeGreaterThan(3);
  });

  it('http: a 5xx with an HTML page by default, or an envelope, or nothing', async () => {
    await faults({ faults: [
      { route: 'health/ping', fault: 'http', times: 1 },
      { route: 'health/ping', fault: 'http', httpStatus: 500, httpBody: 'envelope', times: 1 },
      { route: 'health/ping', fault: 'http', httpStatus: 502, httpBody: 'empty', times: 1 },
    ] });
    const html = await k().get('health/ping');
    expect(html.status).toBe(503);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const envelope = await k().get('health/ping');
    expect(envelope.status).toBe(500);
    expect(envelope.json).toMatchObject({ StatusCode: -999 });
    const empty = await k().get('health/ping');
    expect(empty.status).toBe(502);
    expect(empty.text).toBe('');
  });

  it('malformed: HTTP 200, application/json, not parseable', async () => {
    await faults({ route: 'payment/status/*', fault: 'malformed', times: 1 });
    const res = await k().get('payment/status/13000000001');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('drop (before): the connection dies after the request was read; nothing was created', async () => {
    await faults({ route: 'qr/create', fault: 'drop', times: 1 });
    const before = (await purchases()).length;
    await expect(k().post('qr/create', { DeviceToken: token, Amount: 10, ExternalId: 'DROP-BEFORE' })).rejects.toThrow();
    expect((await purchases()).length).toBe(before);
  });

  it('drop (after) on qr/create: Kaspi created the purchase but the answer was lost — exactly one purchase exists', async () => {
    await faults({ route: 'qr/create', method: 'POST', fault: 'drop', stage: 'after', times: 1 });
    await expect(k().post('qr/create', { DeviceToken: token, Amount: 77, ExternalId: 'LOST-ANSWER' })).rejects.toThrow();
    const lost = (await purchases()).filter((p) => p.externalId === 'LOST-ANSWER');
    expect(lost).toHaveLength(1);
    const view = await control(server.url, 'GET', `purchases/${lost[0]!.qrPaymentId}`);
    expect(view.json).toMatchObject({ status: 'QrTokenCreated', amountTiyn: 7700, tradePointId: '4200001', externalId: 'LOST-ANSWER' });
    // The purchase is real: its status can be read.
    expect((await k().get(`payment/status/${lost[0]!.qrPaymentId}`)).json.Data.Status).toBe('QrTokenCreated');
  });

  it('status (after): the handler runs, the answer is replaced', async () => {
    await faults({ route: 'qr/create', fault: 'status', statusCode: -999, stage: 'after', times: 1 });
    const res = await k().post('qr/create', { DeviceToken: token, Amount: 5, ExternalId: 'AFTER-999' });
    expect(res.json.StatusCode).toBe(-999);
    expect((await purchases()).filter((p) => p.externalId === 'AFTER-999')).toHaveLength(1);
  });
});

describe('fault rules', () => {
  it('without times a rule applies to every call until cleared', async () => {
    await faults({ route: 'health/ping', fault: 'status', statusCode: -999 });
    for (let i = 0; i < 3; i += 1) expect((await k().get('health/ping')).json.StatusCode).toBe(-999);
    await control(server.url, 'DELETE', 'faults');
    expect((await k().get('health/ping')).json.StatusCode).toBe(0);
  });

  it('full-path patterns and method filters; the first matching rule wins', async () => {
    await faults({ faults: [
      { route: '/r2/**', fault: 'status', statusCode: -999 },
      { route: 'health/ping', method: 'POST', fault: 'status', statusCode: -1501 },
      { route: 'health/*', fault: 'status', statusCode: 990000033, times: 1 },
    ] });
    expect((await new SimClient(server, 'r2').get('health/ping')).json.StatusCode).toBe(-999);
    expect((await k().get('health/ping')).json.StatusCode).toBe(990000033);
    expect((await k().get('health/ping')).json.StatusCode).toBe(0);
  });

  it('replace: true drops the earlier rules; bad rules are refused with HTTP 400', async () => {
    await faults({ route: 'health/ping', fault: 'status', statusCode: -999 });
    const replaced = await faults({ faults: [{ route: 'qr/create', delayMs: 1 }], replace: true });
    expect(replaced.json.faults).toHaveLength(1);
    expect((await faults({ route: 'x', fault: 'status' })).status).toBe(400);
    expect((await faults({ route: 'x', fault: 'explode' })).status).toBe(400);
    expect((await faults({ route: 'x' })).status).toBe(400);
    expect((await control(server.url, 'POST', 'nope', {})).status).toBe(404);
  });

  it('faults given at start-up apply (the --fault flag)', async () => {
    const other = await startSimulatorServer({ faults: [{ route: 'health/ping', fault: 'http', httpStatus: 503, times: 1 }] });
    try {
      const o = new SimClient(other, 'r1');
      expect((await o.get('health/ping')).status).toBe(503);
      expect((await o.get('health/ping')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('POST /_sim/reset forgets purchases, devices and faults', async () => {
    const other = await startSimulatorServer();
    try {
      const o = new SimClient(other, 'r1');
      const t = await o.register('RESET');
      const id = await o.createQr(t, 10);
      await control(other.url, 'POST', 'faults', { route: 'health/ping', fault: 'status', statusCode: -999 });
      expect((await control(other.url, 'POST', 'reset', {})).json).toEqual({ ok: true });
      expect((await control(other.url, 'GET', `purchases/${id}`)).status).toBe(404);
      expect((await control(other.url, 'GET', 'purchases')).json.purchases).toEqual([]);
      expect((await o.post('qr/create', { DeviceToken: t, Amount: 1 })).json.StatusCode).toBe(-1501);
      expect((await o.get('health/ping')).json.StatusCode).toBe(0);
    } finally {
      await other.close();
    }
  });
});
