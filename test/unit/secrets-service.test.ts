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
