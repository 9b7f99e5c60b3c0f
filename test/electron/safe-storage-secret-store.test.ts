// SafeStorageSecretStore under plain Node: Electron's safeStorage is fake-electron.ts's AES-GCM stand-in,
// electron-store is replaced by the `conf` it wraps (same constructor mapping), so the JSON file is
// real and on disk. Run: npx vitest run test/electron/safe-storage-secret-store.test.ts
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSafeStorageSecretStore } from '../../main/electron/safe-storage-secret-store.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
// electron-store = conf with cwd = userData and `name` as the file name (see its index.js).
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  const { fake: electron } = await import('./fake-electron.js');
  class FileStore extends Conf<Record<string, unknown>> {
    constructor({ name = 'config', ...options }: Record<string, unknown> & { name?: string }) {
      super({ ...options, configName: name, cwd: electron.app.getPath('userData'), projectName: 'kassa' });
    }
  }
  return { default: FileStore };
});

const API_KEY = 'kaspi-api-key-7f3c9d2e1b';
const PASSPHRASE = 'Пароль сертификата №1';
// A stand-in for a PKCS#12 file in base64 (several KB, like a real one).
const PFX = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('base64');

let userData: string;
let logs: string[];
let storeNo = 0;
const log = (message: string) => logs.push(message);
const open = (options: { platform?: NodeJS.Platform } = {}) =>
  openSafeStorageSecretStore({ name: `secrets-${++storeNo}`, log, ...options });
const fileOf = () => path.join(userData, `secrets-${storeNo}.json`);

beforeAll(() => {
  userData = mkdtempSync(path.join(tmpdir(), 'kassa-secrets-'));
  fake.app.setPath('userData', userData);
  fake.app.makeReady();
});

afterAll(() => rmSync(userData, { recursive: true, force: true }));

beforeEach(() => {
  logs = [];
  Object.assign(fake.safeStorage, { available: true, backend: 'gnome_libsecret', rotated: false });
});

