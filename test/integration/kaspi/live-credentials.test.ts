// Credentials replaced while a live sale is still watched (a revoked API key, a renewed Kaspi CA): the
// manager may do it, and the pending sale is read with the new ones at once. Identity stays locked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { goLive, writeLiveSettings } from '../../../main/host/serve-live.js';
import { silentLogger } from '../../../main/services/logger.js';
import { createCa, issueClientP12 } from '../../../main/services/kaspi/simulator/test-pki.js';
import type { SaleView } from '../../../shared/domain.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { startSim, TEST_API_KEY, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { memoryStore } from '../../helpers/memory-secret-store.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveTestEnv } from '../../helpers/live-test-env.js';

const t = liveTestEnv();

const OLD_KEY = 'test_revoked_0123456789abcdef';
const NEW_KEY = 'test_rotated_0123456789abcdef';

const almatyMinute = (iso: string) => {
  const at = new Date(Date.parse(iso) + 5 * 3_600_000).toISOString();
  return `${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)}`;
};

const get = (c: KassaCore, saleId: string) => cashier<SaleView>(c, 'payments.get', { saleId });

describe('replacing credentials under a live sale still watched', () => {
  it('r1: the API key is revoked mid-sale; the manager enters the new one and the payment is recorded', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 }, apiKeys: [OLD_KEY] });
    const problem = writeLiveSettings(`${t.dir}/data`, { scheme: 'r1', kaspiUrl: t.sim.url, tradePoint: TEST_TRADE_POINT, deviceId: 'POS-IT_1', kaspiCa: t.sim.pki!.caCertPath });
    expect(problem).toBeNull();
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: {}, log: silentLogger });
    await cashier(t.core, 'secrets.setApiKey', { apiKey: OLD_KEY });
    expect(await goLive(t.core, TEST_TRADE_POINT)).toBeNull();
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 4500 });
    expect(sale.status).toBe('qr_shown');
    t.sim.control.state.auth.apiKeys = [NEW_KEY]; // Kaspi revoked the old key: every read is -10000 now
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    await cashier(t.core, 'secrets.setApiKey', { apiKey: NEW_KEY });
    const paid = await waitFor(async () => {
      const s = await get(t.core!, sale.id);
      return s.status === 'paid' && s;
    });
    expect(paid.orderNumber).toBe('000001');
  });

  it('r2: Kaspi\'s CA is replaced by a renewed one of the same name; the pending sale is read with it', async () => {
    t.sim = await startSim('r2', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r2', `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 4500 });
    await cashier(t.core, 'payments.cancel', { saleId: sale.id });
    await cashier(t.core, 'settings.update', { mode: 'demo' });
    // A CA that did not sign Kaspi's server certificate: every read fails the handshake.
    await cashier(t.core, 'kaspi.setCa', { pem: createCa().caCertPem });
    t.sim.control.state.core.testHook('scan', sale.qrPaymentId!);
    t.sim.control.state.core.testHook('confirm', sale.qrPaymentId!);
    await waitFor(async () => !(await cashier<{ online: boolean }>(t.core!, 'kaspi.connection')).online);
    expect((await get(t.core, sale.id)).status).toBe('cancelled');
    // The right one, saved under the same file name and with the same name inside.
    await cashier(t.core, 'kaspi.setCa', { pem: t.sim.pki!.caCertPem });
    await waitFor(async () => (await get(t.core!, sale.id)).status === 'paid');
  });

  it('identity and credential removal stay locked while the sale is watched', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 3000 });
    await cashier(t.core, 'payments.cancel', { saleId: sale.id });
    await cashier(t.core, 'settings.update', { mode: 'demo' });
    for (const [channel, body] of [
      ['settings.update', { kaspi: { scheme: 'r2' } }],
      ['settings.update', { kaspi: { baseUrl: 'https://kaspi.example.kz' } }],
      ['settings.update', { kaspi: { organizationBin: '990140000136' } }],
      ['kaspi.registerDevice', { tradePointId: '4200002' }],
      ['kaspi.unregisterDevice', {}],
      ['secrets.clear', { which: 'apiKey' }],
      ['kaspi.setCa', { pem: null }],
    ] as const) {
      await expect(cashier(t.core, channel, body), `${channel} ${JSON.stringify(body)}`).rejects.toMatchObject({ code: 'live_work_pending' });
    }
    // which sale waits is said (its amount and when it was rung up, Almaty), not only "up to 15 minutes"
    const refusal = (await cashier<unknown>(t.core, 'kaspi.unregisterDevice').catch((error: unknown) => error)) as { params?: { what?: string; kind?: string } };
    expect(refusal.params?.kind).toBe('sale');
    expect(refusal.params?.what?.replace(/\s/g, ' ')).toBe(`30 ₸, ${almatyMinute(sale.createdAt)}`);
    expect(errorMessage('en', 'live_work_pending', refusal.params as { what: string }).replace(/\s/g, ' ')).toContain('(sale 30 ₸, ');
    expect(errorMessage('ru', 'live_work_pending', refusal.params as { what: string }).replace(/\s/g, ' ')).toContain('(продажа 30 ₸, ');
    await cashier(t.core, 'settings.update', { shopName: 'Still fine' });
  });
});

