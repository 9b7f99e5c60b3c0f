// Every channel refuses malformed requests with a clear, translatable error and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import { CHANNEL_NAMES, channels, type Channel } from '../../shared/contract.js';
import { errorMessage } from '../../shared/i18n/messages.js';
import { openCore, snapshot } from '../helpers/core-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

const huge = 'x'.repeat(200_000);
const GENERIC: unknown[] = [null, 'text', 42, true, [], [{}], { unexpected: 1 }, { [huge.slice(0, 1000)]: 1 }, { huge }];

const SPECIFIC: Partial<Record<Channel, unknown[]>> = {
  'payments.charge': [
    {},
    { amountTiyn: '4500' },
    { amountTiyn: -1 },
    { amountTiyn: 0 },
    { amountTiyn: 1.5 },
    { amountTiyn: 450000.01 },
    { amountTiyn: 1e20 },
    { amountTiyn: null },
    { amountTiyn: 100, description: huge },
    { amountTiyn: 100, description: 5 },
    { amountTiyn: 100, extra: true },
  ],
  'payments.cancel': [{}, { saleId: 5 }, { saleId: '' }, { saleId: huge }],
  'payments.get': [{}, { saleId: null }, { saleId: huge }],
  'payments.ackPaidLate': [{}, { saleId: 7 }, { saleId: '' }, { saleId: huge, extra: 1 }],
  'payments.list': [{ limit: -1 }, { limit: 1.5 }, { limit: 1e6 }, { limit: '10' }, { beforeId: 7 }, { day: '28.11.2026' }, { day: 20261128 }],
  'payments.daySummary': [{ day: '' }, { day: '2026-11-28T00:00' }, { day: null }, { today: true }],
  'demo.scan': [{}, { saleId: ['a'] }],
  'demo.confirm': [{}, { saleId: { id: 'a' } }],
  'demo.fail': [{}, { saleId: huge }],
  'settings.update': [{ locale: 'de' }, { locale: 5 }, { shopName: 5 }, { shopName: huge }, { mode: 'prod' }, { kaspi: { scheme: 'r4' } }, { kaspi: { baseUrl: 'not a url' } }, { kaspi: { baseUrl: 'http://kaspi.example:8543' } }, { kaspi: { baseUrl: 'ftp://127.0.0.1' } }, { kaspi: { organizationBin: '12345' } }, { kaspi: { apiKey: 'test_x' } }],
  'secrets.setApiKey': [{}, { apiKey: 'short' }, { apiKey: huge }, { apiKey: 'x'.repeat(201) }, { apiKey: 'test key with spaces' }, { apiKey: 'ключ_из_письма_банка' }],
  'secrets.setCertificate': [{}, { fileName: 'a.p12', pfxBase64: '<<<not base64>>>', passphrase: '' }, { fileName: 'a.p12', pfxBase64: huge, passphrase: '' }],
  'secrets.clear': [{}, { which: 'everything' }],
  'kaspi.registerDevice': [{}, { tradePointId: 'abc' }, { tradePointId: 4200001 }],
  'refunds.start': [{}, { saleId: 'x', amountTiyn: -5 }, { saleId: 'x', amountTiyn: 1.5 }],
  'refunds.recordManual': [{ saleId: 'x' }, { saleId: 'x', amountTiyn: 0 }, { saleId: 'x', amountTiyn: 1, seenRefundedTiyn: -1 }, { saleId: 'x', amountTiyn: 1, seenRefundedTiyn: 0.5 }],
  'refunds.cancel': [{}, { refundId: 5 }],
  'imports.preview': [{}, { uploadId: '../../etc/passwd' }, { uploadId: 'AAAAAAAAAAAA', format: 'pdf' }, { uploadId: 'AAAAAAAAAAAA', mapping: { delimiter: 'x' } }],
  'imports.commit': [{}, { uploadId: 'short' }, { uploadId: 'AAAAAAAAAAAA', acceptValid: 'yes' }],
  'imports.undo': [{}, { batchId: 7 }],
  'imports.undoImpact': [{}, { batchId: 7 }, { batchId: '' }, { batchId: '1', extra: true }],
  'imports.cancel': [{}, { jobId: '' }],
  'refunds.list': [{}, { saleId: 5 }],
  'refunds.resolve': [{ refundId: 'x' }, { refundId: 'x', outcome: 'maybe' }, { refundId: '', outcome: 'applied' }, { refundId: 'x', outcome: 'applied', amountTiyn: 300 }, { refundId: 'x', outcome: 'refunded_in_app' }, { refundId: 'x', outcome: 'refunded_in_app', amountTiyn: 0 }, { refundId: 'x', outcome: 'refunded_in_app', amountTiyn: 1.5 }, { refundId: 'x', outcome: 'REFUNDED_IN_APP', amountTiyn: 300 }],
  'secrets.acceptRisk': [{}, { accept: 'yes' }],
  'kaspi.setCa': [{}, { pem: 5 }, { pem: huge }],
  'imports.saveMapping': [{ name: 'x' }, { name: '', mapping: {} }],
  'reconcile.run': [{}, { from: '2025-01-01' }, { from: '01.01.2025', to: '31.01.2025' }, { from: '2025-02-01', to: '2025-01-01' }],
  'reconcile.mark': [{}, { pairIds: [] }, { pairIds: 'all' }, { pairIds: ['purchase:x'], includeDemo: 'yes' }],
  'reconcile.unmark': [{}, { pairIds: [] }, { pairIds: [''] }],
  'reconcile.export': [{ from: '2025-01-01', to: '2025-01-31' }, { from: '2025-01-01', to: '2025-01-31', view: 'x', format: 'csv' }, { from: '2025-01-01', to: '2025-01-31', view: 'till-report', format: 'pdf' }, { from: '2025-01-01', to: '2025-01-31', view: 'till-report', format: 'csv', status: 'odd' }],
};

