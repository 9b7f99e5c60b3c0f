// The r1 Api-Key goes only to Kaspi's domain, a simulator on this computer, or the address it was
// entered for. Whatever drives the cashier screen may change the Kaspi address (in demo mode), but
// "Check connection" then stops before any request: nothing carries the key to the new host.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { writeLiveSettings } from '../../../main/host/serve-live.js';
import { apiKeyMayGoTo } from '../../../main/services/kaspi/api-key-destination.js';
import { silentLogger } from '../../../main/services/logger.js';
import { SettingsService } from '../../../main/services/settings/settings-service.js';
import type { SettingsView } from '../../../shared/domain.js';
import { startSim, TEST_API_KEY } from '../../helpers/kaspi-sim.js';
import { cashier } from '../../helpers/live-core.js';
import { memoryStore } from '../../helpers/memory-secret-store.js';
import { liveTestEnv } from '../../helpers/live-test-env.js';

const t = liveTestEnv();

const CATCHER = 'https://kaspi-key-catcher.invalid:8443';
const settingsOf = (c: KassaCore) => cashier<SettingsView>(c, 'settings.get');
const setUrl = (c: KassaCore, baseUrl: string) => cashier<SettingsView>(c, 'settings.update', { kaspi: { baseUrl } });
const pingError = (c: KassaCore) => cashier(c, 'kaspi.ping').then(() => null, (e: { code: string; params?: unknown }) => ({ code: e.code, params: e.params }));

