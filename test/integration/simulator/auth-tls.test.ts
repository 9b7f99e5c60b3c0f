// Authentication on the wire: X-Request-ID on every call, r1 Api-Key, r2/r3 mutual TLS with a client
// certificate from the simulator's CA (refused in the handshake otherwise), r2 organization from the
// certificate, r3 OrganizationBin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { generateTestPki, issueClientP12, type TestPki } from '../../../main/services/kaspi/simulator/test-pki.js';
import { DEFAULT_BIN, EMPTY_ORG_BIN } from '../../../main/services/kaspi/simulator/simulator-world.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { call, control, SimClient, type TlsClient } from './sim-http.js';

let pki: TestPki;
let foreign: TestPki;
let dirs: { cleanup: () => void }[] = [];
let r1: SimulatorServer;
let r2: SimulatorServer;
let r3: SimulatorServer;
let tls: TlsClient;

beforeAll(async () => {
  const a = tempDir('kassa-sim-pki-');
  const b = tempDir('kassa-sim-pki-foreign-');
  dirs = [a, b];
  pki = generateTestPki(a.dir);
  foreign = generateTestPki(b.dir);
  [r1, r2, r3] = await Promise.all([
    startSimulatorServer({ scheme: 'r1', tls: { caDir: a.dir } }),
    startSimulatorServer({ scheme: 'r2', tls: { caDir: a.dir } }),
    startSimulatorServer({ scheme: 'r3', tls: { caDir: a.dir } }),
  ]);
  tls = { pfx: pki.clientP12, passphrase: pki.clientPassphrase, ca: pki.caCertPem };
}, 30_000);
afterAll(async () => {
  await Promise.all([r1, r2, r3].map((s) => s?.close()));
  for (const d of dirs) d.cleanup();
});

describe('mutual TLS (r2, r3)', () => {
  it.each(['r2', 'r3'] as const)('%s: a client certificate from the simulator CA gets through', async (scheme) => {
    const server = scheme === 'r2' ? r2 : r3;
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.clientCertRequired).toBe(true);
    const res = await call(server.url, `/${scheme}/v01/health/ping`, { tls });
    expect(res.json).toEqual({ StatusCode: 0, Message: 'OK' });
  });

  it.each(['r2', 'r3'] as const)('%s: no client certificate -> the TLS handshake fails', async (scheme) => {
    const server = scheme === 'r2' ? r2 : r3;
    await expect(call(server.url, `/${scheme}/v01/health/ping`, { tls: { ca: pki.caCertPem } })).rejects.toThrow();
  });

  it.each(['r2', 'r3'] as const)('%s: a certificate from another CA -> the TLS handshake fails', async (scheme) => {
    const server = scheme === 'r2' ? r2 : r3;
    const other = { pfx: foreign.clientP12, passphrase: foreign.clientPassphrase, ca: pki.caCertPem };
    await expect(call(server.url, `/${scheme}/v01/health/ping`, { tls: other })).rejects.toThrow();
  });

  it('the server certificate verifies only against the simulator CA, for 127.0.0.1 and localhost', async () => {
    await expect(call(r2.url, '/r2/v01/health/ping', { tls: { ...tls, ca: foreign.caCertPem } })).rejects.toThrow(/certificate/i);
    const viaLocalhost = r2.url.replace('127.0.0.1', 'localhost');
    expect((await call(viaLocalhost, '/r2/v01/health/ping', { tls })).json.StatusCode).toBe(0);
    expect(r2.caCertPem).toBe(pki.caCertPem);
  });

  it('r2: the certificate names the organization (OU=BIN...): one without trade points gets -14000002; an unknown BIN -10000', async () => {
    expect((await call(r2.url, '/r2/v01/partner/tradepoints', { tls })).json.Data).toHaveLength(2);
    const empty = issueClientP12(pki, { organizationBin: EMPTY_ORG_BIN, organizationName: 'New Point LLP' });
    const res = await call(r2.url, '/r2/v01/partner/tradepoints', { tls: { pfx: empty.p12, passphrase: empty.passphrase, ca: pki.caCertPem } });
    expect(res.json.StatusCode).toBe(-14000002);
    const stranger = issueClientP12(pki, { organizationBin: '111111111111' });
    const refused = await call(r2.url, '/r2/v01/partner/tradepoints', { tls: { pfx: stranger.p12, passphrase: stranger.passphrase, ca: pki.caCertPem } });
    expect(refused.status).toBe(200);
    expect(refused.json.StatusCode).toBe(-10000);
  });

  it('r3: OrganizationBin is required and must match the device organization', async () => {
    const k = new SimClient(r3, 'r3', { tls });
    const token = await k.register('TLS-R3', 4200001, { OrganizationBin: DEFAULT_BIN });
    expect((await k.post('qr/create', { DeviceToken: token, Amount: 100 })).status).toBe(400);
    expect((await k.post('qr/create', { DeviceToken: token, Amount: 100, OrganizationBin: EMPTY_ORG_BIN })).json.StatusCode).toBe(-1501);
    expect((await k.post('qr/create', { DeviceToken: token, Amount: 100, OrganizationBin: DEFAULT_BIN })).json.StatusCode).toBe(0);
    expect((await k.get(`partner/tradepoints/${DEFAULT_BIN}`)).json.StatusCode).toBe(0);
  });

  it('a server for one scheme answers 404 for the others', async () => {
    expect((await call(r2.url, '/r1/v01/health/ping', { tls, apiKey: 'test_abc' })).status).toBe(404);
    expect((await call(r3.url, '/r2/v01/health/ping', { tls })).status).toBe(404);
  });

  it('control endpoints are reachable over the same TLS port (with the client certificate)', async () => {
    const res = await control(r2.url, 'GET', 'purchases', undefined, tls);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ purchases: [] });
  });
});

