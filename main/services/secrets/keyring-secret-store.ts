// Kaspi credentials in the OS keyring for `kassa serve` (plain Node): macOS Keychain, Windows
// Credential Manager, or a Secret Service on Linux (gnome-keyring, KWallet, KeePassXC), through
// @napi-rs/keyring. Service "Kassa <folder id>" (keyringServiceFor: one till's credentials per data
// folder, never another till's), account = the secret's name.
//
// Why the care around opening it:
// - On Linux we pin the Secret Service. The library's default silently falls back to the kernel
//   keyring, which lives in memory and is gone after a reboot: a till would "forget" its key.
// - The native binary is imported lazily, so a platform without a prebuilt binary degrades to
//   env-only instead of crashing the CLI.
// - The probe runs in a child process with a timeout: creating an entry talks to D-Bus
//   synchronously, and a bus that accepts but never answers blocks forever.
// - The probe writes and deletes a probe entry: a Secret Service that answers reads but has no
//   unlocked default collection (a headless box where D-Bus merely auto-started gnome-keyring)
//   cannot save anything, and the till should say so at startup, not when the cashier hits Save.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logger.js';
import { SECRET_NAMES, type SecretName, type SecretStore } from './secret-store.js';
import { envWithoutSecrets } from './secrets-service.js';

export const KEYRING_SERVICE = 'Kassa';

/**
 * The keyring service of one data folder: several tills on one machine (`--data-dir`) each keep their
 * own Api-Key and certificate — a key saved in one must never be read, sent or bound by another.
 * The id is a digest of the folder's real path — links followed, the letter case the disk keeps — so
 * the same folder however it is written is the same till (call once the folder exists); a folder moved
 * elsewhere asks for its keys again.
 */
export function keyringServiceFor(dataDir: string): string {
  return serviceOf(realFolder(dataDir));
}

/** The service a folder had before links were followed (its path as written): legacy-keyring.ts moves it. */
export function spelledServiceFor(dataDir: string): string {
  return serviceOf(resolve(dataDir));
}

const serviceOf = (path: string): string => `${KEYRING_SERVICE} ${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;

function realFolder(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return resolve(dir);
  }
}
const PROBE_ACCOUNT = 'kassa.probe';

/** The part of @napi-rs/keyring used here (its AsyncEntry class). */
export interface KeyringEntry {
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  deleteCredential(signal?: AbortSignal | null): Promise<boolean>;
}
export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } } | null) => KeyringEntry;
}

export interface KeyringOptions {
  log: Logger;
  /** Keyring service name; tests use their own. */
  service?: string;
  /** How long the startup probe may take before the keyring counts as unusable. */
  probeTimeoutMs?: number;
  /** Limit for each later get/set/delete (a locked keyring may show an unlock prompt). */
  operationTimeoutMs?: number;
  /**
   * Values longer than this are split over several entries (`<name>#1`, `<name>#2`, ...). Windows
   * Credential Manager holds at most 2560 bytes of UTF-16 per credential, and a PKCS#12 file in
   * base64 is usually longer. Default: 1000 characters on Windows, no splitting elsewhere.
   */
  chunkSize?: number;
  /** Loads the native library; replaced in tests to simulate a platform without a binary. */
  load?: () => Promise<KeyringModule>;
  /** Replaces the child-process probe (tests). */
  probe?: (service: string, timeoutMs: number) => Promise<ProbeResult>;
}

export type ProbeResult = { ok: true } | { ok: false; reason: string };
export type KeyringOpenResult = { ok: true; store: KeyringSecretStore } | { ok: false; reason: string };

const LINUX_ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };
// Marks a value stored in chunks. A NUL never occurs in an API key, base64 or a typed passphrase
// (set() refuses it), so a stored value can never be mistaken for the marker. The head reads
// `<marker><count>:<slot>`, the parts are `<name>#<slot>1` .. `<name>#<slot><count>`, slot a or b
// (a head without a slot, as first written, points at `<name>#1` ..). A new value goes into the
// slot the stored one does not use and the head switches only once all its parts are written, so a
// failure midway leaves the stored value whole.
const CHUNK_MARKER = '\u0000kassa-chunks:';

type Slot = '' | 'a' | 'b';
interface Chunks {
  count: number;
  slot: Slot;
}

