// The OS keyring store of `kassa serve`, against the real @napi-rs/keyring.
// - On Linux without a session bus (CI, containers) the test starts its own: a private dbus-daemon and
//   gnome-keyring-daemon unlocked with a throw-away password, in a temp dir, if both are installed
//   (Debian: apt-get install -y --no-install-recommends gnome-keyring). Otherwise the round trip is
//   skipped and says why; the fallback tests run everywhere.
// - On a desktop it uses the user's keyring under a random service name and deletes what it wrote.
// Run: npx vitest run test/integration/keyring-secret-store.test.ts
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../main/services/logger.js';
import { keyPrint } from '../../main/services/kaspi/api-key-destination.js';
import { adoptLegacySecrets, adoptLegacySecretsOnce, folderSecretsUse } from '../../main/services/secrets/legacy-keyring.js';
import {
  KEYRING_SERVICE,
  keyringServiceFor,
  spelledServiceFor,
  openKeyringSecretStore,
  probeKeyring,
  type KeyringModule,
} from '../../main/services/secrets/keyring-secret-store.js';
import { pickServeSecretStore } from '../../main/services/secrets/pick-secret-store.js';
import { envOnlyStore, SECRET_NAMES } from '../../main/services/secrets/secret-store.js';

const SERVICE = `Kassa-test-${randomUUID()}`;
const PFX = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)).toString('base64');

type Line = { level: string; message: string; fields?: LogFields };
function memoryLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Starts a private Secret Service when this is Linux without a session bus; returns a stop function. */
function startPrivateSecretService(): { stop: () => void } | { reason: string } {
  if (process.platform !== 'linux' || process.env.DBUS_SESSION_BUS_ADDRESS) return { stop: () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), 'kassa-keyring-'));
  let busPid = 0;
  try {
    for (const sub of ['home', 'run', 'data']) mkdirSync(path.join(dir, sub), { mode: 0o700 });
    const printed = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    const [address, pid] = printed.trim().split('\n');
    busPid = Number(pid);
    if (!address || !busPid) throw new Error(`unexpected dbus-daemon output: ${printed}`);
    // --unlock reads the (throw-away) password from stdin and creates an unlocked login keyring.
    execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      input: 'kassa-test',
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 10_000,
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: address,
        HOME: path.join(dir, 'home'),
        XDG_RUNTIME_DIR: path.join(dir, 'run'),
        XDG_DATA_HOME: path.join(dir, 'data'),
      },
    });
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    // gnome-keyring-daemon leaves when its bus goes away.
    return {
      stop: () => {
        delete process.env.DBUS_SESSION_BUS_ADDRESS;
        process.kill(busPid);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (busPid) process.kill(busPid);
    rmSync(dir, { recursive: true, force: true });
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      reason: missing
        ? 'no session bus and no dbus-daemon/gnome-keyring-daemon to start one (apt-get install gnome-keyring)'
        : `could not start a private Secret Service: ${(error as Error).message}`,
    };
  }
}

const privateService = startPrivateSecretService();
const opened =
  'reason' in privateService
    ? { ok: false as const, reason: privateService.reason }
    : // a generous probe: a loaded machine must not turn a working keyring into "not usable" here
      await openKeyringSecretStore({ log: memoryLogger(), service: SERVICE, probeTimeoutMs: 30_000 });
const SKIP_REASON = opened.ok ? '' : `skipped: no usable OS keyring here (${opened.reason})`;

afterAll(async () => {
  if (opened.ok) {
    for (const name of SECRET_NAMES) await opened.store.delete(name).catch(() => {});
    const { AsyncEntry } = (await import('@napi-rs/keyring')) as unknown as KeyringModule;
    for (const slot of ['', 'a', 'b']) {
      for (let i = 1; i <= 40; i++) {
        await new AsyncEntry(SERVICE, `kaspi.pfx#${slot}${i}`, { linux: { store: 'secret-service' } }).deleteCredential().catch(() => {});
      }
    }
  }
  if ('stop' in privateService) privateService.stop();
});

