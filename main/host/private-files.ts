// Everything Kassa writes — the sales database and its WAL, settings (with Kaspi's DeviceToken),
// logs, backups, uploads, exports — is for the shop's own account only. On POSIX the process creates
// files 0600 and folders 0700 whatever the login's umask, so other local users of a shared till
// cannot read them. Windows: %APPDATA% is per-user by its ACLs.
import { chmodSync, statSync } from 'node:fs';

export function keepFilesPrivate(): void {
  if (process.platform === 'win32') return;
  process.umask(process.umask() | 0o077);
}

/**
 * A data folder made before Kassa kept its files private (0755, its database and settings 0644) is
 * closed to other users: the folder 0700 makes everything in it unreadable to them.
 */
export function closeDataDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  } catch {
    // not ours to change (another owner): left as it is
  }
}
