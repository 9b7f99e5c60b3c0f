// settings.json (and its last good copy) as they were before `kassa serve --live` rewrote them: put
// back when going live fails, so that a mistyped flag or a refused key does not turn a working live
// till into an unregistered demo one. Kept on disk until the outcome is known: a start interrupted
// meanwhile (Ctrl+C, kill -9, a power cut) is put back by the next `kassa serve`.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeWhole } from '../write-whole.js';
import { join } from 'node:path';

const FILES = ['settings.json', 'settings.backup.json'] as const;
const ASIDE = 'settings.before-live.json';

type Aside = Record<(typeof FILES)[number], string | null>; // base64, null: the file was not there

export interface SettingsSnapshot {
  /** Writes the earlier files back; false when it could not. Once: after it, or after done(), nothing. */
  putBack(): boolean;
  /** Going live worked: the copy is no longer needed. */
  done(): void;
}

/** Puts back what an interrupted `--live` start left aside; true when there was such a start. */
export function recoverInterruptedLiveStart(dataDir: string): boolean {
  const aside = join(dataDir, ASIDE);
  if (!existsSync(aside)) return false;
  let saved: Aside;
  try {
    saved = JSON.parse(readFileSync(aside, 'utf8')) as Aside;
  } catch {
    rmSync(aside, { force: true }); // cut while written: nothing had been changed yet
    return false;
  }
  restore(dataDir, saved);
  rmSync(aside, { force: true });
  return true;
}

export function keepSettingsAside(dataDir: string): SettingsSnapshot {
  recoverInterruptedLiveStart(dataDir);
  const saved = Object.fromEntries(
    FILES.map((name) => {
      const file = join(dataDir, name);
      return [name, existsSync(file) ? readFileSync(file).toString('base64') : null];
    }),
  ) as Aside;
  const aside = join(dataDir, ASIDE);
  writeWhole(aside, JSON.stringify(saved));
  let settled = false;
  return {
    putBack() {
      if (settled) return true;
      settled = true;
      try {
        restore(dataDir, saved);
        rmSync(aside, { force: true });
        return true;
      } catch {
        return false; // left aside: the next start puts it back
      }
    },
    done() {
      settled = true;
      rmSync(aside, { force: true });
    },
  };
}

function restore(dataDir: string, saved: Aside): void {
  for (const name of FILES) {
    const file = join(dataDir, name);
    const bytes = saved[name];
    if (bytes === null) rmSync(file, { force: true });
    else writeWhole(file, Buffer.from(bytes, 'base64'), 0o600);
  }
}

