// After a large import the write-ahead log holds every page it wrote (~350 MB for 10^6 rows).
// SQLite would copy it into the database file inside the committing call (auto-checkpoint), on the
// thread that serves the till; instead the import turns that off for its commit and the copy runs
// here, in a worker thread, as a PASSIVE checkpoint — it never waits for or blocks the till's
// readers and writers, and the batch is already durable in the log either way.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import type { Logger } from '../logger.js';
import { startImportWorker } from './worker-start.js';

/** The SQLite addon, loaded on first use: a parse worker (same bundle) never loads it. */
const openSqlite = (path: string): Database.Database => {
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new Sqlite(path, { fileMustExist: true });
};

export interface CheckpointResult {
  busy: number;
  /** Frames in the log. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

/** One PASSIVE checkpoint of the database at `dbPath` through a connection of its own. */
export function walCheckpoint(dbPath: string): CheckpointResult {
  const db = openSqlite(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    return (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
  } finally {
    db.close();
  }
}

/**
 * Runs the checkpoint in a worker; in this thread only if no worker can load here. Resolves with
 * the checkpoint's figures, or null when it failed (logged). Never rejects.
 */
export function checkpointInBackground(dbPath: string, log: Logger, script?: string): Promise<CheckpointResult | null> {
  const here = (): CheckpointResult | null => {
    try {
      return walCheckpoint(dbPath);
    } catch (error) {
      log.warn('checkpoint after import failed', { message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  return new Promise((resolve) => {
    let answered = false;
    const worker = startImportWorker(
      { task: 'checkpoint', dbPath },
      {
        onMessage: (message) => {
          answered = true;
          const m = message as { checkpoint: CheckpointResult } | { error: string };
          if ('error' in m) log.warn('checkpoint after import failed', { message: m.error });
          resolve('error' in m ? null : m.checkpoint);
        },
        onFailure: (error, ready) => {
          if (answered) return; // the worker's normal exit
          if (!ready) return resolve(here());
          log.warn('checkpoint worker failed', { message: error.message });
          resolve(null);
        },
      },
      script,
    );
    if (worker === null) resolve(here());
  });
}
