// Where Kaspi credentials live. Implementations: Electron's safeStorage (main/electron), the OS
// keyring (kassa serve), or nothing writable (environment variables only). Values never leave main.

export const SECRET_NAMES = ['kaspi.apiKey', 'kaspi.pfx', 'kaspi.pfxPassphrase'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretStore {
  readonly kind: 'safe-storage' | 'keyring' | 'env-only';
  /** false when the backend does not really protect secrets (Linux's basic_text safeStorage backend). */
  readonly secure: boolean;
  /** false when nothing can be saved (no keyring on this machine): secrets come from the environment only. */
  readonly writable: boolean;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** A store that holds nothing: used where no keyring exists; the environment variables still work. */
export const envOnlyStore: SecretStore = {
  kind: 'env-only',
  secure: true,
  writable: false,
  get: async () => null,
  set: async () => {
    throw new Error('no secret store on this machine');
  },
  delete: async () => {},
};
