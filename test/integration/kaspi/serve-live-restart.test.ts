// `kassa serve --live …` restarted (a service manager does it after a crash or a reboot) while a live
// sale is on screen: the same flags bring the till back live and the sale is read on, to paid. Flags
// naming another Kaspi identity are refused while that sale waits for Kaspi's word, and change nothing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../../main/app-core.js';
import { goLive, writeLiveSettings } from '../../../main/host/serve-live.js';
import { keepSettingsAside } from '../../../main/host/settings-snapshot.js';
import { silentLogger } from '../../../main/services/logger.js';
import { envOnlyStore } from '../../../main/services/secrets/secret-store.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { SettingsService } from '../../../main/services/settings/settings-service.js';
import type { SaleView } from '../../../shared/domain.js';
import { startSim, TEST_API_KEY, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveTestEnv } from '../../helpers/live-test-env.js';

const t = liveTestEnv();

async function saleOnScreenThenStopped(): Promise<SaleView> {
  t.sim = await startSim('r1', `${t.dir}/pki`, { timers: { pollIntervalS: 1 } });
  t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
  const sale = await cashier(t.core, 'payments.charge', { amountTiyn: 4500 });
  expect(sale.status).toBe('qr_shown');
  await t.core.close();
  t.core = null;
  return sale;
}

async function paidAfterRestart(sale: SaleView): Promise<void> {
  t.sim!.control.state.core.testHook('scan', sale.qrPaymentId!);
  t.sim!.control.state.core.testHook('confirm', sale.qrPaymentId!);
  t.core = await startLiveCore(t.sim!, 'r1', `${t.dir}/data`); // the same flags as before
  expect((await cashier<{ mode: string }>(t.core, 'settings.get')).mode).toBe('live');
  const paid = await waitFor(async () => {
    const s = await cashier(t.core!, 'payments.get', { saleId: sale.id });
    return s.status === 'paid' && s;
  });
  expect(paid.orderNumber).toBe('000001');
}

