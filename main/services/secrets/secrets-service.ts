// Kaspi credentials: read from the environment (headless use) or the secret store, written only to
// the store. The renderer learns "configured", where from, and a masked hint — never a value.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { toAlmatyIso } from '../../../shared/almaty-time.js';
import { apiKeyText } from '../../../shared/contract.js';
import type { SecretState } from '../../../shared/domain.js';
import { AppError } from '../app-error.js';
import type { Logger } from '../logger.js';
import type { SecretName, SecretStore } from './secret-store.js';

export interface KaspiCertificate {
  pfx: Buffer;
  passphrase: string;
}

/** Headless configuration (documented in the README). Environment values win over the store. */
export const SECRET_ENV = {
  apiKey: 'KASSA_KASPI_API_KEY',
  pfxPath: 'KASSA_KASPI_PFX',
  pfxPassphrase: 'KASSA_KASPI_PFX_PASSPHRASE',
} as const;

/** The environment minus Kassa's credential variables: what a child process (keyring probe, browser) gets. */
export function envWithoutSecrets(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('KASSA_KASPI_')));
}

/**
 * Takes Kassa's credential variables out of `env` (process.env: Electron copies it into every
 * renderer's preload) and returns the whole environment as it was, for the core alone.
 */
export function takeSecretEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const whole = { ...env };
  for (const key of Object.keys(env)) if (key.startsWith('KASSA_KASPI_')) delete env[key];
  return whole;
}

export class SecretsService {
  private apiKeyCache: string | null = null;
  private certificateCache: KaspiCertificate | null = null;
  private certificateName: string | null = null;

