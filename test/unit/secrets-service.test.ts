// SecretsService over a store that fails to write (a locked keyring, a full credential vault): the
// user gets secret_store_unavailable, the cached value stays as it was, the log names no value.
import { describe, expect, it } from 'vitest';
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