describe('a certificate that does not open', () => {
  it('r2: a renewed .p12 with the old password in the environment is said as such; no sale is left "unknown"', async () => {
    t.sim = await startSim('r2', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    const first = await startLiveCore(t.sim, 'r2', `${t.dir}/data`);
    await first.close();
    const env = { KASSA_KASPI_PFX: t.sim.pki!.clientP12Path, KASSA_KASPI_PFX_PASSPHRASE: 'the-old-password' };
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env, log: silentLogger });
    await expect(cashier(t.core, 'payments.charge', { amountTiyn: 4500 })).rejects.toMatchObject({ code: 'certificate_invalid' });
    await expect(cashier(t.core, 'kaspi.ping')).rejects.toMatchObject({ code: 'certificate_invalid' });
    expect((await cashier<{ sales: SaleView[] }>(t.core, 'payments.list', {})).sales).toEqual([]);
  });

  it('r1: a certificate left over in the environment is none of its business (the Api-Key is what counts)', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    const first = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    await first.close();
    const leftover = { KASSA_KASPI_PFX: t.sim.pki!.caCertPath, KASSA_KASPI_PFX_PASSPHRASE: 'stale' }; // not even a .p12
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: { KASSA_KASPI_API_KEY: TEST_API_KEY, ...leftover }, log: silentLogger });
    expect(await cashier(t.core, 'payments.charge', { amountTiyn: 4500 })).toMatchObject({ status: 'qr_shown' });
  });
});

describe('a client certificate Kaspi stops accepting (expired, revoked, of another organization)', () => {
  it("r2: the handshake fails; the sale says to check the certificate and the banner says Kaspi refuses this till, not 'checks again'", async () => {
    t.sim = await startSim('r2', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
    const pki = t.sim.pki!;
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: {}, log: silentLogger });
    await cashier(t.core, 'settings.update', { kaspi: { scheme: 'r2', baseUrl: t.sim.url } });
    await cashier(t.core, 'kaspi.setCa', { pem: pki.caCertPem });
    await cashier(t.core, 'secrets.setCertificate', { fileName: 'client.p12', pfxBase64: readFileSync(pki.clientP12Path).toString('base64'), passphrase: pki.clientPassphrase });
    await cashier(t.core, 'kaspi.registerDevice', { tradePointId: TEST_TRADE_POINT });
    await cashier(t.core, 'settings.update', { mode: 'live' });
    const other = issueClientP12(createCa('Another organization'));
    await cashier(t.core, 'secrets.setCertificate', { fileName: 'new.p12', pfxBase64: other.p12.toString('base64'), passphrase: other.passphrase });
    expect(await cashier(t.core, 'payments.charge', { amountTiyn: 10_000 })).toMatchObject({ status: 'failed', errorCode: 'kaspi_tls' });
    // once may be the network's doing (a connection dropped mid-handshake): not yet a refusal
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: false, refused: false });
    expect(await cashier(t.core, 'payments.charge', { amountTiyn: 10_000 })).toMatchObject({ status: 'failed', errorCode: 'kaspi_tls' });
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: false, refused: true });
    // the right certificate again: the next sale goes through and the banner goes
    await cashier(t.core, 'secrets.setCertificate', { fileName: 'client.p12', pfxBase64: readFileSync(pki.clientP12Path).toString('base64'), passphrase: pki.clientPassphrase });
    expect(await cashier(t.core, 'payments.charge', { amountTiyn: 10_000 })).toMatchObject({ status: 'qr_shown' });
    expect(await cashier(t.core, 'kaspi.connection')).toMatchObject({ online: true, refused: false });
  });
});

