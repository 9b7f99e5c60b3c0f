// The app's Kaspi client against the simulator over real HTTPS on 127.0.0.1, all three schemes,
// with real TLS client-certificate handshakes (certificates generated at test time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KaspiClient } from '../../../main/services/kaspi/kaspi-client.js';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { generateTestPki } from '../../../main/services/kaspi/simulator/test-pki.js';
import type { Scheme } from '../../../shared/domain.js';
import { clientConfig, registeredClient, startSim, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { tempDir } from '../../helpers/temp-dir.js';

const failure = async (p: Promise<unknown>): Promise<KaspiError> => {
  try {
    await p;
  } catch (error) {
    if (error instanceof KaspiError) return error;
    throw error;
  }
  throw new Error('expected a KaspiError');
};

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe.each(['r1', 'r2', 'r3'] as Scheme[])('scheme %s', (scheme) => {
  let sim: SimulatorServer;
  let client: KaspiClient;
  beforeAll(async () => {
    sim = await startSim(scheme, `${dir}/${scheme}`);
    client = await registeredClient(sim, scheme);
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  it('pings, lists trade points and registers the till idempotently', async () => {
    const setup = new KaspiClient(clientConfig(sim, scheme));
    await setup.ping();
    expect(await setup.tradePoints()).toContainEqual({ id: TEST_TRADE_POINT, name: 'Тестовый магазин (Абая, 1)' });
    const a = await setup.registerDevice('POS-02', TEST_TRADE_POINT);
    expect(await setup.registerDevice('POS-02', TEST_TRADE_POINT)).toBe(a);
    expect((await failure(setup.registerDevice('POS-02', '4200002'))).statusCode).toBe(-1503);
    expect((await failure(setup.registerDevice('POS-03', '999'))).statusCode).toBe(-99000002);
    setup.close();
  });

  it('creates a purchase, follows it to Processed (v01 and v02) and reads its details', async () => {
    const qr = await client.createQr({ amountTiyn: 450050, externalId: 'POS-1' });
    expect(qr.qrToken).toMatch(/^\d{41}$/);
    expect(Number(qr.qrPaymentId)).toBeGreaterThan(2 ** 31);
    expect(qr.expireDate).toMatch(/\+05:00$/);
    expect([qr.pollIntervalS, qr.scanTimeoutS, qr.confirmTimeoutS]).toEqual([5, 180, 65]);
    expect((await client.paymentStatus(qr.qrPaymentId)).status).toBe('QrTokenCreated');
    await client.testHook('scan', qr.qrPaymentId);
    expect((await client.paymentStatus(qr.qrPaymentId)).status).toBe('Wait');
    await client.testHook('confirm', qr.qrPaymentId);
    expect((await client.paymentStatus(qr.qrPaymentId)).status).toBe('Processed');
    const v02 = new KaspiClient({ ...clientConfig(sim, scheme), deviceToken: 'x', statusVersion: 'v02' });
    expect(await v02.paymentStatus(qr.qrPaymentId)).toMatchObject({ status: 'Processed', transactionId: expect.stringMatching(/^36\d+/) });
    v02.close();
    if (scheme !== 'r1') {
      expect(await client.paymentDetails(qr.qrPaymentId)).toMatchObject({ qrPaymentId: qr.qrPaymentId, totalTiyn: 450050, availableReturnTiyn: 450050 });
    }
    expect((await failure(client.paymentStatus('13999999999'))).statusCode).toBe(-1601);
  });

  it('creates a pay link with its own field names', async () => {
    const link = await client.createLink({ amountTiyn: 100000, externalId: 'POS-L' });
    expect(link.payLink).toMatch(/^https:\/\/pay\.kaspi\.kz\/pay\/\d+$/);
    expect((await client.paymentStatus(link.qrPaymentId)).status).toBe('QrTokenCreated');
  });

  it('maps every documented create error code to a rejection', async () => {
    for (const code of [-1501, -1502, -99000002, 990000018, 990000026, 990000028, 990000033, -10000]) {
      await sim.control.addFaults([{ route: 'qr/create', fault: 'status', statusCode: code, times: 1 }]);
      const error = await failure(client.createQr({ amountTiyn: 100, externalId: 'E' }));
      expect(error).toMatchObject({ kind: 'rejected', statusCode: code });
    }
    await sim.control.addFaults([{ route: 'qr/create', fault: 'status', statusCode: -999, times: 1 }]);
    expect(await failure(client.createQr({ amountTiyn: 100, externalId: 'E' }))).toMatchObject({ kind: 'unknown_outcome', statusCode: -999 });
    // A 5xx to a create is never "nothing happened", whatever its body says.
    await sim.control.addFaults([{ route: 'qr/create', fault: 'http', httpStatus: 503, httpBody: 'envelope', times: 1 }]);
    expect((await failure(client.createQr({ amountTiyn: 100, externalId: 'E' }))).kind).toBe('unknown_outcome');
  });

  it('every endpoint reports each of its documented status codes (KASPI_QR_API.md §5) as a rejection', async () => {
    const qr = await client.createQr({ amountTiyn: 100, externalId: 'CODES' });
    const calls: [string, number[], () => Promise<unknown>][] = [
      ['health/ping', [-10000], () => client.ping()],
      [scheme === 'r3' ? 'partner/tradepoints/*' : 'partner/tradepoints', [-10000, -14000002], () => client.tradePoints()],
      ['device/register', [-10000, -1503, -99000002, 990000026], () => client.registerDevice('POS-09', TEST_TRADE_POINT)],
      ['device/delete', [-10000, -1501], () => client.deleteDevice()],
      ['qr/create-link', [-1501, -1502, -99000002, 990000018, 990000026, 990000028, 990000033], () => client.createLink({ amountTiyn: 100, externalId: 'L' })],
      ['payment/status/*', [-10000, -1601], () => client.paymentStatus(qr.qrPaymentId)],
    ];
    if (scheme !== 'r1') {
      calls.push(['payment/details', [-10000, -1601], () => client.paymentDetails(qr.qrPaymentId)]);
      calls.push([
        'payment/return',
        [-1501, -1502, -1601, -99000001, -99000002, -99000003, -99000005, -99000006, -99000011, -99000020, 990000018],
        () => client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 100, qrReturnId: scheme === 'r2' ? '1' : null }),
      ]);
    }
    if (scheme === 'r2') {
      calls.push(['return/create', [-1501, -1502, -99000002, 990000018], () => client.returnCreate({ externalId: 'RC' })]);
      calls.push(['return/status/*', [-10000, -1601], () => client.returnStatus('1')]);
      calls.push(['return/operations', [-10000, -1601], () => client.returnOperations('1')]);
    }
    for (const [route, codes, run] of calls) {
      for (const code of codes) {
        await sim.control.addFaults([{ route, fault: 'status', statusCode: code, times: 1 }]);
        expect(await failure(run()), `${route} ${code}`).toMatchObject({ kind: 'rejected', statusCode: code });
      }
      // -999 is "try later" for a read; for a call that creates something it may still have happened.
      const creates = ['qr/create-link', 'payment/return', 'return/create'].includes(route);
      await sim.control.addFaults([{ route, fault: 'status', statusCode: -999, times: 1 }]);
      expect(await failure(run()), `${route} -999`).toMatchObject({ kind: creates ? 'unknown_outcome' : 'unavailable', statusCode: -999 });
    }
  });

  it('a read that fails (5xx, malformed, dropped, slow) is "unavailable": safe to ask again', async () => {
    const qr = await client.createQr({ amountTiyn: 100, externalId: 'F' });
    for (const rule of [
      { fault: 'http', httpStatus: 503 },
      { fault: 'malformed' },
      { fault: 'drop' },
      { delayMs: 4_000 },
    ]) {
      await sim.control.addFaults([{ route: 'payment/status/*', times: 1, ...rule } as never]);
      expect((await failure(client.paymentStatus(qr.qrPaymentId))).kind).toBe('unavailable');
    }
    expect((await client.paymentStatus(qr.qrPaymentId)).status).toBe('QrTokenCreated');
  });

  it('a create whose answer is lost is an unknown outcome, and Kaspi has exactly one purchase', async () => {
    const before = sim.control.purchases().length;
    await sim.control.addFaults([{ route: 'qr/create', fault: 'drop', stage: 'after', times: 1 }]);
    expect((await failure(client.createQr({ amountTiyn: 777, externalId: 'LOST' }))).kind).toBe('unknown_outcome');
    await sim.control.addFaults([{ route: 'qr/create', delayMs: 4_000, times: 1 }]);
    expect((await failure(client.createQr({ amountTiyn: 778, externalId: 'SLOW' }))).kind).toBe('unknown_outcome');
    await sim.control.addFaults([{ route: 'qr/create', fault: 'http', httpStatus: 502, times: 1 }]);
    expect((await failure(client.createQr({ amountTiyn: 779, externalId: 'PROXY' }))).kind).toBe('unknown_outcome');
    expect(sim.control.purchases().filter((p) => p.externalId === 'LOST')).toHaveLength(1);
    expect(sim.control.purchases().length - before).toBeGreaterThanOrEqual(1);
  });

  it('a client certificate that does not open (wrong password): a TLS failure before anything is sent, never "unknown"', async () => {
    const config = clientConfig(sim, scheme);
    if (!config.certificate) return; // r1 has no certificate
    const wrong = new KaspiClient({ ...config, deviceToken: 'device-1', certificate: { ...config.certificate, passphrase: 'not-the-password' } });
    const error = await failure(wrong.createQr({ amountTiyn: 100, externalId: 'BADCERT' }));
    expect([error.kind, error.message]).toEqual(['unavailable', 'tls']);
    expect(sim.control.purchases().filter((p) => p.externalId === 'BADCERT')).toEqual([]);
    wrong.close();
  });

  it('deleting the device makes it unknown to Kaspi', async () => {
    const own = await registeredClient(sim, scheme, {});
    const other = new KaspiClient({ ...clientConfig(sim, scheme), deviceToken: 'no-such-device' });
    expect((await failure(other.createQr({ amountTiyn: 100, externalId: 'X' }))).statusCode).toBe(-1501);
    other.close();
    own.close();
  });
});

describe('refunds', () => {
  it('r3: partial refunds until the total, then -99000005; an unpaid purchase -99000011', async () => {
    const sim = await startSim('r3', `${dir}/refund-r3`);
    const client = await registeredClient(sim, 'r3');
    const qr = await client.createQr({ amountTiyn: 10000, externalId: 'R' });
    expect((await failure(client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 100 }))).statusCode).toBe(-99000011);
    await client.testHook('scan', qr.qrPaymentId);
    await client.testHook('confirm', qr.qrPaymentId);
    const first = await client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 5000 });
    expect(Number(first.returnOperationId)).toBeGreaterThan(0);
    expect((await client.paymentDetails(qr.qrPaymentId)).availableReturnTiyn).toBe(5000);
    expect((await failure(client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 5001 }))).statusCode).toBe(-99000005);
    await client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 5000 });
    expect((await client.paymentDetails(qr.qrPaymentId)).availableReturnTiyn).toBe(0);
    expect((await failure(client.paymentDetails('13999999999'))).statusCode).toBe(-1601);
    client.close();
    await sim.close();
  });

  it('r2: the buyer scans a refund QR, the purchase is among theirs, then payment/return with QrReturnId', async () => {
    const sim = await startSim('r2', `${dir}/refund-r2`);
    const client = await registeredClient(sim, 'r2');
    const qr = await client.createQr({ amountTiyn: 20000, externalId: 'R2' });
    await client.testHook('scan', qr.qrPaymentId);
    await client.testHook('confirm', qr.qrPaymentId);
    const ret = await client.returnCreate({ externalId: 'R2-R' });
    expect(ret.qrToken.length).toBeGreaterThan(10);
    expect(await client.returnStatus(ret.qrReturnId)).toBe('QrTokenCreated');
    // The buyer who paid scans the refund QR (a simulator-only hook standing for the Kaspi app).
    const { call } = await import('../simulator/sim-http.js');
    const pki = sim.pki!;
    const scanned = await call(sim.url, '/r2/v01/test/return/scan', {
      body: { qrReturnId: ret.qrReturnId, qrPaymentId: qr.qrPaymentId },
      tls: { pfx: (await import('node:fs')).readFileSync(pki.clientP12Path), passphrase: pki.clientPassphrase, ca: pki.caCertPem },
    });
    expect(scanned.json.StatusCode).toBe(0);
    expect(await client.returnStatus(ret.qrReturnId)).toBe('CustomerIdentityObtained');
    expect((await client.returnOperations(ret.qrReturnId)).map((o) => o.qrPaymentId)).toContain(qr.qrPaymentId);
    await client.paymentReturn({ qrPaymentId: qr.qrPaymentId, amountTiyn: 7000, qrReturnId: ret.qrReturnId });
    expect((await client.paymentDetails(qr.qrPaymentId)).availableReturnTiyn).toBe(13000);
    client.close();
    await sim.close();
  });
});