describe('where the Api-Key may go', () => {
  it('Kaspi\'s domain always, a test key also to this computer; any other host only when the key was entered for it', () => {
    const PROD = 'prod_0123456789abcdef0123456789abcdef';
    for (const key of [TEST_API_KEY, PROD]) {
      expect(apiKeyMayGoTo('https://mtokentest.kaspi.kz:8543', null, key)).toBe(true);
      expect(apiKeyMayGoTo('https://qrapi-cert-ip.kaspi.kz', null, key)).toBe(true);
      expect(apiKeyMayGoTo('https://kaspi.kz.evil.example', null, key)).toBe(false);
      expect(apiKeyMayGoTo('https://evilkaspi.kz', null, key)).toBe(false);
      expect(apiKeyMayGoTo('http://mtokentest.kaspi.kz:8543', null, key)).toBe(false); // plain http to a remote host
      expect(apiKeyMayGoTo('https://10.0.0.5:8543', 'https://10.0.0.5:8543', key)).toBe(true);
      expect(apiKeyMayGoTo('https://10.0.0.5:8544', 'https://10.0.0.5:8543', key)).toBe(false); // another port is another origin
      expect(apiKeyMayGoTo('not a url', null, key)).toBe(false);
    }
    for (const url of ['http://127.0.0.1:4100', 'http://localhost:4100', 'http://[::1]:4100']) {
      expect(apiKeyMayGoTo(url, null, TEST_API_KEY)).toBe(true);
      // any process here may listen on a loopback port: a production key goes only where it was entered
      expect(apiKeyMayGoTo(url, null, PROD)).toBe(false);
      expect(apiKeyMayGoTo(url, url, PROD)).toBe(true);
    }
  });

  it('a production key entered for Kaspi\'s address does not go to a port of this computer the screen names', async () => {
    const caught: string[] = [];
    const catcher = createServer((req, res) => {
      caught.push(String(req.headers['api-key'] ?? ''));
      res.end('{}');
    });
    await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve));
    try {
      t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: {}, log: silentLogger });
      await setUrl(t.core, 'https://mtokentest.kaspi.kz:8543');
      await cashier(t.core, 'secrets.setApiKey', { apiKey: 'prod_0123456789abcdef0123456789abcdef' });
      const moved = await setUrl(t.core, `http://127.0.0.1:${(catcher.address() as AddressInfo).port}`);
      expect(moved.kaspi.gaps).toContain('api_key_address');
      expect(await pingError(t.core)).toEqual({ code: 'live_not_ready', params: { missing: 'api_key_address' } });
      expect(caught).toEqual([]);
    } finally {
      catcher.close();
    }
  });

  it('a stored key: another host stops the ping before any request; entering the key again for it lifts that', async () => {
    t.sim = await startSim('r1', `${t.dir}/pki`);
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: {}, log: silentLogger });
    await cashier(t.core, 'kaspi.setCa', { pem: readFileSync(t.sim.pki!.caCertPath, 'utf8') });
    await setUrl(t.core, t.sim.url);
    await cashier(t.core, 'secrets.setApiKey', { apiKey: TEST_API_KEY });
    expect(await pingError(t.core)).toBeNull();

    const moved = await setUrl(t.core, CATCHER);
    expect(moved.kaspi.gaps).toContain('api_key_address');
    expect(moved.kaspi.gaps).not.toContain('api_key');
    // refused as not set up, before any request: a request would have failed as unreachable
    expect(await pingError(t.core)).toEqual({ code: 'live_not_ready', params: { missing: 'api_key_address' } });

    const rebound = await cashier<SettingsView>(t.core, 'secrets.setApiKey', { apiKey: TEST_API_KEY });
    expect(rebound.kaspi.gaps).not.toContain('api_key_address');

    // back on Kaspi's own domain, or a simulator here, the key may go again; cleared, it is missing
    expect((await setUrl(t.core, 'https://mtokentest.kaspi.kz:8543')).kaspi.gaps).not.toContain('api_key_address');
    const cleared = await cashier<SettingsView>(t.core, 'secrets.clear', { which: 'apiKey' });
    expect(cleared.kaspi.gaps).toContain('api_key');
  });

  it('a key from the environment goes to the address it was first seen with — a restart does not move it; --kaspi-url does', async () => {
    const data = `${t.dir}/data`;
    new SettingsService(data).update({ kaspi: { baseUrl: 'https://10.20.30.40:8543' } }); // an address the bank e-mailed
    const env = { KASSA_KASPI_API_KEY: TEST_API_KEY };
    const start = () => startCore({ dataDir: data, transport: 'http', version: 'test', secrets: memoryStore(), env, log: silentLogger });
    t.core = await start();
    expect((await settingsOf(t.core)).kaspi.gaps).not.toContain('api_key_address');
    expect((await setUrl(t.core, CATCHER)).kaspi.gaps).toContain('api_key_address');
    expect(await pingError(t.core)).toEqual({ code: 'live_not_ready', params: { missing: 'api_key_address' } });
    // "entering" another key is refused: the environment's key stays the one in use, its address with it
    await expect(cashier<SettingsView>(t.core, 'secrets.setApiKey', { apiKey: 'test_someone_elses_key' })).rejects.toMatchObject({ code: 'secret_from_env' });
    expect((await settingsOf(t.core)).kaspi.gaps).toContain('api_key_address');
    expect((await setUrl(t.core, 'http://127.0.0.1:4100')).kaspi.gaps).not.toContain('api_key_address');
    await setUrl(t.core, CATCHER);
    await t.core.close();

    t.core = await start(); // restarted with the catcher's address configured: still not there
    expect((await settingsOf(t.core)).kaspi.gaps).toContain('api_key_address');
    expect((await setUrl(t.core, 'https://10.20.30.40:8543')).kaspi.gaps).not.toContain('api_key_address');
    await t.core.close();

    // the operator names another address on the command line
    writeLiveSettings(data, { scheme: 'r1', kaspiUrl: 'https://10.9.9.9:8543', tradePoint: '4200001' });
    t.core = await start();
    expect((await settingsOf(t.core)).kaspi.gaps).not.toContain('api_key_address');
  });

  it('another key in the environment is bound anew, to the address in use', async () => {
    const data = `${t.dir}/data`;
    new SettingsService(data).update({ kaspi: { baseUrl: 'https://10.20.30.40:8543' } });
    t.core = await startCore({ dataDir: data, transport: 'http', version: 'test', secrets: memoryStore(), env: { KASSA_KASPI_API_KEY: TEST_API_KEY }, log: silentLogger });
    await setUrl(t.core, 'https://10.1.1.1:8543');
    await t.core.close();
    t.core = await startCore({ dataDir: data, transport: 'http', version: 'test', secrets: memoryStore(), env: { KASSA_KASPI_API_KEY: 'test_rotated_key_0001' }, log: silentLogger });
    expect((await settingsOf(t.core)).kaspi.gaps).not.toContain('api_key_address');
  });

  it('a key keeps its binding through a start that could not read it, and through another key used for a while', async () => {
    const data = `${t.dir}/data`;
    new SettingsService(data).update({ kaspi: { baseUrl: 'https://10.20.30.40:8543' } });
    const keyring = memoryStore({ 'kaspi.apiKey': TEST_API_KEY });
    const start = (secrets = keyring, env: Record<string, string> = {}) =>
      startCore({ dataDir: data, transport: 'http', version: 'test', secrets, env, log: silentLogger });
    t.core = await start();
    expect((await setUrl(t.core, CATCHER)).kaspi.gaps).toContain('api_key_address');
    await t.core.close();
    t.core = await start(memoryStore()); // the keyring answered nothing this time
    await t.core.close();
    t.core = await start();
    expect((await settingsOf(t.core)).kaspi.gaps).toContain('api_key_address');
    await t.core.close();
    t.core = await start(keyring, { KASSA_KASPI_API_KEY: 'test_env_key_for_a_while' }); // another key, then gone again
    await t.core.close();
    // `kassa serve --live --kaspi-url` names an address for the key it runs with — here it could read none
    writeLiveSettings(data, { scheme: 'r1', kaspiUrl: CATCHER, tradePoint: '4200001' });
    t.core = await start(memoryStore());
    await t.core.close();
    t.core = await start();
    expect((await settingsOf(t.core)).kaspi.gaps).toContain('api_key_address');
    expect((await setUrl(t.core, 'https://10.20.30.40:8543')).kaspi.gaps).not.toContain('api_key_address');
  });

  it('a key stored before keys were bound is bound to the address in use at the next start', async () => {
    const settings = new SettingsService(`${t.dir}/data`);
    settings.update({ kaspi: { baseUrl: 'https://10.20.30.40:8543' } });
    t.core = await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore({ 'kaspi.apiKey': TEST_API_KEY }), env: {}, log: silentLogger });
    expect((await settingsOf(t.core)).kaspi.gaps).not.toContain('api_key_address');
    expect((await setUrl(t.core, CATCHER)).kaspi.gaps).toContain('api_key_address');
  });
});

