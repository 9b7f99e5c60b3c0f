// After a large import the write-ahead log holds every page it wrote (~350 MB for 10^6 rows).
// SQLite would copy it into the database file inside the committing call (auto-checkpoint), on the
// thread that serves the till; instead the import turns that off for its commit and the copy runs
// here, in a worker thread, as a PASSIVE checkpoint — it never waits for or blocks the till's
// readers and writers, and the batch is already durable in the log either way.
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { startImportWorker } from './worker-start.js';

export interface CheckpointResult {
  busy: number;
  /** Frames in the log. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

/** One PASSIVE checkpoint of the database at `dbPath` through a connection of its own. */
export function walCheckpoint(dbPath: string): CheckpointResult {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
  } finally {
    db.close();
  }
}

/** Runs the checkpoint in a worker (in this thread if none starts). Never rejects. */
export function checkpointInBackground(dbPath: string, log: Logger, script?: string): Promise<CheckpointResult | null> {
  const inline = (): CheckpointResult | null => {
    try {
      return walCheckpoint(dbPath);
    } catch (error) {
      log.warn('checkpoint after import failed', { message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  let worker;
  try {
    worker = startImportWorker({ task: 'checkpoint', dbPath }, script);
  } catch {
    return Promise.resolve(inline());
  }
  return new Promise((resolve) => {
    let heard = false;
    worker.on('message', (message: { checkpoint: CheckpointResult } | { error: string }) => {
      heard = true;
      if ('error' in message) {
        log.warn('checkpoint after import failed', { message: message.error });
        resolve(null);
      } else resolve(message.checkpoint);
    });
    worker.on('error', (error) => {
      if (!heard) resolve(inline()); // the worker never ran
      else log.warn('checkpoint worker failed', { message: error.message });
    });
    worker.on('exit', () => resolve(null)); // no-op once resolved
  });
}