describe('authentication', () => {
  it('r1: a wrong Api-Key is refused with -10000', async () => {
    const sim = await startSim('r1', `${dir}/auth-r1`, { apiKeys: ['test_only_this_one'] });
    const client = new KaspiClient(clientConfig(sim, 'r1', { apiKey: 'test_wrong' }));
    expect(await failure(client.ping())).toMatchObject({ kind: 'rejected', statusCode: -10000 });
    client.close();
    await sim.close();
  });

  it('r2: a client certificate from another CA fails the handshake; without one the client refuses to start', async () => {
    const sim = await startSim('r2', `${dir}/auth-r2`);
    const foreign = generateTestPki(`${dir}/foreign`);
    const wrongCert = new KaspiClient(clientConfig(sim, 'r2', { certificate: { pfx: foreign.clientP12, passphrase: foreign.clientPassphrase }, deviceToken: 'device-1' }));
    expect(await failure(wrongCert.ping())).toMatchObject({ kind: 'unavailable', message: 'tls' });
    // refused in the handshake: nothing was sent, so a create is a plain failure, not an unknown outcome
    expect(await failure(wrongCert.createQr({ amountTiyn: 100, externalId: 'X' }))).toMatchObject({ kind: 'unavailable', message: 'tls' });
    expect(sim.control.purchases()).toHaveLength(0);
    wrongCert.close();
    expect(() => new KaspiClient(clientConfig(sim, 'r2', { certificate: null }))).toThrow(KaspiError);
    await sim.close();
  });

  it('never trusts a server certificate from a CA it was not given', async () => {
    // r1 carries no PKCS#12 (whose bundled CA Node would also trust), so only `ca` and the system store count.
    const sim = await startSim('r1', `${dir}/auth-trust`);
    const foreign = generateTestPki(`${dir}/foreign-trust`);
    const untrusted = new KaspiClient(clientConfig(sim, 'r1', { ca: [foreign.caCertPem] }));
    expect(await failure(untrusted.ping())).toMatchObject({ kind: 'unavailable', message: 'tls' });
    const systemOnly = new KaspiClient(clientConfig(sim, 'r1', { ca: null }));
    expect(await failure(systemOnly.ping())).toMatchObject({ kind: 'unavailable', message: 'tls' });
    const trusted = new KaspiClient(clientConfig(sim, 'r1'));
    await trusted.ping();
    for (const c of [untrusted, systemOnly, trusted]) c.close();
    await sim.close();
  });

  it('r3 needs the organization BIN', () => {
    expect(() => new KaspiClient({ scheme: 'r3', baseUrl: 'https://127.0.0.1:1', certificate: { pfx: Buffer.alloc(1), passphrase: '' } })).toThrow(/bin_missing/);
  });

  it('refuses plain http to anything but a local simulator', () => {
    expect(() => new KaspiClient({ scheme: 'r1', baseUrl: 'http://kaspi.example', apiKey: 'test_x' })).toThrow(KaspiError);
  });
});
