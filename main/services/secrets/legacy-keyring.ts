// Kaspi credentials `kassa serve` kept before each data folder had a keyring service of its own (all
// under "Kassa"): taken over, at start, by the folder that used them — an Api-Key this folder bound to
// a Kaspi address, a certificate this folder's settings name. Copied, not moved: another folder may
// have used the same ones; a folder that has its own already keeps them. Once per folder (a marker
// file says it was done): a key the manager removes later must not come back at the next start.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyPrint } from '../kaspi/api-key-destination.js';
import type { Logger } from '../logger.js';
import { KEYRING_SERVICE, spelledServiceFor, type KeyringSecretStore } from './keyring-secret-store.js';
import { SECRET_NAMES } from './secret-store.js';

export interface FolderSecretsUse {
  /** Prints of the Api-Keys this folder bound to an address (settings.json). */
  apiKeyBindings: Record<string, string>;
  /** The certificate file this folder saved (settings.json), null when none. */
  certificateFileName: string | null;
}

/** Takes over, once for this data folder, what the shared entry holds and the folder used. */
export async function adoptLegacySecretsOnce(dataDir: string, store: KeyringSecretStore, log: Logger): Promise<void> {
  await adoptSpelledService(dataDir, store, log);
  const marker = join(dataDir, ADOPTED_MARKER);
  if (existsSync(marker)) return;
  const use = folderSecretsUse(dataDir);
  if (use === null) return; // its settings cannot be read now: asked again at the next start
  if (!(await adoptLegacySecrets(store, store.withService(KEYRING_SERVICE), use, log))) return;
  try {
    writeFileSync(marker, 'The Kaspi credentials of the keyring entry all folders once shared were looked at.\n', { mode: 0o600 });
  } catch {
    // asked again at the next start: it only copies what this folder lacks
  }
}

/**
 * A folder reached through a link had its keys under its path as written until links were followed:
 * they are this folder's own, so they are moved (a key the manager removes later cannot come back).
 */
async function adoptSpelledService(dataDir: string, store: KeyringSecretStore, log: Logger): Promise<void> {
  const spelled = spelledServiceFor(dataDir);
  if (spelled === store.service) return;
  const use = folderSecretsUse(dataDir);
  if (use === null) return;
  const old = store.withService(spelled);
  if (!(await adoptLegacySecrets(store, old, use, log))) return;
  try {
    for (const name of SECRET_NAMES) await old.delete(name);
  } catch {
    // left there: copied only while this folder lacks them
  }
}

/** False when a keyring could not be read or written (the next start tries again). */
export async function adoptLegacySecrets(store: KeyringSecretStore, legacy: KeyringSecretStore, use: FolderSecretsUse, log: Logger): Promise<boolean> {
  try {
    if ((await store.read('kaspi.apiKey')) === null) {
      const key = await legacy.read('kaspi.apiKey');
      if (key !== null && Object.hasOwn(use.apiKeyBindings, keyPrint(key))) {
        await store.set('kaspi.apiKey', key);
        log.info('secrets: the Api-Key this folder used was taken over from an earlier keyring entry');
      }
    }
    // (a certificate without its password — a takeover cut short — is taken over again, whole)
    if (use.certificateFileName !== null && ((await store.read('kaspi.pfx')) === null || (await store.read('kaspi.pfxPassphrase')) === null)) {
      const [pfx, passphrase] = [await legacy.read('kaspi.pfx'), await legacy.read('kaspi.pfxPassphrase')];
      if (pfx !== null && passphrase !== null) {
        await store.set('kaspi.pfx', pfx);
        await store.set('kaspi.pfxPassphrase', passphrase);
        log.info('secrets: the certificate this folder used was taken over from an earlier keyring entry');
      }
    }
    return true;
  } catch (error) {
    // the folder's own store stays as it was; the manager can enter the credentials again
    log.warn('secrets: an earlier keyring entry could not be taken over', { error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

const ADOPTED_MARKER = 'keyring-shared-entry-checked';

/**
 * What this folder's settings say it used (read, never written, here): settings.json, or its last good
 * copy when it is damaged (as the settings service would fall back); nothing for a folder without
 * settings; null when neither can be read now.
 */
export function folderSecretsUse(dataDir: string): FolderSecretsUse | null {
  const settings = join(dataDir, 'settings.json');
  if (!existsSync(settings)) return { apiKeyBindings: {}, certificateFileName: null };
  for (const file of [settings, join(dataDir, 'settings.backup.json')]) {
    try {
      const kaspi = (JSON.parse(readFileSync(file, 'utf8')) as { kaspi?: Partial<FolderSecretsUse> }).kaspi ?? {};
      const bindings = kaspi.apiKeyBindings && typeof kaspi.apiKeyBindings === 'object' ? kaspi.apiKeyBindings : {};
      return { apiKeyBindings: bindings, certificateFileName: typeof kaspi.certificateFileName === 'string' ? kaspi.certificateFileName : null };
    } catch {
      // damaged or missing: the next one
    }
  }
  return null;
}