describe('SafeStorageSecretStore', () => {
  it('round-trips every secret and forgets a deleted one', async () => {
    const store = await open();
    expect(store).toMatchObject({ kind: 'safe-storage', secure: true, writable: true });
    await store.set('kaspi.apiKey', API_KEY);
    await store.set('kaspi.pfx', PFX);
    await store.set('kaspi.pfxPassphrase', PASSPHRASE);
    expect(await store.get('kaspi.apiKey')).toBe(API_KEY);
    expect(await store.get('kaspi.pfx')).toBe(PFX);
    expect(await store.get('kaspi.pfxPassphrase')).toBe(PASSPHRASE);

    await store.delete('kaspi.apiKey');
    expect(await store.get('kaspi.apiKey')).toBeNull();
    expect(await store.get('kaspi.pfx')).toBe(PFX);
    // A second store on the same file (next start of the app) reads the same values.
    const again = await openSafeStorageSecretStore({ name: `secrets-${storeNo}`, log });
    expect(await again.get('kaspi.pfxPassphrase')).toBe(PASSPHRASE);
    expect(logs).toEqual([]);
  });

  it('writes ciphertext only, with flat keys, to an owner-only file', async () => {
    const store = await open();
    await store.set('kaspi.apiKey', API_KEY);
    await store.set('kaspi.pfx', PFX);
    await store.set('kaspi.pfxPassphrase', PASSPHRASE);
    const text = readFileSync(fileOf(), 'utf8');
    for (const secret of [API_KEY, PFX, PFX.slice(0, 40), PASSPHRASE, 'Пароль']) expect(text).not.toContain(secret);
    const json = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(['kaspi.apiKey', 'kaspi.pfx', 'kaspi.pfxPassphrase']);
    for (const value of Object.values(json)) {
      expect(Buffer.from(value, 'base64').subarray(0, 3).toString()).toBe('v11');
    }
    if (process.platform !== 'win32') expect(statSync(fileOf()).mode & 0o777).toBe(0o600);
  });

  it('reports Linux basic_text as not secure (saving still works)', async () => {
    fake.safeStorage.backend = 'basic_text';
    const store = await open({ platform: 'linux' });
    expect(store).toMatchObject({ secure: false, writable: true });
    await store.set('kaspi.apiKey', API_KEY);
    expect(await store.get('kaspi.apiKey')).toBe(API_KEY);
  });

  it('is secure on Linux with a keyring backend, and on macOS/Windows when encryption is available', async () => {
    fake.safeStorage.backend = 'kwallet6';
    expect((await open({ platform: 'linux' })).secure).toBe(true);
    fake.safeStorage.backend = 'basic_text'; // ignored off Linux
    expect((await open({ platform: 'darwin' })).secure).toBe(true);
    expect((await open({ platform: 'win32' })).secure).toBe(true);
  });

  it('without encryption it is not writable, set rejects and nothing is written', async () => {
    fake.safeStorage.available = false;
    const store = await open({ platform: 'darwin' });
    expect(store).toMatchObject({ writable: false, secure: false });
    await expect(store.set('kaspi.apiKey', API_KEY)).rejects.toThrow(/not available/);
    expect(await store.get('kaspi.apiKey')).toBeNull();
    const onDisk = (() => {
      try {
        return readFileSync(fileOf(), 'utf8');
      } catch {
        return '';
      }
    })();
    expect(onDisk).not.toContain(API_KEY);
    expect(onDisk).not.toContain('kaspi.apiKey');
  });

  it('returns null for a corrupted ciphertext and logs the name only', async () => {
    const store = await open();
    await store.set('kaspi.apiKey', API_KEY);
    await store.set('kaspi.pfxPassphrase', PASSPHRASE);
    const json = JSON.parse(readFileSync(fileOf(), 'utf8')) as Record<string, string>;
    const bytes = Buffer.from(json['kaspi.apiKey']!, 'base64');
    bytes[bytes.length - 1]! ^= 0xff; // one flipped byte in the encrypted body
    const damaged = { ...json, 'kaspi.apiKey': bytes.toString('base64'), 'kaspi.pfxPassphrase': 'not base64!' };
    writeFileSync(fileOf(), JSON.stringify(damaged));

    expect(await store.get('kaspi.apiKey')).toBeNull();
    expect(await store.get('kaspi.pfxPassphrase')).toBeNull();
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^secret kaspi\.apiKey could not be decrypted/);
    expect(logs[1]).toMatch(/^secret kaspi\.pfxPassphrase could not be decrypted/);
    const logged = logs.join('\n');
    for (const secret of [API_KEY, PASSPHRASE, damaged['kaspi.apiKey']!, json['kaspi.apiKey']!]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('starts empty when the file itself is damaged', async () => {
    const store = await open();
    writeFileSync(fileOf(), '{ this is not json');
    const reopened = await openSafeStorageSecretStore({ name: `secrets-${storeNo}`, log });
    expect(await reopened.get('kaspi.apiKey')).toBeNull();
    await reopened.set('kaspi.apiKey', API_KEY);
    expect(await store.get('kaspi.apiKey')).toBe(API_KEY);
  });

  it('re-encrypts a value when safeStorage asks for it', async () => {
    const store = await open();
    await store.set('kaspi.apiKey', API_KEY);
    const before = readFileSync(fileOf(), 'utf8');
    fake.safeStorage.rotated = true;
    expect(await store.get('kaspi.apiKey')).toBe(API_KEY);
    expect(readFileSync(fileOf(), 'utf8')).not.toBe(before);
    fake.safeStorage.rotated = false;
    expect(await store.get('kaspi.apiKey')).toBe(API_KEY);
  });

  it('refuses names outside the contract', async () => {
    const store = await open();
    await expect(store.set('kaspi.other' as never, 'x')).rejects.toThrow(/unknown secret/);
  });
});
