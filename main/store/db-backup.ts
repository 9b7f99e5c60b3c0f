// Copies of the database in backups/ beside it: one before a migration changes its schema, and one a
// day while the till runs (SQLite's online backup: a consistent copy under WAL, the till keeps
// working). The newest KEEP_BACKUPS stay. A damaged or lost kassa.db is restored from here.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './database.js';

export const BACKUPS_DIR = 'backups';
export const KEEP_BACKUPS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

function backupsDir(db: Db): string {
  return join(dirname(db.name), BACKUPS_DIR);
}

function newPath(db: Db, tag: string, now: Date): string {
  const dir = backupsDir(db);
  mkdirSync(dir, { recursive: true });
  return join(dir, `kassa-${now.toISOString().replace(/[:.]/g, '-')}-${tag}.db`);
}

/** The backups, newest first. */
export function listBackups(db: Db): { path: string; mtimeMs: number }[] {
  const dir = backupsDir(db);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^kassa-.*\.db$/.test(name));
  } catch {
    return [];
  }
  return names.map((name) => ({ path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs })).sort((a, b) => b.mtimeMs - a.mtimeMs);
}

function prune(db: Db): void {
  for (const old of listBackups(db).slice(KEEP_BACKUPS)) rmSync(old.path, { force: true });
}

/** Synchronous (VACUUM INTO), before the first migration of an existing database is applied. */
export function backupBeforeMigration(db: Db, fromVersion: number, now = new Date()): string {
  const path = newPath(db, `v${fromVersion}`, now);
  db.prepare('VACUUM INTO ?').run(path);
  prune(db);
  return path;
}

/** The day's copy, unless one from the last 24 hours exists; null when none was needed. */
export async function dailyBackup(db: Db, now = new Date()): Promise<string | null> {
  if (db.memory) return null;
  const newest = listBackups(db)[0];
  if (newest && now.getTime() - newest.mtimeMs < DAY_MS) return null;
  const path = newPath(db, 'daily', now);
  await db.backup(path);
  prune(db);
  return path;
}
