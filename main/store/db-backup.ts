// Copies of the database in backups/ beside it: one before a migration changes its schema, and one a
// day while the till runs (SQLite's online backup: a consistent copy under WAL, the till keeps
// working). The newest KEEP_BACKUPS stay. A damaged or lost kassa.db is restored from here.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database.js';

export const BACKUPS_DIR = 'backups';
export const KEEP_BACKUPS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const CLOCK_SLACK_MS = 60 * 60 * 1000;

function backupsDir(db: Db): string {
  return join(dirname(db.name), BACKUPS_DIR);
}

function newPath(db: Db, tag: string, now: Date): string {
  const dir = backupsDir(db);
  mkdirSync(dir, { recursive: true });
  return join(dir, `kassa-${now.toISOString().replace(/[:.]/g, '-')}-${tag}.db`);
}

/** The complete backups, newest first (an empty file, a copy still being written: not backups). */
export function listBackups(db: Db): { path: string; mtimeMs: number }[] {
  return backupsIn(backupsDir(db));
}

/** listBackups for the database file `file`, opened or not. */
export function backupsOf(file: string): { path: string; mtimeMs: number }[] {
  return backupsIn(join(dirname(file), BACKUPS_DIR));
}

function backupsIn(dir: string): { path: string; mtimeMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^kassa-.*\.db$/.test(name));
  } catch {
    return [];
  }
  const found: { path: string; mtimeMs: number }[] = [];
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.size > 0) found.push({ path: join(dir, name), mtimeMs: stat.mtimeMs });
    } catch {
      // pruned meanwhile by another Kassa program
    }
  }
  // Dated in the future (the clock was wrong when it was made): taken for the oldest, so it neither
  // holds the daily copy off nor outlives real copies when pruning.
  const key = (b: { mtimeMs: number }) => (b.mtimeMs > Date.now() + CLOCK_SLACK_MS ? -Infinity : b.mtimeMs);
  return found.sort((a, b) => key(b) - key(a));
}

function prune(db: Db, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(db).slice(keep)) rmSync(old.path, { force: true });
  // what a crash left of a copy being written (an hour old: none is being written now)
  const dir = backupsDir(db);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no copies yet
  }
  for (const name of names.filter((n) => n.endsWith('.partial'))) {
    try {
      if (Date.now() - statSync(join(dir, name)).mtimeMs > CLOCK_SLACK_MS) rmSync(join(dir, name), { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Synchronous (VACUUM INTO), before the first migration of an existing database is applied — once per
 * schema version: a start that fails to migrate and is tried again does not push real backups out.
 */
export function backupBeforeMigration(db: Db, fromVersion: number, now = new Date()): string | null {
  if (listBackups(db).some((b) => b.path.endsWith(`-v${fromVersion}.db`))) return null;
  const path = newPath(db, `v${fromVersion}`, now);
  written(path, (partial) => {
    db.prepare('VACUUM INTO ?').run(partial);
    newInstanceTag(partial);
  });
  prune(db);
  return path;
}

/**
 * The day's copy, unless one from the last 24 hours exists; null when none was needed. A copy dated
 * in the future (the clock was wrong then) does not count: it would hold the backups off for months.
 */
export async function dailyBackup(db: Db, now = new Date()): Promise<string | null> {
  if (db.memory) return null;
  retagOlderCopies(db);
  const newest = listBackups(db).find((b) => b.mtimeMs <= Math.max(now.getTime(), Date.now()) + CLOCK_SLACK_MS);
  if (newest && now.getTime() - newest.mtimeMs < DAY_MS) return null;
  // Room made first: a disk that holds the database and KEEP_BACKUPS copies but not one more would
  // otherwise refuse every day's copy from then on, the newest growing older unseen.
  prune(db, KEEP_BACKUPS - 1);
  const path = newPath(db, 'daily', now);
  const partial = `${path}.partial`;
  try {
    await db.backup(partial);
    newInstanceTag(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  prune(db);
  return path;
}

/**
 * A copy gets a random tag of its own (migration 8): put back in place of kassa.db, its sale numbers
 * go on from the copy's, and with the old tag the next sales would send Kaspi ExternalIds it had
 * already seen from the sales made after the copy — answered with the old purchase, perhaps.
 */
function newInstanceTag(copy: string, onlyIf?: unknown): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kassa_meta'").get();
    if (hasMeta) {
      const where = onlyIf === undefined ? '' : ' AND value = ?';
      db.prepare(`UPDATE kassa_meta SET value = lower(hex(randomblob(3))) WHERE key = 'instance'${where}`).run(...(onlyIf === undefined ? [] : [onlyIf]));
    }
  } finally {
    db.close();
  }
}

/**
 * Copies made before copies got a tag of their own (or copied in by hand) still carry this database's:
 * they get one. Each keeps its time (by which the daily copy is due and the oldest pruned), and the
 * one connection that rewrites it, closed last, takes its -wal/-shm with it.
 */
function retagOlderCopies(db: Db): void {
  const ours = db.prepare("SELECT value FROM kassa_meta WHERE key = 'instance'").pluck().get();
  for (const { path } of listBackups(db)) {
    try {
      const { atime, mtime } = statSync(path);
      newInstanceTag(path, ours);
      utimesSync(path, atime, mtime);
    } catch {
      // a copy that cannot be read or written is left as it is (the next check tries again)
    }
  }
}

/** Written under a temporary name and renamed into place: a failed or cut copy is never taken for a backup. */
function written(path: string, write: (partial: string) => void): void {
  const partial = `${path}.partial`;
  try {
    write(partial);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

