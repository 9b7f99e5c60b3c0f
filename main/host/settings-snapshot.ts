// settings.json as it was before `kassa serve --live` rewrote it: put back when going live fails, so
// that a mistyped flag or a refused key does not turn a working live till into an unregistered demo one.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SettingsSnapshot {
  /** Writes the earlier file back (or removes the one a first start made); false when it could not. */
  putBack(): boolean;
}

export function keepSettingsAside(dataDir: string): SettingsSnapshot {
  const file = join(dataDir, 'settings.json');
  const before = existsSync(file) ? readFileSync(file) : null;
  return {
    putBack() {
      try {
        if (before === null) {
          rmSync(file, { force: true });
        } else {
          const temporary = `${file}.restore`;
          writeFileSync(temporary, before, { mode: 0o600 });
          renameSync(temporary, file); // whole or not at all
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}