/**
 * Opens the OS keyring, or explains why it cannot be used. Never throws; the reason names the
 * failure only (library or D-Bus error text), never a secret.
 */
export async function openKeyringSecretStore(options: KeyringOptions): Promise<KeyringOpenResult> {
  const service = options.service ?? KEYRING_SERVICE;
  let keyring: KeyringModule;
  try {
    keyring = await (options.load ?? loadKeyring)();
  } catch (error) {
    return { ok: false, reason: `keyring library unavailable: ${message(error)}` };
  }
  const probe = options.probe ?? probeKeyring;
  const probed = await probe(service, options.probeTimeoutMs ?? 5000).catch(
    (error: unknown): ProbeResult => ({ ok: false, reason: message(error) }),
  );
  if (!probed.ok) return { ok: false, reason: `OS keyring not usable: ${probed.reason}` };
  const chunkSize = options.chunkSize ?? (process.platform === 'win32' ? 1000 : Number.POSITIVE_INFINITY);
  return { ok: true, store: new KeyringSecretStore(keyring, service, options.log, chunkSize, options.operationTimeoutMs ?? 15_000) };
}

export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keyring';
  readonly secure = true;
  readonly writable = true;

  constructor(
    private readonly keyring: KeyringModule,
    readonly service: string,
    private readonly log: Logger,
    private readonly chunkSize: number,
    private readonly timeoutMs: number,
  ) {}

  /** The same keyring under another service name (legacy-keyring.ts reads the one all folders once shared). */
  withService(service: string): KeyringSecretStore {
    return new KeyringSecretStore(this.keyring, service, this.log, this.chunkSize, this.timeoutMs);
  }

  /** As get(), but a keyring that cannot be read now (locked, no answer, a part missing) throws instead of saying "none". */
  async read(name: SecretName): Promise<string | null> {
    assertName(name);
    const head = await this.readEntry(name);
    const chunks = head === null ? null : chunksOf(head);
    if (chunks === null) return head;
    const parts: string[] = [];
    for (let i = 1; i <= chunks.count; i++) {
      const part = await this.readEntry(partName(name, chunks.slot, i));
      if (part === null) throw new Error(`part ${i} missing`);
      parts.push(part);
    }
    return parts.join('');
  }

  async get(name: SecretName): Promise<string | null> {
    assertName(name);
    try {
      return await this.read(name);
    } catch (error) {
      // Locked, unreachable or damaged: report "not configured" and say why in the log.
      this.log.warn('secret could not be read from the OS keyring', { secret: name, error: message(error) });
      return null;
    }
  }

  async set(name: SecretName, value: string): Promise<void> {
    assertName(name);
    if (value.includes('\u0000')) throw new Error('a secret may not contain NUL characters');
    const old = await this.storedChunks(name);
    if (value.length <= this.chunkSize) {
      await this.write(name, value);
    } else {
      const slot: Slot = old?.slot === 'a' ? 'b' : 'a';
      const parts: string[] = [];
      for (let at = 0; at < value.length; at += this.chunkSize) parts.push(value.slice(at, at + this.chunkSize));
      try {
        for (const [i, part] of parts.entries()) await this.write(partName(name, slot, i + 1), part);
        await this.write(name, `${CHUNK_MARKER}${parts.length}:${slot}`);
      } catch (error) {
        await this.removeChunks(name, { slot, count: parts.length }).catch(() => {}); // the stored value stays as it was
        throw error;
      }
      await this.tidy(name, () => this.removeLeftovers(name, slot, parts.length + 1)); // of an earlier attempt that failed midway
    }
    if (old) await this.tidy(name, () => this.removeChunks(name, old));
  }

  async delete(name: SecretName): Promise<void> {
    assertName(name);
    const old = await this.storedChunks(name);
    await this.within((signal) => this.entry(name).deleteCredential(signal));
    if (old) await this.tidy(name, () => this.removeChunks(name, old));
  }

  /**
   * Where the stored value's parts are (null when whole, absent or its marker damaged): they go on
   * overwrite. A keyring that cannot be read now is not written either (the error goes up): a new
   * value could otherwise land in the slot the stored one uses.
   */
  private async storedChunks(name: SecretName): Promise<Chunks | null> {
    const head = await this.readEntry(name);
    try {
      return head === null ? null : chunksOf(head);
    } catch {
      return null;
    }
  }

  /** Removing parts the head no longer points at: a part left behind is logged, the change itself stands. */
  private async tidy(name: SecretName, removal: () => Promise<void>): Promise<void> {
    try {
      await removal();
    } catch (error) {
      this.log.warn('old parts of a secret could not be removed from the OS keyring', { secret: name, error: message(error) });
    }
  }

  private async removeChunks(name: SecretName, chunks: Chunks): Promise<void> {
    for (let i = 1; i <= chunks.count; i++) await this.within((signal) => this.entry(partName(name, chunks.slot, i)).deleteCredential(signal));
  }

  private async removeLeftovers(name: SecretName, slot: Slot, from: number): Promise<void> {
    for (let i = from; i <= MAX_CHUNKS; i++) {
      const existed = await this.within((signal) => this.entry(partName(name, slot, i)).deleteCredential(signal));
      if (!existed) return;
    }
  }

  private readEntry(account: string): Promise<string | null> {
    return this.within((signal) => this.entry(account).getPassword(signal));
  }

  private write(account: string, value: string): Promise<void> {
    return this.within((signal) => this.entry(account).setPassword(value, signal));
  }

  // Creating an entry connects to D-Bus synchronously on Linux; the probe has just shown it answers.
  private entry(account: string): KeyringEntry {
    return new this.keyring.AsyncEntry(this.service, account, LINUX_ENTRY_OPTIONS);
  }

  private async within<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`the OS keyring did not answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([operation(abort.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function loadKeyring(): Promise<KeyringModule> {
  const module = (await import('@napi-rs/keyring')) as unknown as KeyringModule & { default?: KeyringModule };
  return typeof module.AsyncEntry === 'function' ? module : module.default!;
}

// Runs in a separate Node process, so that a D-Bus call that never returns (a hung bus blocks in
// libdbus with no timeout) can be killed: a blocked worker thread could not be, and would keep even
// process.exit() waiting. Costs one short-lived `node` (~50 ms) at startup.
const PROBE_SOURCE = `
try {
  const keyring = await import(process.env.KASSA_KEYRING_MODULE);
  const { AsyncEntry } = keyring.default ?? keyring;
  const entry = new AsyncEntry(process.env.KASSA_KEYRING_SERVICE, '${PROBE_ACCOUNT}', { linux: { store: 'secret-service' } });
  await entry.getPassword();
  await entry.setPassword('probe');
  await entry.deleteCredential();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, reason: String((error && error.message) || error) }));
}
`;

/** Reads, writes and deletes the probe entry in a child process, within `timeoutMs`. */
export function probeKeyring(service: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let moduleUrl: string;
    try {
      moduleUrl = pathToFileURL(createRequire(import.meta.url).resolve('@napi-rs/keyring')).href;
    } catch (error) {
      resolve({ ok: false, reason: message(error) });
      return;
    }
    execFile(
      process.execPath,
      ['--input-type=module', '-e', PROBE_SOURCE],
      {
        // the probe needs the bus, not the key
        env: { ...envWithoutSecrets(), ELECTRON_RUN_AS_NODE: '1', KASSA_KEYRING_MODULE: moduleUrl, KASSA_KEYRING_SERVICE: service },
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout) => {
        if (error && (error.killed || error.signal)) {
          resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` });
          return;
        }
        try {
          const result = JSON.parse(stdout) as ProbeResult;
          resolve(result.ok ? { ok: true } : { ok: false, reason: String(result.reason) });
        } catch {
          resolve({ ok: false, reason: error ? message(error) : 'the probe printed no result' });
        }
      },
    );
  });
}

const MAX_CHUNKS = 1000;

/** The parts a head points at, or null when the head is the value itself. */
function chunksOf(head: string): Chunks | null {
  if (!head.startsWith(CHUNK_MARKER)) return null;
  const [count, slot = ''] = head.slice(CHUNK_MARKER.length).split(':');
  const n = Number(count);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CHUNKS || !['', 'a', 'b'].includes(slot)) throw new Error('damaged chunk marker');
  return { count: n, slot: slot as Slot };
}

function partName(name: SecretName, slot: Slot, i: number): string {
  return `${name}#${slot}${i}`;
}

function assertName(name: string): asserts name is SecretName {
  if (!(SECRET_NAMES as readonly string[]).includes(name)) throw new Error(`unknown secret: ${name}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
