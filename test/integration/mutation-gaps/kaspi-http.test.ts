// Kaspi client behaviour that mutation testing found unpinned, over real HTTP on 127.0.0.1 against a
// hand-written Kaspi: an answer to a create that breaks after it was sent (a 5xx whatever its body, an
// answer too big, a connection cut mid-body) is never "nothing happened"; the r1 Api-Key goes to r1
// only; a "purchase not found" on v02 is no refusal of v02.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KaspiClient, type KaspiClientConfig } from '../../../main/services/kaspi/kaspi-client.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { CREATED, livePayments, startFakeKaspi, statusAnswer, type FakeAnswer, type FakeKaspi, type LivePayments } from '../kaspi/fake-kaspi.js';

let dir: string;
let cleanup: () => void;
let kaspi: FakeKaspi | null = null;
let live: LivePayments | null = null;
let client: KaspiClient | null = null;
let closeServer: (() => Promise<void>) | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  client?.close();
  live?.close();
  await kaspi?.close();
  await closeServer?.();
  client = null;
  live = null;
  kaspi = null;
  closeServer = null;
  cleanup();
});

/** A client of `scheme` on the fake Kaspi (plain HTTP on 127.0.0.1: the certificate is never used). */
function clientOf(url: string, scheme: 'r1' | 'r2' | 'r3', extra: Partial<KaspiClientConfig> = {}): KaspiClient {
  client = new KaspiClient({
    scheme,
    baseUrl: url,
    apiKey: 'test_key_0123456789abcdef',
    certificate: scheme === 'r1' ? null : { pfx: Buffer.alloc(0), passphrase: '' },
    organizationBin: scheme === 'r3' ? '180340021791' : null,
    deviceToken: 'device-1',
    timeoutMs: 3_000,
    createTimeoutMs: 3_000,
    ...extra,
  });
  return client;
}

const refusal = (status: number, statusCode: number): FakeAnswer => ({ status, body: { StatusCode: statusCode, Message: 'Отказ' } });

describe('a create answered with a 5xx carrying a refusal code', () => {
  it('qr/create: the sale is of unknown outcome (watched, never retried blindly), not failed', async () => {
    kaspi = await startFakeKaspi(() => refusal(500, -1501));
    live = livePayments(dir, kaspi.url);
    const sale = await live.payments.charge(450000, null);
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unknown' });
    expect(live.row(sale.id)).toMatchObject({ settled: 0 });
  });

  it.each(['r2', 'r3'] as const)('%s payment/return: an unknown outcome, never a refusal that would free the amount', async (scheme) => {
    kaspi = await startFakeKaspi(() => refusal(502, -99000002));
    const c = clientOf(kaspi.url, scheme);
    await expect(c.paymentReturn({ qrPaymentId: '13000000101', amountTiyn: 300000, qrReturnId: scheme === 'r2' ? '1' : null })).rejects.toMatchObject({
      kind: 'unknown_outcome',
      statusCode: null,
    });
    // The same code with HTTP 200 is Kaspi's refusal.
    await kaspi.close();
    kaspi = await startFakeKaspi(() => refusal(200, -99000002));
    const plain = clientOf(kaspi.url, scheme);
    await expect(plain.paymentReturn({ qrPaymentId: '13000000101', amountTiyn: 300000, qrReturnId: scheme === 'r2' ? '1' : null })).rejects.toMatchObject({
      kind: 'rejected',
      statusCode: -99000002,
    });
  });
});

describe('an answer to a create that breaks after the request went out', () => {
  it('too big to read: the purchase may exist — unknown outcome (a read the same way is only unavailable)', async () => {
    const huge = `{"StatusCode":0,"Message":"${'x'.repeat(1_100_000)}"}`;
    kaspi = await startFakeKaspi(() => ({ body: huge }));
    const c = clientOf(kaspi.url, 'r1');
    await expect(c.createQr({ amountTiyn: 1000, externalId: 'POS-1' })).rejects.toMatchObject({ kind: 'unknown_outcome', message: 'response_too_large' });
    await expect(c.paymentStatus('13000000101')).rejects.toMatchObject({ kind: 'unavailable', message: 'response_too_large' });
  });

  it('the connection cut in the middle of the answer: unknown outcome for qr/create, and the sale is watched as one', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
        res.write('{"StatusCode":0,"Message":"OK","Data":{"QrToken":"73920461857302946185');
        setImmediate(() => res.socket?.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = clientOf(url, 'r1');
    await expect(c.createQr({ amountTiyn: 1000, externalId: 'POS-1' })).rejects.toMatchObject({ kind: 'unknown_outcome', message: 'network' });
    await expect(c.paymentStatus('13000000101')).rejects.toMatchObject({ kind: 'unavailable', message: 'network' });
    live = livePayments(dir, url);
    const sale = await live.payments.charge(1000, null);
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unknown' });
  });
});

describe('the r1 Api-Key', () => {
  it('goes with r1 requests only: an r2 or r3 client holding one (left from an r1 setup) never sends it', async () => {
    const seen: IncomingHttpHeaders[] = [];
    kaspi = await startFakeKaspi((req) => {
      seen.push(req.headers);
      return statusAnswer({ Status: 'Wait' });
    });
    for (const scheme of ['r1', 'r2', 'r3'] as const) {
      const c = clientOf(kaspi.url, scheme);
      await c.paymentStatus('13000000101');
      c.close();
      client = null;
    }
    expect(seen.map((headers) => headers['api-key'] ?? null)).toEqual(['test_key_0123456789abcdef', null, null]);
  });
});

describe('v02 payment/status', () => {
  it('a "purchase not found" on v02 does not turn v02 off: the payment, once there, is read on v02 with its TransactionId', async () => {
    let processed = false;
    kaspi = await startFakeKaspi((req) => {
      if (req.url!.endsWith('/qr/create')) return { body: CREATED() };
      if (!processed) return refusal(200, -1601);
      return req.url!.startsWith('/r1/v02/') ? statusAnswer({ Status: 'Processed', TransactionId: '35134863' }) : statusAnswer({ Status: 'Processed' });
    });
    live = livePayments(dir, kaspi.url, { client: { statusVersion: 'v02' } });
    const sale = await live.payments.charge(450000, null);
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'qr_shown', kaspi_status: 'NotFound' });
    processed = true;
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid', kaspi_transaction_id: '35134863' });
    expect(kaspi.hits.filter((path) => path.includes('/payment/status/')).map((path) => path.split('/')[2])).toEqual(['v02', 'v01', 'v02']);
  });
});