describe('pickServeSecretStore falls back to env-only', () => {
  it('when the native library cannot be loaded, without throwing and without secrets in the log', async () => {
    const log = memoryLogger();
    const store = await pickServeSecretStore(log, {
      load: async () => {
        throw new Error('Cannot find native binding for this platform');
      },
    });
    expect(store).toBe(envOnlyStore);
    expect(store).toMatchObject({ kind: 'env-only', writable: false });
    expect(log.lines).toEqual([
      {
        level: 'warn',
        message: 'secrets: no usable OS keyring, credentials come from the environment only',
        fields: { store: 'env-only', reason: 'keyring library unavailable: Cannot find native binding for this platform' },
      },
    ]);
  });

  it.skipIf(process.platform !== 'linux')('when no Secret Service answers on D-Bus (Linux only)', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(tmpdir(), `kassa-no-bus-${randomUUID()}`)}`;
    try {
      const log = memoryLogger();
      const started = Date.now();
      expect(await pickServeSecretStore(log, { service: SERVICE })).toBe(envOnlyStore);
      expect(Date.now() - started).toBeLessThan(4500); // refused at once, not after the 5 s probe timeout
      expect(log.lines[0]?.level).toBe('warn');
      expect(String(log.lines[0]?.fields?.reason)).toMatch(/^OS keyring not usable: .*DBus/);
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });

  it.skipIf(process.platform !== 'linux')('when D-Bus hangs: the probe gives up after its timeout (Linux only)', async () => {
    // A socket that accepts and never answers: libdbus waits in its handshake.
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    const socketPath = path.join(tmpdir(), `kassa-silent-bus-${randomUUID()}`);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${socketPath}`;
    try {
      const started = Date.now();
      expect(await probeKeyring(SERVICE, 300)).toEqual({ ok: false, reason: 'no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(4500); // not hanging on the silent bus
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  // Only where no private Secret Service could start: one that started but answered slowly may answer now.
  it.runIf(!opened.ok && 'reason' in privateService)(
    opened.ok
      ? 'on this machine (skipped: its keyring is usable, the round trips below run instead)'
      : `on this machine, whose keyring is not usable (${opened.reason})`,
    async () => {
      const log = memoryLogger();
      expect(await pickServeSecretStore(log, { service: SERVICE })).toBe(envOnlyStore);
      expect(log.lines[0]?.level).toBe('warn');
    },
  );
});

describe('KeyringSecretStore', () => {
  it('refuses NUL characters (they mark split values) and names outside the contract', async () => {
    const touched: string[] = [];
    const load = async (): Promise<KeyringModule> => ({
      AsyncEntry: class {
        constructor(_service: string, account: string) {
          touched.push(account);
        }
        getPassword = async () => null;
        setPassword = async () => {};
        deleteCredential = async () => false;
      },
    });
    const withFake = await openKeyringSecretStore({ log: memoryLogger(), load, probe: async () => ({ ok: true }) });
    if (!withFake.ok) throw new Error(withFake.reason);
    await expect(withFake.store.set('kaspi.apiKey', 'a\u0000b')).rejects.toThrow(/NUL/);
    await expect(withFake.store.get('kaspi.other' as never)).rejects.toThrow(/unknown secret/);
    expect(touched).toEqual([]);
  });
});

describe('one till, one set of credentials', () => {
  it('each data folder has its own keyring service: a key saved by one till is not read by another', async () => {
    const entries = new Map<string, string>(); // service + account → value, as a real keyring keeps them
    let failReads = false; // the shared entry's service: locked
    const load = async (): Promise<KeyringModule> => ({
      AsyncEntry: class {
        private readonly key: string;
        constructor(service: string, account: string) {
          this.key = `${service}\n${account}`;
        }
        getPassword = async () => {
          if (failReads && this.key.startsWith(`${KEYRING_SERVICE}\n`)) throw new Error('the keyring is locked');
          return entries.get(this.key) ?? null;
        };
        setPassword = async (value: string) => void entries.set(this.key, value);
        deleteCredential = async () => entries.delete(this.key);
      },
    });
    const root = mkdtempSync(path.join(tmpdir(), 'kassa-tills-'));
    try {
      const open = async (dataDir: string) => {
        const opened = await openKeyringSecretStore({ log: memoryLogger(), load, probe: async () => ({ ok: true }), service: keyringServiceFor(dataDir) });
        if (!opened.ok) throw new Error(opened.reason);
        return opened.store;
      };
      const tillA = await open(path.join(root, 'a'));
      const tillB = await open(path.join(root, 'b'));
      await tillA.set('kaspi.apiKey', 'key-of-shop-a');
      await tillB.set('kaspi.apiKey', 'key-of-shop-b');
      expect(await tillA.get('kaspi.apiKey')).toBe('key-of-shop-a');
      expect(await tillB.get('kaspi.apiKey')).toBe('key-of-shop-b');
      expect(await (await open(path.join(root, 'c'))).get('kaspi.apiKey')).toBeNull(); // a new till starts with none
      // keys saved before folders had services of their own (all under "Kassa"): taken over by the
      // folder that used them — the one whose settings bound that key, or name a saved certificate
      const legacy = (await open(path.join(root, 'unused'))).withService(KEYRING_SERVICE);
      await legacy.set('kaspi.apiKey', 'key-from-before');
      await legacy.set('kaspi.pfx', 'cGZ4');
      await legacy.set('kaspi.pfxPassphrase', 'pass');
      const usedIt = await open(path.join(root, 'd'));
      await adoptLegacySecrets(usedIt, legacy, { apiKeyBindings: { [keyPrint('key-from-before')]: 'https://mtokentest.kaspi.kz:8543' }, certificateFileName: 'client.p12' }, memoryLogger());
      expect([await usedIt.get('kaspi.apiKey'), await usedIt.get('kaspi.pfx'), await usedIt.get('kaspi.pfxPassphrase')]).toEqual(['key-from-before', 'cGZ4', 'pass']);
      const other = await open(path.join(root, 'e'));
      await adoptLegacySecrets(other, legacy, { apiKeyBindings: { [keyPrint('another-key')]: 'https://x' }, certificateFileName: null }, memoryLogger());
      expect([await other.get('kaspi.apiKey'), await other.get('kaspi.pfx')]).toEqual([null, null]);
      await adoptLegacySecrets(tillA, legacy, { apiKeyBindings: { [keyPrint('key-from-before')]: 'https://x' }, certificateFileName: null }, memoryLogger());
      expect(await tillA.get('kaspi.apiKey')).toBe('key-of-shop-a'); // a folder's own key stays
      // once per folder: a key the manager removes later does not come back at the next start; a
      // certificate left without its password (a takeover cut short) is taken over whole
      const folder = path.join(root, 'g');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'settings.json'), JSON.stringify({ kaspi: { apiKeyBindings: { [keyPrint('key-from-before')]: 'https://x' }, certificateFileName: 'c.p12' } }));
      const till = await open(folder);
      await till.set('kaspi.pfx', 'cGZ4'); // the passphrase never got written
      await adoptLegacySecretsOnce(folder, till, memoryLogger());
      expect([await till.get('kaspi.apiKey'), await till.get('kaspi.pfxPassphrase')]).toEqual(['key-from-before', 'pass']);
      await till.delete('kaspi.apiKey'); // removed in Settings
      await adoptLegacySecretsOnce(folder, till, memoryLogger());
      expect(await till.get('kaspi.apiKey')).toBeNull();
      // what a folder used is read from its settings.json, leniently
      mkdirSync(path.join(root, 'f'));
      writeFileSync(path.join(root, 'f', 'settings.json'), JSON.stringify({ kaspi: { apiKeyBindings: { abcdef0123456789: 'https://x' }, certificateFileName: 'c.p12' } }));
      expect(folderSecretsUse(path.join(root, 'f'))).toEqual({ apiKeyBindings: { abcdef0123456789: 'https://x' }, certificateFileName: 'c.p12' });
      writeFileSync(path.join(root, 'f', 'settings.json'), '{ broken');
      expect(folderSecretsUse(path.join(root, 'f'))).toBeNull(); // not known now: asked again next time
      writeFileSync(path.join(root, 'f', 'settings.backup.json'), JSON.stringify({ kaspi: { certificateFileName: 'b.p12' } }));
      expect(folderSecretsUse(path.join(root, 'f'))).toEqual({ apiKeyBindings: {}, certificateFileName: 'b.p12' }); // its last good copy
      expect(folderSecretsUse(path.join(root, 'none'))).toEqual({ apiKeyBindings: {}, certificateFileName: null });
      // a shared entry that cannot be read now (locked, no answer) is not taken for "nothing there"
      const locked = path.join(root, 'h');
      mkdirSync(locked);
      writeFileSync(path.join(locked, 'settings.json'), JSON.stringify({ kaspi: { apiKeyBindings: { [keyPrint('key-from-before')]: 'https://x' } } }));
      failReads = true;
      await adoptLegacySecretsOnce(locked, await open(locked), memoryLogger());
      failReads = false;
      expect(existsSync(path.join(locked, 'keyring-shared-entry-checked'))).toBe(false);
      await adoptLegacySecretsOnce(locked, await open(locked), memoryLogger());
      expect(await (await open(locked)).get('kaspi.apiKey')).toBe('key-from-before');
      expect(existsSync(path.join(locked, 'keyring-shared-entry-checked'))).toBe(true);
      // the same folder, however it is written, is the same till
      mkdirSync(path.join(root, 'a'));
      expect(keyringServiceFor(path.join(root, 'a', '.'))).toBe(keyringServiceFor(path.join(root, 'a')));
      symlinkSync(path.join(root, 'a'), path.join(root, 'link-to-a'));
      expect(keyringServiceFor(path.join(root, 'link-to-a'))).toBe(keyringServiceFor(path.join(root, 'a')));
      expect(keyringServiceFor(path.join(root, 'h'))).not.toBe(keyringServiceFor(path.join(root, 'a')));
      // a folder reached through a link kept its keys under its path as written before links were
      // followed: moved to its real service at the start (and gone from the old one)
      const real = path.join(root, 'real');
      mkdirSync(real);
      writeFileSync(path.join(real, 'settings.json'), JSON.stringify({ kaspi: { apiKeyBindings: { [keyPrint('linked-key')]: 'https://x' }, certificateFileName: null } }));
      symlinkSync(real, path.join(root, 'linked'));
      const linked = path.join(root, 'linked');
      expect(spelledServiceFor(linked)).not.toBe(keyringServiceFor(linked));
      const own = await open(linked);
      await own.withService(spelledServiceFor(linked)).set('kaspi.apiKey', 'linked-key');
      await adoptLegacySecretsOnce(linked, own, memoryLogger());
      expect(await own.get('kaspi.apiKey')).toBe('linked-key');
      expect(await own.withService(spelledServiceFor(linked)).get('kaspi.apiKey')).toBeNull();
      await own.delete('kaspi.apiKey'); // removed in Settings: it does not come back
      await adoptLegacySecretsOnce(linked, own, memoryLogger());
      expect(await own.get('kaspi.apiKey')).toBeNull();
      expect(keyringServiceFor(path.join(root, 'a'))).toMatch(/^Kassa [0-9a-f]{16}$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** An in-memory keyring; `failWrite(n)`: the n-th write from now fails, as a locked or full keyring's would. */
function memoryKeyring(): { module: KeyringModule; entries: Map<string, string>; failWrite: (n: number) => void } {
  const entries = new Map<string, string>();
  let countdown = 0;
  const module: KeyringModule = {
    AsyncEntry: class {
      constructor(
        _service: string,
        private readonly account: string,
      ) {}
      getPassword = async () => entries.get(this.account) ?? null;
      setPassword = async (value: string) => {
        if (countdown > 0 && --countdown === 0) throw new Error('keyring refused the write');
        entries.set(this.account, value);
      };
      deleteCredential = async () => entries.delete(this.account);
    },
  };
  return { module, entries, failWrite: (n) => (countdown = n) };
}

describe('KeyringSecretStore writing parts', () => {
  it('keeps the stored value whole when a write fails midway, and leaves no parts behind', async () => {
    const keyring = memoryKeyring();
    const opened = await openKeyringSecretStore({ log: memoryLogger(), load: async () => keyring.module, probe: async () => ({ ok: true }), chunkSize: 1000 });
    if (!opened.ok) throw new Error(opened.reason);
    const store = opened.store;
    const first = 'A'.repeat(4000);
    const second = 'B'.repeat(3500);
    await store.set('kaspi.pfx', first);
    expect(await store.get('kaspi.pfx')).toBe(first);
    const stored = [...keyring.entries.keys()].sort();
    for (const n of [1, 3, 5]) {
      // the first part, a middle one, the head (4 parts + head = 5 writes): the first value stays whole
      keyring.failWrite(n);
      await expect(store.set('kaspi.pfx', second)).rejects.toThrow(/refused/);
      expect(await store.get('kaspi.pfx')).toBe(first);
      expect([...keyring.entries.keys()].sort()).toEqual(stored);
    }
    await store.set('kaspi.pfx', second);
    expect(await store.get('kaspi.pfx')).toBe(second);
    await store.set('kaspi.pfx', first);
    expect(await store.get('kaspi.pfx')).toBe(first);
    expect([...keyring.entries.keys()].sort()).toEqual(['kaspi.pfx', 'kaspi.pfx#a1', 'kaspi.pfx#a2', 'kaspi.pfx#a3', 'kaspi.pfx#a4']) // a, b, a again;
    await store.set('kaspi.pfx', 'short');
    expect([...keyring.entries.keys()]).toEqual(['kaspi.pfx']);
    await store.delete('kaspi.pfx');
    expect(keyring.entries.size).toBe(0);
  });

  it('a new value stands when only removing the old parts fails; an unreadable keyring is not written', async () => {
    const keyring = memoryKeyring();
    const log = memoryLogger();
    const opened = await openKeyringSecretStore({ log, load: async () => keyring.module, probe: async () => ({ ok: true }), chunkSize: 1000 });
    if (!opened.ok) throw new Error(opened.reason);
    await opened.store.set('kaspi.pfx', 'A'.repeat(2500));
    const { AsyncEntry } = keyring.module;
    keyring.module.AsyncEntry = class extends AsyncEntry {
      override deleteCredential = async (): Promise<boolean> => {
        throw new Error('keyring timed out');
      };
    };
    await opened.store.set('kaspi.pfx', 'B'.repeat(2500)); // resolves: the head points at the new parts
    expect(await opened.store.get('kaspi.pfx')).toBe('B'.repeat(2500));
    expect(log.lines.map((l) => l.message)).toContain('old parts of a secret could not be removed from the OS keyring');
    keyring.module.AsyncEntry = class extends AsyncEntry {
      override getPassword = async (): Promise<string | null> => {
        throw new Error('keyring locked');
      };
    };
    await expect(opened.store.set('kaspi.pfx', 'C'.repeat(2500))).rejects.toThrow(/locked/);
    keyring.module.AsyncEntry = AsyncEntry;
    expect(await opened.store.get('kaspi.pfx')).toBe('B'.repeat(2500));
  });

  it('still reads, and replaces, a value stored in parts without a slot (as first written)', async () => {
    const keyring = memoryKeyring();
    keyring.entries.set('kaspi.pfx', '\u0000kassa-chunks:2');
    keyring.entries.set('kaspi.pfx#1', 'x'.repeat(1000));
    keyring.entries.set('kaspi.pfx#2', 'y'.repeat(10));
    const opened = await openKeyringSecretStore({ log: memoryLogger(), load: async () => keyring.module, probe: async () => ({ ok: true }), chunkSize: 1000 });
    if (!opened.ok) throw new Error(opened.reason);
    expect(await opened.store.get('kaspi.pfx')).toBe(`${'x'.repeat(1000)}${'y'.repeat(10)}`);
    await opened.store.set('kaspi.pfx', 'z'.repeat(1500));
    expect(await opened.store.get('kaspi.pfx')).toBe('z'.repeat(1500));
    expect([...keyring.entries.keys()].sort()).toEqual(['kaspi.pfx', 'kaspi.pfx#a1', 'kaspi.pfx#a2']);
  });
});

describe('KeyringSecretStore in the real OS keyring', () => {
  it.skipIf(!opened.ok)(`round-trips, overwrites and deletes every secret ${SKIP_REASON}`, async () => {
    if (!opened.ok) return;
    const store = opened.store;
    expect(store).toMatchObject({ kind: 'keyring', secure: true, writable: true });
    const values = { 'kaspi.apiKey': `key-${randomUUID()}`, 'kaspi.pfx': PFX, 'kaspi.pfxPassphrase': 'Пароль №1 "quoted"' };
    for (const name of SECRET_NAMES) expect(await store.get(name)).toBeNull();
    for (const name of SECRET_NAMES) await store.set(name, values[name]);
    for (const name of SECRET_NAMES) expect(await store.get(name)).toBe(values[name]);
    await store.set('kaspi.apiKey', 'second');
    expect(await store.get('kaspi.apiKey')).toBe('second');
    for (const name of SECRET_NAMES) await store.delete(name);
    for (const name of SECRET_NAMES) expect(await store.get(name)).toBeNull();
    await store.delete('kaspi.apiKey'); // deleting what is not there is fine
  });

  it.skipIf(!opened.ok)(`splits long values into parts and leaves no parts behind ${SKIP_REASON}`, async () => {
    const log = memoryLogger();
    const chunked = await openKeyringSecretStore({ log, service: SERVICE, chunkSize: 1000 });
    if (!chunked.ok) throw new Error(chunked.reason);
    const store = chunked.store;
    const { AsyncEntry } = (await import('@napi-rs/keyring')) as unknown as KeyringModule;
    const part = (i: number, slot = 'a') => new AsyncEntry(SERVICE, `kaspi.pfx#${slot}${i}`, { linux: { store: 'secret-service' } }).getPassword();

    await store.set('kaspi.pfx', PFX); // 4000 characters -> 4 parts
    expect(await store.get('kaspi.pfx')).toBe(PFX);
    expect(await part(4)).toBe(PFX.slice(3000));
    await store.set('kaspi.pfx', PFX.slice(0, 1500)); // 2 parts in the other slot: the 4 old ones go
    expect(await store.get('kaspi.pfx')).toBe(PFX.slice(0, 1500));
    expect(await part(2, 'b')).toBe(PFX.slice(1000, 1500));
    expect(await part(1)).toBeNull();
    await store.set('kaspi.pfx', 'short'); // one entry, no parts
    expect(await store.get('kaspi.pfx')).toBe('short');
    expect(await part(1, 'b')).toBeNull();
    await store.set('kaspi.pfx', PFX);
    await store.delete('kaspi.pfx');
    expect(await store.get('kaspi.pfx')).toBeNull();
    expect(await part(1)).toBeNull();
    expect(log.lines).toEqual([]);
  });

  it.skipIf(!opened.ok)(`reports a missing part as "not configured" without the value in the log ${SKIP_REASON}`, async () => {
    const log = memoryLogger();
    const chunked = await openKeyringSecretStore({ log, service: SERVICE, chunkSize: 1000 });
    if (!chunked.ok) throw new Error(chunked.reason);
    const { AsyncEntry } = (await import('@napi-rs/keyring')) as unknown as KeyringModule;
    await chunked.store.set('kaspi.pfx', PFX);
    await new AsyncEntry(SERVICE, 'kaspi.pfx#a2', { linux: { store: 'secret-service' } }).deleteCredential();
    expect(await chunked.store.get('kaspi.pfx')).toBeNull();
    expect(log.lines).toEqual([
      { level: 'warn', message: 'secret could not be read from the OS keyring', fields: { secret: 'kaspi.pfx', error: 'part 2 missing' } },
    ]);
    await chunked.store.delete('kaspi.pfx');
  });
});
