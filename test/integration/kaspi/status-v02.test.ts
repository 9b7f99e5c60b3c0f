// v02 status answers over real HTTP: Kaspi's optional extras may take any form, the payment lands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { CREATED, livePayments, startFakeKaspi, statusAnswer, type FakeKaspi, type LivePayments } from './fake-kaspi.js';

let dir: string;
let cleanup: () => void;
let kaspi: FakeKaspi | null = null;
let live: LivePayments | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  live?.close();
  await kaspi?.close();
  live = null;
  kaspi = null;
  cleanup();
});

describe('v02 payment/status with unexpected optional fields', () => {
  it.each([
    ['ProductType too long', { ProductType: 'x'.repeat(80), TransactionId: '35134863' }, 'x'.repeat(64)],
    ['ProductType not a string', { ProductType: 12, TransactionId: '35134863' }, '12'],
    ['TransactionId an object', { ProductType: 'Gold', TransactionId: { Id: '35134863' } }, 'Gold'],
  ])('%s: the Processed answer is read, the sale is paid with one order', async (_name, extras, productType) => {
    kaspi = await startFakeKaspi((req) =>
      req.url!.endsWith('/qr/create') ? { body: CREATED() } : statusAnswer({ Status: 'Processed', ...extras }),
    );
    live = livePayments(dir, kaspi.url, { client: { statusVersion: 'v02' } });
    const sale = await live.payments.charge(450000, null);
    expect(sale.status).toBe('qr_shown');
    await live.step(5_000);
    expect(kaspi.hits.some((path) => path.startsWith('/r1/v02/payment/status/'))).toBe(true);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid', settled: 1, product_type: productType });
    expect(live.payments.get(sale.id).orderNumber).toBe('000001');
  });

  it("keeps Kaspi's TransactionId of the payment with the sale", async () => {
    kaspi = await startFakeKaspi((req) =>
      req.url!.endsWith('/qr/create') ? { body: CREATED() } : statusAnswer({ Status: 'Processed', ProductType: 'Gold', TransactionId: '35134863' }),
    );
    live = livePayments(dir, kaspi.url, { client: { statusVersion: 'v02' } });
    const sale = await live.payments.charge(450000, null);
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid', kaspi_transaction_id: '35134863' });
  });
});

describe('answers behind a byte-order mark', () => {
  it('a BOM before the JSON of qr/create and payment/status is read as the JSON itself', async () => {
    const bom = (body: unknown) => ({ body: `\ufeff${JSON.stringify(body)}` });
    kaspi = await startFakeKaspi((req) =>
      req.url!.endsWith('/qr/create') ? bom(CREATED()) : bom(statusAnswer({ Status: 'Processed' }).body),
    );
    live = livePayments(dir, kaspi.url);
    const sale = await live.payments.charge(450000, null);
    expect(sale.status).toBe('qr_shown');
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid', settled: 1 });
  });
});

describe('a host that refuses v02 status reads', () => {
  it.each([
    ['405 with an HTML page', { status: 405, body: '<html>Method Not Allowed</html>' }],
    ['400 with an HTML page', { status: 400, body: '<html>Bad Request</html>' }],
    ['501', { status: 501, body: '' }],
    ['404 with a Kaspi envelope', { status: 404, body: { StatusCode: -404, Message: 'not found' } }],
    ['200 with StatusCode -10000', { body: { StatusCode: -10000, Message: 'no access' } }],
  ])('%s: v01 is asked instead, from then on, and the payment lands', async (_name, refusal) => {
    let paid = false;
    kaspi = await startFakeKaspi((req) => {
      if (req.url!.endsWith('/qr/create')) return { body: CREATED() };
      if (req.url!.includes('/v02/')) return refusal;
      return statusAnswer({ Status: paid ? 'Processed' : 'QrTokenCreated' });
    });
    live = livePayments(dir, kaspi.url, { client: { statusVersion: 'v02' } });
    const sale = await live.payments.charge(450000, null);
    await live.step(5_000);
    await live.step(5_000);
    paid = true;
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid', settled: 1 });
    const reads = kaspi.hits.filter((path) => path.includes('/payment/status/')).map((path) => path.split('/')[2]);
    expect(reads).toEqual(['v02', 'v01', 'v01', 'v01']);
  });
});

describe('a v02 read that meets a passing state of the server', () => {
  it.each([[429], [408], [503]])('HTTP %i: v02 stays on, no v01 read in the same tick', async (status) => {
    let busy = true;
    kaspi = await startFakeKaspi((req) => {
      if (req.url!.endsWith('/qr/create')) return { body: CREATED() };
      if (busy && req.url!.includes('/v02/')) return { status, body: '' };
      return statusAnswer({ Status: 'Processed' });
    });
    live = livePayments(dir, kaspi.url, { client: { statusVersion: 'v02' } });
    const sale = await live.payments.charge(450000, null);
    await live.step(5_000);
    busy = false;
    await live.step(5_000);
    expect(live.row(sale.id)).toMatchObject({ status: 'paid' });
    const reads = kaspi.hits.filter((path) => path.includes('/payment/status/')).map((path) => path.split('/')[2]);
    expect(reads).toEqual(['v02', 'v02']);
  });
});