let core: KassaCore;
let dataDir: string;
let cleanup: () => void;
let saleId: string;

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = tempDir());
  core = await openCore(dataDir);
  const sale = await core.invoke('payments.charge', { amountTiyn: 450000 }, 'cashier');
  expect(sale.ok).toBe(true);
  saleId = (sale as { data: { id: string } }).data.id;
});
afterAll(async () => {
  await core.close();
  cleanup();
});

describe('contract: malformed requests', () => {
  const cases = CHANNEL_NAMES.flatMap((channel) =>
    [...GENERIC, ...(SPECIFIC[channel] ?? [])].map((payload, i) => [channel, i, payload] as const),
  );

  it('has specific malformed cases for every channel that takes fields', () => {
    for (const channel of CHANNEL_NAMES) {
      if (channels[channel].request.safeParse({}).success) continue; // takes no fields
      expect(SPECIFIC[channel]?.length ?? 0, channel).toBeGreaterThanOrEqual(1);
    }
    for (const channel of ['payments.charge', 'payments.cancel', 'payments.get', 'payments.list', 'settings.update'] as const) {
      expect(SPECIFIC[channel]?.length).toBeGreaterThan(2);
    }
  });

  it.each(cases)('%s rejects malformed payload #%i with invalid_request and no side effect', async (channel, _i, payload) => {
    const before = snapshot(dataDir);
    const reply = await core.invoke(channel, payload, 'cashier');
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_request');
    expect(typeof reply.error.params?.field).toBe('string');
    expect(String(reply.error.params?.field).length).toBeLessThanOrEqual(80);
    expect(errorMessage('ru', reply.error.code, reply.error.params)).toMatch(/Неверные данные запроса/);
    expect(snapshot(dataDir)).toBe(before);
  });

  it('names the offending field', async () => {
    const reply = await core.invoke('payments.charge', { amountTiyn: -1 }, 'cashier');
    expect(reply).toEqual({ ok: false, error: { code: 'invalid_request', params: { field: 'amountTiyn' } } });
  });

  it('refuses unknown channels and channels outside the caller\'s audience', async () => {
    expect(await core.invoke('payments.delete', {}, 'cashier')).toEqual({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.invoke('__proto__', {}, 'cashier')).toEqual({ ok: false, error: { code: 'unknown_channel' } });
    const before = snapshot(dataDir);
    expect(await core.invoke('payments.cancel', { saleId }, 'customer')).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await core.invoke('payments.charge', { amountTiyn: 100 }, 'customer')).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(snapshot(dataDir)).toBe(before);
    expect((await core.invoke('customer.view', {}, 'customer')).ok).toBe(true);
  });

  it('refuses live mode until Kaspi is configured, writing nothing', async () => {
    const before = snapshot(dataDir);
    const reply = await core.invoke('settings.update', { mode: 'live' }, 'cashier');
    expect(reply).toMatchObject({ ok: false, error: { code: 'live_not_ready' } });
    expect(snapshot(dataDir)).toBe(before);
  });

  it("takes Kaspi's address as its documents write it (with /r1/v01) without the part Kassa adds itself", async () => {
    for (const [typed, stored] of [
      ['https://mtokentest.kaspi.kz:8543/r1/v01', 'https://mtokentest.kaspi.kz:8543'],
      ['https://mtokentest.kaspi.kz:8543/r3/v02/', 'https://mtokentest.kaspi.kz:8543'],
      ['https://mtokentest.kaspi.kz:8543/r2', 'https://mtokentest.kaspi.kz:8543'],
      ['https://kaspi.example/proxy/', 'https://kaspi.example/proxy'],
    ] as const) {
      const reply = await core.invoke('settings.update', { kaspi: { baseUrl: typed } }, 'cashier');
      expect(reply).toMatchObject({ ok: true, data: { kaspi: { baseUrl: stored } } });
    }
  });

  it('refuses a BIN whose check digit does not match (one digit mistyped), writing nothing', async () => {
    const before = snapshot(dataDir);
    expect(await core.invoke('settings.update', { kaspi: { organizationBin: '200340001239' } }, 'cashier')).toMatchObject({ ok: false, error: { code: 'kaspi_bin_invalid' } });
    expect(snapshot(dataDir)).toBe(before);
    expect(await core.invoke('settings.update', { kaspi: { organizationBin: '200340001238' } }, 'cashier')).toMatchObject({ ok: true, data: { kaspi: { organizationBin: '200340001238' } } });
  });

  it('lets the shop name be taken off the customer display', async () => {
    expect(await core.invoke('settings.update', { shopName: 'Дүкен' }, 'cashier')).toMatchObject({ ok: true, data: { shopName: 'Дүкен' } });
    expect(await core.invoke('settings.update', { shopName: '   ' }, 'cashier')).toMatchObject({ ok: true, data: { shopName: '' } });
    expect(await core.invoke('customer.view', {}, 'customer')).toMatchObject({ ok: true, data: { shopName: '' } });
  });

  it('well-formed requests for unknown sales fail cleanly', async () => {
    expect(await core.invoke('payments.get', { saleId: 'nope' }, 'cashier')).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await core.invoke('payments.ackPaidLate', { saleId: 'nope' }, 'cashier')).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});