describe('kassa serve --live --kaspi-url', () => {
  it("takes Kaspi's address as its documents write it (…:8543/r1/v01) without the part Kassa adds to every call", () => {
    const data = `${t.dir}/data`;
    expect(writeLiveSettings(data, { scheme: 'r1', kaspiUrl: 'https://10.9.9.9:8543/r1/v01/', tradePoint: '4200001' })).toBeNull();
    expect(new SettingsService(data).get().kaspi).toMatchObject({ baseUrl: 'https://10.9.9.9:8543', apiKeyOrigin: 'https://10.9.9.9:8543' });
  });

  it('refuses an address that is not https (but for a simulator on this computer), saying what it must be, writing nothing', () => {
    const data = `${t.dir}/data`;
    const settingsFile = `${data}/settings.json`;
    const before = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null;
    for (const kaspiUrl of ['mtokentest.kaspi.kz:8543', 'http://mtokentest.kaspi.kz:8543', 'ftp://10.9.9.9', 'https://']) {
      expect(writeLiveSettings(data, { scheme: 'r1', kaspiUrl, tradePoint: '4200001' }, 'en')).toBe(
        '--kaspi-url must be the Kaspi QR API address starting with https:// (http:// only to a simulator on this computer)',
      );
    }
    expect(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null).toBe(before);
    expect(writeLiveSettings(data, { scheme: 'r1', kaspiUrl: 'https://10.9.9.9:8543/r1', tradePoint: '4200001' })).toBeNull();
    expect(new SettingsService(data).get().kaspi.baseUrl).toBe('https://10.9.9.9:8543');
    expect(writeLiveSettings(data, { scheme: 'r1', kaspiUrl: 'http://127.0.0.1:9/r1/v01', tradePoint: '4200001' })).toBeNull();
    expect(new SettingsService(data).get().kaspi.baseUrl).toBe('http://127.0.0.1:9');
  });
});
