// Which secret store `kassa serve` uses: the OS keyring when this machine has a usable one, else
// env-only (KASPI_* environment variables still work; saving from the settings screen does not).
import type { Logger } from '../logger.js';
import { openKeyringSecretStore, type KeyringOptions } from './keyring-secret-store.js';
import { envOnlyStore, type SecretStore } from './secret-store.js';

export async function pickServeSecretStore(
  log: Logger,
  options: Omit<KeyringOptions, 'log'> = {},
): Promise<SecretStore> {
  const opened = await openKeyringSecretStore({ ...options, log });
  if (opened.ok) {
    log.info('secrets: using the OS keyring', { store: 'keyring' });
    return opened.store;
  }
  // The reason is a library or D-Bus error text: it names what failed, never a secret.
  log.warn('secrets: no usable OS keyring, credentials come from the environment only', {
    store: 'env-only',
    reason: opened.reason,
  });
  return envOnlyStore;
}
