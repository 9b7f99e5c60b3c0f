// A writable secret store in memory (the keyring of a till), optionally holding values already.
import type { SecretName, SecretStore } from '../../main/services/secrets/secret-store.js';

export function memoryStore(held: Partial<Record<SecretName, string>> = {}): SecretStore {
  const values = new Map<SecretName, string>(Object.entries(held) as [SecretName, string][]);
  return {
    kind: 'keyring',
    secure: true,
    writable: true,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}