  constructor(
    readonly store: SecretStore,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads what is configured; call once at start and it keeps the values in main's memory only. */
  async load(certificateFileName: string | null): Promise<void> {
    const envKey = this.env[SECRET_ENV.apiKey]?.trim();
    this.apiKeyCache = envKey ? this.usableEnvKey(envKey) : await this.safeGet('kaspi.apiKey');
    this.certificateCache = null;
    this.certificateName = null;
    const envPath = this.env[SECRET_ENV.pfxPath];
    if (envPath) {
      try {
        this.certificateCache = { pfx: readFileSync(envPath), passphrase: this.env[SECRET_ENV.pfxPassphrase] ?? '' };
        this.certificateName = basename(envPath);
      } catch {
        this.log.error('the certificate file named by the environment cannot be read', { variable: SECRET_ENV.pfxPath });
      }
      return;
    }
    const pfx = await this.safeGet('kaspi.pfx');
    if (pfx) {
      this.certificateCache = { pfx: Buffer.from(pfx, 'base64'), passphrase: (await this.safeGet('kaspi.pfxPassphrase')) ?? '' };
      this.certificateName = certificateFileName;
    }
  }

  apiKey(): string | null {
    return this.apiKeyCache;
  }

  /**
   * A key from the environment as the Settings field would take it: one with a character no header may
   * carry (a zero-width space pasted with it, a Cyrillic look-alike) could never be sent, and every call
   * would read as "no connection". Not used, and the screen says the variable is unusable.
   */
  private usableEnvKey(key: string): string | null {
    if (apiKeyText.safeParse(key).success) return key;
    this.log.error('the Api-Key named by the environment has characters a key cannot have', { variable: SECRET_ENV.apiKey });
    return null;
  }

  certificate(): KaspiCertificate | null {
    return this.certificateCache;
  }

  /**
   * Set from the environment, the source is 'env' whether or not its value is usable (a file that cannot
   * be read, a malformed key): the store is not what is used then. Unusable, the hint names the variable.
   */
  state(): { apiKey: SecretState; certificate: SecretState } {
    const keyFromEnv = Boolean(this.env[SECRET_ENV.apiKey]?.trim());
    const pfxFromEnv = Boolean(this.env[SECRET_ENV.pfxPath]);
    return {
      apiKey: {
        configured: this.apiKeyCache !== null,
        source: keyFromEnv ? 'env' : this.apiKeyCache === null ? null : 'store',
        hint: this.apiKeyCache === null ? (keyFromEnv ? SECRET_ENV.apiKey : null) : maskKey(this.apiKeyCache),
      },
      certificate: {
        configured: this.certificateCache !== null,
        source: pfxFromEnv ? 'env' : this.certificateCache === null ? null : 'store',
        hint: this.certificateCache === null ? (pfxFromEnv ? SECRET_ENV.pfxPath : null) : this.certificateName ? this.certificateName.slice(0, 40) : null,
      },
    };
  }

  /** Set by an environment variable: what the store holds is not used, so it is not changed either. */
  private assertNotFromEnv(variable: string): void {
    if (this.env[variable]?.trim()) throw new AppError('secret_from_env', { variable });
  }

  async setApiKey(apiKey: string, riskAccepted: boolean): Promise<void> {
    this.assertNotFromEnv(SECRET_ENV.apiKey);
    this.assertWritable(riskAccepted);
    await this.change('kaspi.apiKey', () => this.store.set('kaspi.apiKey', apiKey));
    this.apiKeyCache = apiKey;
  }

  /** Checks that the PKCS#12 file opens with the passphrase before anything is saved. */
  async setCertificate(fileName: string, pfxBase64: string, passphrase: string, riskAccepted: boolean): Promise<void> {
    this.assertNotFromEnv(SECRET_ENV.pfxPath);
    this.assertWritable(riskAccepted);
    const pfx = Buffer.from(pfxBase64.replace(/\s+/g, ''), 'base64');
    let opened: ReturnType<typeof createSecureContext>;
    try {
      opened = createSecureContext({ pfx, passphrase });
    } catch (error) {
      // RC2-40 (OpenSSL 1.x, Windows' export default) opens with the right password in no OpenSSL 3
      // without its legacy provider: that is no wrong password, and retyping it never helps.
      if (/unsupported pkcs12/i.test(error instanceof Error ? error.message : '')) throw new AppError('certificate_legacy');
      throw new AppError('certificate_invalid');
    }
    assertValidNow(opened, this.now());
    // Two entries that only make sense together: if the second write fails, put the first one back.
    const previous = { pfx: await this.safeGet('kaspi.pfx'), passphrase: await this.safeGet('kaspi.pfxPassphrase') };
    await this.change('kaspi.pfx', () => this.store.set('kaspi.pfx', pfx.toString('base64')));
    try {
      await this.store.set('kaspi.pfxPassphrase', passphrase);
    } catch (error) {
      await (previous.pfx === null ? this.store.delete('kaspi.pfx') : this.store.set('kaspi.pfx', previous.pfx)).catch(() => {});
      this.log.error('saving the certificate failed; the previous one is kept', { name: 'kaspi.pfxPassphrase' });
      throw new AppError('secret_store_unavailable');
    }
    this.certificateCache = { pfx, passphrase };
    this.certificateName = fileName;
  }

  async clear(which: 'apiKey' | 'certificate'): Promise<void> {
    if (which === 'apiKey') {
      await this.change('kaspi.apiKey', () => this.store.delete('kaspi.apiKey'));
      if (!this.env[SECRET_ENV.apiKey]) this.apiKeyCache = null;
    } else {
      await this.change('kaspi.pfx', () => this.store.delete('kaspi.pfx'));
      await this.change('kaspi.pfxPassphrase', () => this.store.delete('kaspi.pfxPassphrase'));
      if (!this.env[SECRET_ENV.pfxPath]) {
        this.certificateCache = null;
        this.certificateName = null;
      }
    }
  }

  /** A write to the store; its failure (locked, unreachable keyring) is the user's secret_store_unavailable. */
  private async change(name: SecretName, operation: () => Promise<void>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      this.log.error('secret store write failed', { name, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
      throw new AppError('secret_store_unavailable');
    }
  }

  private assertWritable(riskAccepted: boolean): void {
    if (!this.store.writable) throw new AppError('secret_store_unavailable');
    if (!this.store.secure && !riskAccepted) throw new AppError('secret_store_insecure');
  }

  private async safeGet(name: SecretName): Promise<string | null> {
    try {
      return await this.store.get(name);
    } catch {
      this.log.warn('secret store read failed', { name });
      return null;
    }
  }
}

/** "test_…9f3a": enough to tell keys apart, useless to an attacker. */
export function maskKey(key: string): string {
  const prefix = /^(test|prod)_/.exec(key)?.[0] ?? '';
  return key.length <= 8 ? '••••' : `${prefix}…${key.slice(-4)}`;
}

/** A day as dd.mm.yyyy in Almaty. */
function almatyDay(ms: number): string {
  return toAlmatyIso(ms).slice(0, 10).split('-').reverse().join('.');
}

/**
 * A certificate outside its validity is refused with its date: saved, it would fail every handshake
 * with Kaspi, each read as "check the certificate and the address".
 */
function assertValidNow(context: SecureContext, nowMs: number): void {
  const der = (context.context as { getCertificate?: () => Buffer | null }).getCertificate?.();
  if (!der) return;
  const leaf = new X509Certificate(der);
  const [from, to] = [Date.parse(leaf.validFrom), Date.parse(leaf.validTo)];
  if (Number.isFinite(to) && nowMs > to) throw new AppError('certificate_expired', { date: almatyDay(to) });
  if (Number.isFinite(from) && nowMs < from) throw new AppError('certificate_not_yet_valid', { date: almatyDay(from) });
}
