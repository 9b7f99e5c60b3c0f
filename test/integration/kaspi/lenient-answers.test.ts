// Kaspi's refund answers read as leniently as qr/create's: a field Kassa never uses (an odd
// ExpireDate or TransactionDate, missing timer settings) must not make the answer unreadable — a
// refund whose answer was lost is checked, and resolved by the manager, through payment/details alone.
import { afterEach, expect, it } from 'vitest';
import { KaspiClient } from '../../../main/services/kaspi/kaspi-client.js';
import { startFakeKaspi, type FakeKaspi } from './fake-kaspi.js';

let kaspi: FakeKaspi | null = null;
let client: KaspiClient | null = null;
afterEach(async () => {
  client?.close();
  await kaspi?.close();
  kaspi = client = null;
});

async function answering(data: unknown): Promise<KaspiClient> {
  kaspi = await startFakeKaspi(() => ({ body: { StatusCode: 0, Message: 'OK', Data: data } }));
  client = new KaspiClient({ scheme: 'r2', baseUrl: kaspi.url, certificate: { pfx: Buffer.from('x'), passphrase: 'x' }, deviceToken: 'device', timeoutMs: 3_000 });
  return client;
}

it('return/create with ExpireDate null and no QrReturnBehaviorOptions: the QR, with the documented timers', async () => {
  const c = await answering({ QrToken: '51236903777280167836178166503744', ExpireDate: null, QrReturnId: 15 });
  expect(await c.returnCreate({ externalId: 'e-1' })).toEqual({
    qrToken: '51236903777280167836178166503744', qrReturnId: '15', expireDate: null, pollIntervalS: 5, scanTimeoutS: 180,
  });
});

it('payment/details with an unreadable TransactionDate still gives AvailableReturnAmount', async () => {
  const c = await answering({ QrPaymentId: 15, TotalAmount: 100, AvailableReturnAmount: 70, TransactionDate: '' });
  expect(await c.paymentDetails('15')).toMatchObject({ availableReturnTiyn: 7_000, transactionDate: null });
});
