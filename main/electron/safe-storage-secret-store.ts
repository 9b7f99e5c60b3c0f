// Kaspi credentials for the Electron app: encrypted with Electron's safeStorage (Keychain on macOS,
// DPAPI on Windows, the Secret Service or KWallet on Linux) and kept as base64 ciphertext in an
// electron-store file of its own (<userData>/secrets.json). The file never holds a plaintext; it
// needs no `encryptionKey` of its own (that would only be a key stored next to the lock).
//
// On Linux without a keyring, Chromium falls back to `basic_text`: a fixed, public key. Saving
// still works there, but `secure` is false so the app can warn the cashier before accepting it.
import { app, safeStorage } from 'electron';
import Store from 'electron-store';
import { SECRET_NAMES, type SecretName, type SecretStore } from '../services/secrets/secret-store.js';
import { shellLog } from './shell-log.js';

type Ciphertexts = Partial<Record<SecretName, string>>;

/** The part of electron-store used here; tests may pass a file-backed stand-in. */
export interface CiphertextFile {
  get(name: SecretName): unknown;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

export interface SafeStorageOptions {
  /** electron-store file name, without `.json`. */
  name?: string;
  /** Where problems are reported: names and error texts only, never a value or a ciphertext. */
  log?: (message: string) => void;
  /** For tests: the platform whose rules apply (`secure` differs on Linux). */
  platform?: NodeJS.Platform;
}

/**
 * Opens the safeStorage-backed store. Waits for `app` ready (safeStorage needs it). Throws only if the
 * file cannot be opened at all; the caller then falls back to env-only.
 */
export async function openSafeStorageSecretStore(options: SafeStorageOptions = {}): Promise<SafeStorageSecretStore> {
  await app.whenReady();
  const log = options.log ?? ((message: string) => shellLog.error(message));
  const writable = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  const platform = options.platform ?? process.platform;
  const secure =
    platform === 'linux' ? !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend()) : writable;
  const file = new Store<Ciphertexts>({
    name: options.name ?? 'secrets',
    // Our names contain dots: keep them flat keys, not nested objects.
    accessPropertiesByDotNotation: false,
    // Owner-only, even though it holds ciphertext only.
    configFileMode: 0o600,
    // A damaged file must not keep the till from starting; its ciphertexts are lost either way.
    clearInvalidConfig: true,
  });
  return new SafeStorageSecretStore(file, { secure, writable }, log);
}

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage';
  readonly secure: boolean;
  readonly writable: boolean;

  constructor(
    private readonly file: CiphertextFile,
    state: { secure: boolean; writable: boolean },
    private readonly log: (message: string) => void,
  ) {
    this.secure = state.secure;
    this.writable = state.writable;
  }

  async get(name: SecretName): Promise<string | null> {
    assertName(name);
    const stored = this.file.get(name);
    if (stored === undefined || stored === null) return null;
    try {
      if (typeof stored !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(stored)) throw new Error('not base64');
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      // The OS key was rotated or upgraded: store it again under the current key (best effort).
      if (shouldReEncrypt) await this.set(name, result).catch(() => this.log(`secret ${name}: re-encryption failed`));
      return result;
    } catch (error) {
      // Wrong key (profile copied from another machine/user), damaged file: "not configured".
      // The error text comes from Electron's decryptor or the check above, never the value.
      this.log(`secret ${name} could not be decrypted (${error instanceof Error ? error.message : 'unknown error'})`);
      return null;
    }
  }

  async set(name: SecretName, value: string): Promise<void> {
    assertName(name);
    if (!this.writable) throw new Error('encryption is not available on this machine');
    const ciphertext = await safeStorage.encryptStringAsync(value);
    this.file.set(name, Buffer.from(ciphertext).toString('base64'));
  }

  async delete(name: SecretName): Promise<void> {
    assertName(name);
    this.file.delete(name);
  }
}

function assertName(name: string): asserts name is SecretName {
  if (!(SECRET_NAMES as readonly string[]).includes(name)) throw new Error(`unknown secret: ${name}`);
}