describe('kassa serve --live restarted', () => {
  it('with the same flags but the key gone from the environment: refused as not set up, not "live" with every charge failing', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`);
    t.core = await startLiveCore(t.sim, 'r1', `${t.dir}/data`);
    await t.core.close();
    const flags = { scheme: 'r1', kaspiUrl: t.sim.url, tradePoint: TEST_TRADE_POINT, deviceId: 'POS-IT_1', kaspiCa: t.sim.pki!.caCertPath };
    expect(writeLiveSettings(`${t.dir}/data`, flags)).toBeNull();
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    expect(await goLive(t.core, TEST_TRADE_POINT)).toBe(errorMessage('en', 'live_not_ready', { missing: 'api_key' }));
  });

  it('without --kaspi-ca it keeps the CA the till has for that address (loaded in Settings); another address drops it; a file named replaces it', () => {
    const data = `${t.dir}/data`;
    const flags = { scheme: 'r1', kaspiUrl: 'https://mtokentest.kaspi.kz:8543', tradePoint: TEST_TRADE_POINT };
    expect(writeLiveSettings(data, flags)).toBeNull();
    new SettingsService(data).update({ kaspi: { caFile: `${data}/kaspi-ca.pem`, caNames: 'kbs_root_ca, kbs_ca' } }); // as Settings loads it
    expect(writeLiveSettings(data, flags)).toBeNull(); // a service manager's restart
    expect(new SettingsService(data).get().kaspi).toMatchObject({ caFile: `${data}/kaspi-ca.pem`, caNames: 'kbs_root_ca, kbs_ca' });
    expect(writeLiveSettings(data, { ...flags, kaspiCa: '/etc/kassa/kaspi.crt' })).toBeNull();
    expect(new SettingsService(data).get().kaspi).toMatchObject({ caFile: '/etc/kassa/kaspi.crt', caNames: null });
    expect(writeLiveSettings(data, { ...flags, kaspiUrl: 'https://qrapi-cert-ip.kaspi.kz' })).toBeNull();
    expect(new SettingsService(data).get().kaspi).toMatchObject({ caFile: null, caNames: null });
  });

  it('a --bin that is no BIN is refused, whatever the scheme (it would make the same flags look like another till)', () => {
    const flags = { scheme: 'r1', kaspiUrl: 'https://mtokentest.kaspi.kz:8543', tradePoint: TEST_TRADE_POINT };
    expect(writeLiveSettings(`${t.dir}/data`, { ...flags, bin: '12345' })).toMatch(/--bin/);
    expect(writeLiveSettings(`${t.dir}/data`, { ...flags, bin: '200340001238' })).toBeNull();
    expect(new SettingsService(`${t.dir}/data`).get().kaspi.organizationBin).toBe('200340001238');
    expect(writeLiveSettings(`${t.dir}/data`, { ...flags, bin: '200340001238' })).toBeNull();
  });
});

describe('kassa serve --live restarted under a live sale', () => {
  it('the same flags: live again at once, and the sale the buyer paid meanwhile is recorded', async () => {
    await paidAfterRestart(await saleOnScreenThenStopped());
  });

  it('flags naming another Kaspi address, trade point or device are refused while the sale waits, and change nothing', async () => {
    const sale = await saleOnScreenThenStopped();
    const data = `${t.dir}/data`;
    const before = new SettingsService(data).get();
    const same = { scheme: 'r1', kaspiUrl: t.sim!.url, tradePoint: TEST_TRADE_POINT, deviceId: 'POS-IT_1', kaspiCa: t.sim!.pki!.caCertPath };
    for (const other of [{ kaspiUrl: 'https://mtokentest.kaspi.kz:8543' }, { deviceId: 'POS-OTHER' }, { tradePoint: '4200002' }]) {
      expect(writeLiveSettings(data, { ...same, ...other })).toMatch(/still waiting for Kaspi/);
    }
    expect(new SettingsService(data).get()).toEqual(before);
    await paidAfterRestart(sale);
  });
});

describe('kassa serve --live that fails', () => {
  it('leaves the till as it was: a registered live r3 till keeps its identity after a start with other flags that Kaspi refuses', async () => {
    t.sim = await startSim('r3', `${t.dir}/pki`);
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`);
    await t.core.close();
    t.core = null;
    const file = join(t.dir, 'data', 'settings.json');
    const before = readFileSync(file);
    const r1 = await startSim('r1', `${t.dir}/pki-r1`);
    try {
      // not spawnSync: the simulator answers from this process
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'main/cli.ts', 'serve', '--no-open', '--data-dir', join(t.dir, 'data'), '--live', '--scheme', 'r1',
          '--kaspi-url', r1.url, '--trade-point', '999999999', '--kaspi-ca', r1.pki!.caCertPath],
        { env: { ...process.env, KASSA_KASPI_API_KEY: TEST_API_KEY, KASSA_LANG: 'en' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const run = { status, stderr };
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain("live mode not started: ");
      expect(run.stderr).toContain("The till's settings are as they were.");
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      await r1.close();
    }
    t.core = await startLiveCore(t.sim, 'r3', `${t.dir}/data`); // and it still runs live with its old flags
    expect((await cashier<{ mode: string }>(t.core, 'settings.get')).mode).toBe('live');
  });
});

describe('a kassa serve --live start interrupted before its outcome', () => {
  it('is put back by whichever Kassa opens the folder next (the desktop app too), before it reads the settings', async () => {
    const data = `${t.dir}/data`;
    const settings = new SettingsService(data);
    settings.update({ shopName: 'Before', mode: 'demo' });
    keepSettingsAside(data); // the --live start took its copy…
    expect(writeLiveSettings(data, { scheme: 'r1', kaspiUrl: 'https://mtokentest.kaspi.kz:8543', tradePoint: TEST_TRADE_POINT })).toBeNull();
    new SettingsService(data).update({ shopName: 'Half way' }); // …changed things, and was killed
    t.core = await startCore({ dataDir: data, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    expect(await cashier(t.core, 'settings.get')).toMatchObject({ shopName: 'Before' });
    await t.core.close();
    // changed afterwards by the app: a later start does not take it back
    t.core = await startCore({ dataDir: data, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    await cashier(t.core, 'settings.update', { shopName: 'After' });
    await t.core.close();
    t.core = await startCore({ dataDir: data, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    expect(await cashier(t.core, 'settings.get')).toMatchObject({ shopName: 'After' });
  });
});
