// One running Kassa per data folder. Two (the desktop app and `kassa serve`, or two serves) would
// both watch the same sales and refunds and could ask Kaspi twice. The lock is an exclusive SQLite
// transaction held on `kassa.lock` for the process's life: the operating system drops it when the
// process ends, even by kill -9 or a power cut, so a stale lock never blocks the next start. The
// `kassa import` / `kassa reconcile` commands do not take it: SQLite's own locking lets them share
// the database with a running till.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { asOpenError } from './database.js';

export const LOCK_FILE = 'kassa.lock';
/** A lock just dropped by a killed process may take a moment to be released (Windows). */
const WAIT_MS = 2000;

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`another Kassa is already running with the data folder ${dataDir}`);
    this.name = 'DataDirInUseError';
  }
}

/** Takes the data folder's lock or throws DataDirInUseError; returns the release. */
export function lockDataDir(dataDir: string): () => void {
  let db: Database.Database;
  try {
    db = new Database(join(dataDir, LOCK_FILE), { timeout: WAIT_MS });
  } catch (error) {
    throw asOpenError(error); // a folder that cannot be written (not ours, read-only), a full disk: said in words
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir);
    throw asOpenError(error);
  }
  return () => {
    if (!db.open) return;
    db.exec('ROLLBACK');
    db.close();
  };
}
