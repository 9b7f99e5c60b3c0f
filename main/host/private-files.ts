// Everything Kassa writes — the sales database and its WAL, settings (with Kaspi's DeviceToken),
// logs, backups, uploads, exports — is for the shop's own account only. On POSIX the process creates
// files 0600 and folders 0700 whatever the login's umask, so other local users of a shared till
// cannot read them. Windows: %APPDATA% is per-user by its ACLs.
export function keepFilesPrivate(): void {
  if (process.platform === 'win32') return;
  process.umask(process.umask() | 0o077);
}
