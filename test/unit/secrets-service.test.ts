// SecretsService over a store that fails to write (a locked keyring, a full credential vault): the
// user gets secret_store_unavailable, the cached value stays as it was, the log names no value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCa, issueClientP12 } from '../../main/services/kaspi/simulator/test-pki.js';
import type { Logger } from '../../main/services/logger.js';
import type { SecretName, SecretStore } from '../../main/services/secrets/secret-store.js';
import { SecretsService } from '../../main/services/secrets/secrets-service.js';

function failingStore(held: Partial<Record<SecretName, string>>): SecretStore {
  return {
    kind: 'keyring',
    secure: true,
    writable: true,
    get: async (name) => held[name] ?? null,
    set: async () => {
      throw new Error('The name org.freedesktop.secrets was not provided');
    },
    delete: async () => {
      throw new Error('keyring locked');
    },
  };
}

describe('SecretsService writes that fail', () => {
  it('say secret_store_unavailable and keep the loaded key', async () => {
    const lines: string[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };
    const secrets = new SecretsService(failingStore({ 'kaspi.apiKey': 'test_old_key_0001' }), {}, log);
    await secrets.load(null);
    await expect(secrets.setApiKey('test_new_secret_key_42', false)).rejects.toMatchObject({ name: 'AppError', code: 'secret_store_unavailable' });
    expect(secrets.apiKey()).toBe('test_old_key_0001');
    await expect(secrets.clear('apiKey')).rejects.toMatchObject({ code: 'secret_store_unavailable' });
    expect(secrets.apiKey()).toBe('test_old_key_0001');
    await expect(secrets.setCertificate('c.p12', 'not a real certificate', '', false)).rejects.toMatchObject({ code: 'certificate_invalid' });
    expect(lines.length).toBe(2);
    expect(lines.join('\n')).not.toContain('test_new_secret_key_42');
    expect(lines.join('\n')).not.toContain('test_old_key_0001');
  });
});

describe('SecretsService: a certificate is checked before it is saved', () => {
  const store = (): SecretStore & { held: Map<string, string> } => {
    const held = new Map<string, string>();
    return { kind: 'keyring', secure: true, writable: true, held, get: async (n) => held.get(n) ?? null, set: async (n, v) => void held.set(n, v), delete: async (n) => void held.delete(n) };
  };
  const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
  const DAY = 86_400_000;

  it('out of its validity: refused with the date, nothing saved', async () => {
    const { p12, passphrase } = issueClientP12(createCa());
    const later = store();
    const expired = new SecretsService(later, {}, silent, () => Date.now() + 40 * 365 * DAY);
    await expect(expired.setCertificate('client.p12', p12.toString('base64'), passphrase, false)).rejects.toMatchObject({ code: 'certificate_expired', params: { date: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/) } });
    const early = new SecretsService(later, {}, silent, () => Date.now() - 10 * DAY);
    await expect(early.setCertificate('client.p12', p12.toString('base64'), passphrase, false)).rejects.toMatchObject({ code: 'certificate_not_yet_valid' });
    expect(later.held.size).toBe(0);
    const now = new SecretsService(later, {}, silent);
    await now.setCertificate('client.p12', p12.toString('base64'), passphrase, false);
    expect([...later.held.keys()].sort()).toEqual(['kaspi.pfx', 'kaspi.pfxPassphrase']);
  });

  it('an old RC2-encrypted .p12 with its right password is told apart from a wrong password', async () => {
    const legacy = readFileSync(new URL('../fixtures/certificates/legacy-rc2.p12', import.meta.url)).toString('base64');
    const secrets = new SecretsService(store(), {}, silent);
    await expect(secrets.setCertificate('old.p12', legacy, 'pass1234', false)).rejects.toMatchObject({ code: 'certificate_legacy' });
    const { p12 } = issueClientP12(createCa());
    await expect(secrets.setCertificate('client.p12', p12.toString('base64'), 'wrong', false)).rejects.toMatchObject({ code: 'certificate_invalid' });
  });
});

describe('SecretsService: a credential set by the environment', () => {
  const memory = (): SecretStore & { held: Map<string, string> } => {
    const held = new Map<string, string>();
    return { kind: 'keyring', secure: true, writable: true, held, get: async (n) => held.get(n) ?? null, set: async (n, v) => void held.set(n, v), delete: async (n) => void held.delete(n) };
  };
  const lines: string[] = [];
  const log: Logger = { info: () => {}, warn: () => {}, error: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };

  it('whose file cannot be read: shown as the variable to fix, not "not set"; a certificate saved here is refused, not "saved" and never used', async () => {
    const store = memory();
    const secrets = new SecretsService(store, { KASSA_KASPI_PFX: '/nonexistent/old-client.p12' }, log);
    await secrets.load(null);
    expect(secrets.state().certificate).toEqual({ configured: false, source: 'env', hint: 'KASSA_KASPI_PFX' });
    await expect(secrets.setCertificate('new.p12', 'AAAA', 'pw', false)).rejects.toMatchObject({ code: 'secret_from_env', params: { variable: 'KASSA_KASPI_PFX' } });
    expect(store.held.size).toBe(0);
  });

  it('an Api-Key with a character no header may carry (a zero-width space, a Cyrillic look-alike) is not used: the variable is named, never "no connection"', async () => {
    for (const key of ['test_0123456789abcdef\u200b0123456789abcdef', 'test_0123456789аbcdef']) {
      lines.length = 0;
      const secrets = new SecretsService(memory(), { KASSA_KASPI_API_KEY: key }, log);
      await secrets.load(null);
      expect(secrets.apiKey()).toBeNull();
      expect(secrets.state().apiKey).toEqual({ configured: false, source: 'env', hint: 'KASSA_KASPI_API_KEY' });
      expect(lines.join('\n')).not.toContain('0123456789');
    }
    const good = new SecretsService(memory(), { KASSA_KASPI_API_KEY: ' test_0123456789abcdef0123456789abcdef ' }, log);
    await good.load(null);
    expect(good.apiKey()).toBe('test_0123456789abcdef0123456789abcdef');
    expect(good.state().apiKey).toMatchObject({ configured: true, source: 'env' });
    // the store is not what is used: a key saved here is refused rather than "saved" and ignored
    await expect(good.setApiKey('test_ffffffffffffffff', false)).rejects.toMatchObject({ code: 'secret_from_env', params: { variable: 'KASSA_KASPI_API_KEY' } });
    expect(good.apiKey()).toBe('test_0123456789abcdef0123456789abcdef');
  });
});