describe('r1 Api-Key (over TLS without a client certificate)', () => {
  const noCert = () => ({ ca: pki.caCertPem });

  it('a test_ key is accepted, no client certificate needed', async () => {
    expect(r1.clientCertRequired).toBe(false);
    const res = await call(r1.url, '/r1/v01/health/ping', { tls: noCert(), apiKey: 'test_0123456789abcdef' });
    expect(res.json).toEqual({ StatusCode: 0, Message: 'OK' });
  });

  it.each([
    ['missing', false],
    ['a production key', 'prod_0123456789abcdef'],
    ['just the prefix', 'test_'],
    ['garbage', 'hello'],
  ] as const)('%s -> HTTP 200 with StatusCode -10000', async (_what, apiKey) => {
    const res = await call(r1.url, '/r1/v01/health/ping', { tls: noCert(), apiKey });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ StatusCode: -10000, Message: 'Неверный Api-Key' });
  });

  it('with --api-key only that exact key is accepted', async () => {
    const server = await startSimulatorServer({ scheme: 'r1', apiKeys: ['my-secret-key'] });
    try {
      expect((await call(server.url, '/r1/v01/health/ping', { apiKey: 'my-secret-key' })).json.StatusCode).toBe(0);
      expect((await call(server.url, '/r1/v01/health/ping', { apiKey: 'test_abcdef' })).json.StatusCode).toBe(-10000);
    } finally {
      await server.close();
    }
  });
});

describe('X-Request-ID', () => {
  it.each(['r1', 'r2', 'r3'] as const)('%s: missing or blank -> HTTP 400 with StatusCode -10000, nothing done', async (scheme) => {
    const server = { r1, r2, r3 }[scheme];
    const opts = { tls: scheme === 'r1' ? { ca: pki.caCertPem } : tls, apiKey: 'test_abc' };
    const missing = await call(server.url, `/${scheme}/v01/health/ping`, { ...opts, requestId: false });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ StatusCode: -10000, Message: 'Не передан заголовок X-Request-ID' });
    const blank = await call(server.url, `/${scheme}/v01/health/ping`, { ...opts, requestId: '  ' });
    expect(blank.status).toBe(400);
    const body = { DeviceId: `NOID-${scheme}`, TradePointId: 4200001, OrganizationBin: DEFAULT_BIN };
    await call(server.url, `/${scheme}/v01/device/register`, { ...opts, requestId: false, body });
    expect(server.control.state.world.devices().map((d) => d.deviceId)).not.toContain(`NOID-${scheme}`);
  });
});
