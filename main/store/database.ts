// Opens the SQLite database: WAL, foreign keys, a quick check, the numbered migrations, a write probe.
// Whatever stops it is a DatabaseOpenError saying why — damaged, newer than this Kassa, not
// writable, disk full — so the till can tell the manager what to do instead of failing later.
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupBeforeMigration, backupsOf } from './db-backup.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

export type Db = Database.Database;

/** What the -wal is cut back to after a checkpoint (SQLite's default autocheckpoint is ~4 MB of pages). */
export const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

export type DatabaseOpenReason = 'corrupt' | 'newer' | 'unwritable' | 'disk_full' | 'busy' | 'missing';

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: DatabaseOpenReason,
    readonly details: string,
  ) {
    super(`${REASON_TEXT[reason]}: ${details}`);
  }
}

const REASON_TEXT: Record<DatabaseOpenReason, string> = {
  corrupt: 'the database is damaged',
  newer: 'the database was written by a newer Kassa',
  unwritable: 'the database cannot be written (a read-only file or folder, or no permission)',
  disk_full: 'the disk is full',
  busy: 'the database is busy (another Kassa program is writing to it)',
  missing: 'the database is missing or empty beside its backups or its write-ahead log',
};

/**
 * kassa.db missing or empty where a till has been in use — copies in backups/, or a -wal left without
 * its database (a failed copy over it, a sync tool, a hand that deleted it). Opened, SQLite would start
 * a new empty till without a word (dropping that -wal), and a week of daily copies would push the last
 * one with the shop's history out. A first start has neither.
 */
function lostDatabase(file: string): boolean {
  const size = (path: string): number => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) === 0 && (size(`${file}-wal`) > 0 || backupsOf(file).length > 0);
}

function reasonOf(error: unknown): DatabaseOpenReason | null {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'corrupt';
  // SQLITE_IOERR_SHMSIZE: the WAL index (-shm) could not grow, the first thing a full disk refuses
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE') return 'disk_full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || ['EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR'].includes(code)) return 'unwritable';
  return null;
}

/** The error as a DatabaseOpenError when it is one of the reasons a data folder cannot be used; else as it came. */
export function asOpenError(error: unknown): unknown {
  if (error instanceof DatabaseOpenError) return error;
  const reason = reasonOf(error);
  return reason === null ? error : new DatabaseOpenError(reason, (error as Error).message);
}

/**
 * @param options.write false for a reader (`kassa reconcile`): no check that the file can be written,
 *   so a read-only copy can still be reconciled.
 */
export function openDatabase(file: string, migrations: Migration[] = allMigrations, options: { write?: boolean } = {}): Db {
  let db: Db;
  try {
    if (file !== ':memory:') {
      if (lostDatabase(file)) throw new DatabaseOpenError('missing', file);
      mkdirSync(dirname(file), { recursive: true });
    }
    db = new Database(file);
  } catch (error) {
    throw asOpenError(error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // money: a committed sale must survive a power cut
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A big import grows the -wal to hundreds of MB; once checkpointed, the next write brings it back to this
    // (it otherwise stayed that size for as long as the till ran)
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // Every page and record read once (not every index matched against its table, which takes
    // seconds on a year of imported rows): damage is found before a sale is written on it.
    const check = db.pragma('quick_check') as { quick_check: string }[];
    const problems = check.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseOpenError('corrupt', problems.join('; '));
    migrate(db, migrations);
    if (options.write !== false) probeWrite(file);
    return db;
  } catch (error) {
    db.close();
    throw asOpenError(error);
  }
}

/**
 * A read-only file (or folder: WAL needs its -wal and -shm beside it) opens without complaint; find
 * out now, not at the first sale. Asked of the file system, so no lock is taken: an import writing
 * beside the till does not make the open wait.
 */
function probeWrite(file: string): void {
  if (file === ':memory:') return;
  accessSync(file, constants.W_OK);
  accessSync(dirname(file), constants.W_OK);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseOpenError('newer', `schema ${current}, this Kassa knows up to ${latest}`);
  // A database with data gets a copy before its schema changes (a failed upgrade loses nothing).
  if (current > 0 && current < latest && !db.memory) backupBeforeMigration(db, current);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

function openForSnapshot(file: string, readonly: boolean): Db {
  const db = new Database(file, { readonly, fileMustExist: true });
  try {
    if (!readonly) db.pragma('schema_version'); // read now: a folder it cannot write fails here, not in VACUUM INTO
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A consistent copy of the database at `file`: nothing of it is changed. */
export function snapshotDatabase(file: string, dest: string): void {
  let source: Db;
  try {
    // Read-write when it may be: closed as the last connection, it takes the -wal and -shm files it made
    // with it (a dry run leaves the data folder as it found it); a read-only copy is read read-only.
    source = openForSnapshot(file, false);
  } catch (error) {
    try {
      source = openForSnapshot(file, true);
    } catch {
      throw asOpenError(error);
    }
  }
  try {
    source.prepare('VACUUM INTO ?').run(dest);
  } catch (error) {
    throw asOpenError(error);
  } finally {
    source.close();
  }
}
