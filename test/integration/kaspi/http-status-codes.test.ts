// The HTTP status and the envelope's StatusCode together, over real HTTP: a non-2xx answer is never a
// success, whatever its body claims, and StatusCode is read as a number ("0" is 0, "-1601" is -1601).
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KaspiClient } from '../../../main/services/kaspi/kaspi-client.js';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import { createCa, issueServerCert } from '../../../main/services/kaspi/simulator/test-pki.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { CREATED, livePayments, startFakeKaspi, type FakeAnswer, type FakeKaspi } from './fake-kaspi.js';

let kaspi: FakeKaspi | null = null;
let client: KaspiClient | null = null;
afterEach(async () => {
  client?.close();
  await kaspi?.close();
  client = null;
  kaspi = null;
});

async function clientAnswering(answer: FakeAnswer, statusVersion: 'v01' | 'v02' = 'v01'): Promise<KaspiClient> {
  kaspi = await startFakeKaspi(() => answer);
  client = new KaspiClient({ scheme: 'r1', baseUrl: kaspi.url, apiKey: 'test_key', deviceToken: 'device-1', timeoutMs: 3_000, statusVersion });
  return client;
}

const processed = (statusCode: unknown) => ({ StatusCode: statusCode, Message: 'OK', Data: { Status: 'Processed' } });

describe('non-2xx answers and StatusCode as a number', () => {
  it.each([
    [404, '0', 'rejected'],
    [404, 0, 'rejected'],
    [403, '0', 'rejected'],
    [400, ' 0', 'rejected'],
    [502, '0', 'unavailable'],
    [500, 0, 'unavailable'],
    [409, '00', 'unavailable'],
  ] as const)('HTTP %i with StatusCode %j and a Processed body is no success (%s)', async (status, statusCode, kind) => {
    const c = await clientAnswering({ status, body: processed(statusCode) });
    await expect(c.paymentStatus('13000000101')).rejects.toMatchObject({ kind, statusCode: null });
  });

  it('v02 on a proxy that answers 404 "0": the v01 fallback gets the same 404, no success', async () => {
    const c = await clientAnswering({ status: 404, body: processed('0') }, 'v02');
    await expect(c.paymentStatus('13000000101')).rejects.toMatchObject({ kind: 'rejected', message: 'http_404' });
    expect(kaspi!.hits.map((path) => path.split('/')[2])).toEqual(['v02', 'v01']);
  });

  it('a qr/create answered 404 "0" is refused, no purchase is taken for created', async () => {
    const c = await clientAnswering({ status: 404, body: { ...CREATED(), StatusCode: '0' } });
    const error = await c.createQr({ amountTiyn: 1000, externalId: 'POS-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KaspiError);
  });

  it('a business code still reads through a 4xx, as a number: "-1601" is purchase not found', async () => {
    const c = await clientAnswering({ status: 400, body: { StatusCode: '-1601', Message: 'not found' } });
    await expect(c.paymentStatus('13000000101')).rejects.toMatchObject({ kind: 'rejected', statusCode: -1601 });
  });

  it('a 200 with StatusCode "0" is a success', async () => {
    const c = await clientAnswering({ body: processed('0') });
    await expect(c.paymentStatus('13000000101')).resolves.toMatchObject({ status: 'Processed' });
  });

  it('a sale whose status reads come back 404 "0" + Processed is not paid', async () => {
    const { dir, cleanup } = tempDir();
    kaspi = await startFakeKaspi((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : { status: 404, body: processed('0') }));
    const live = livePayments(dir, kaspi.url);
    try {
      const sale = await live.payments.charge(1000, null);
      await live.step(5_000);
      expect(kaspi.hits.filter((path) => path.includes('/payment/status/'))).toHaveLength(1);
      expect(live.row(sale.id)).toMatchObject({ status: 'qr_shown', settled: 0 });
    } finally {
      live.close();
      cleanup();
    }
  });
});

describe('a deadline reached while Kaspi cannot be heard', () => {
  it('reads refused (403 HTML) while the buyer pays: no "buyer did not scan", Kaspi shown unavailable, and the payment recorded once reads work', async () => {
    const { dir, cleanup } = tempDir();
    let refuse = false;
    let paid = false;
    kaspi = await startFakeKaspi((req) => {
      if (req.url!.endsWith('/qr/create')) return { body: CREATED() };
      if (refuse) return { status: 403, body: '<html><body>403 Forbidden</body></html>' };
      return { body: { StatusCode: 0, Message: 'OK', Data: { Status: paid ? 'Processed' : 'QrTokenCreated' } } };
    });
    const live = livePayments(dir, kaspi.url);
    try {
      const sale = await live.payments.charge(450_000, null);
      await live.step(5_000);
      refuse = true; // a proxy or a revoked key refuses every read…
      paid = true; // …while the buyer scans and pays
      for (let t = 0; t < 200_000; t += 5_000) await live.step(5_000);
      expect(live.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'kaspi_no_answer', settled: 0 });
      expect(live.payments.connectionState().online).toBe(false);
      refuse = false;
      for (let t = 0; t < 60_000 && live.row(sale.id).status !== 'paid'; t += 5_000) await live.step(5_000);
      expect(live.row(sale.id)).toMatchObject({ status: 'paid', settled: 1 });
    } finally {
      live.close();
      cleanup();
    }
  });

  it('reads that work at the deadline still name the buyer\'s timeout', async () => {
    const { dir, cleanup } = tempDir();
    kaspi = await startFakeKaspi((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : { body: { StatusCode: 0, Message: 'OK', Data: { Status: 'QrTokenCreated' } } }));
    const live = livePayments(dir, kaspi.url);
    try {
      const sale = await live.payments.charge(450_000, null);
      for (let t = 0; t < 185_000; t += 5_000) await live.step(5_000);
      expect(live.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'scan_timeout' });
    } finally {
      live.close();
      cleanup();
    }
  });
});

describe('what the cashier is told when qr/create fails before Kaspi decides anything', () => {
  it('HTTP 401 with an HTML page: failed as kaspi_refused (check the key, certificate and address)', async () => {
    const { dir, cleanup } = tempDir();
    kaspi = await startFakeKaspi(() => ({ status: 401, body: '<html><body>401</body></html>' }));
    const live = livePayments(dir, kaspi.url);
    try {
      expect(await live.payments.charge(1000, null)).toMatchObject({ status: 'failed', errorCode: 'kaspi_refused', kaspiStatus: null });
    } finally {
      live.close();
      cleanup();
    }
  });

  it('a server certificate nobody trusts: failed as kaspi_tls, not "check the internet"', async () => {
    const { dir, cleanup } = tempDir();
    const { certPem, keyPem } = issueServerCert(createCa('Not Kaspi'));
    const server = createHttpsServer({ cert: certPem, key: keyPem }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const live = livePayments(dir, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      expect(await live.payments.charge(1000, null)).toMatchObject({ status: 'failed', errorCode: 'kaspi_tls' });
    } finally {
      live.close();
      server.close();
      cleanup();
    }
  });
});

describe('an answer about another purchase', () => {
  it('payment/details of purchase 999 when 13000000101 was asked for is unreadable, never taken for it', async () => {
    const c = await clientAnswering({ body: { StatusCode: 0, Message: 'OK', Data: { QrPaymentId: 999, TotalAmount: 100, AvailableReturnAmount: 50 } } });
    await expect(c.paymentDetails('13000000101')).rejects.toMatchObject({ kind: 'unavailable', message: 'unexpected_data' });
  });
});
