// Opens the SQLite database: WAL, foreign keys, an integrity check, then the numbered migrations.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as allMigrations, type Migration } from './migrations.js';

export type Db = Database.Database;

export class DatabaseCorruptError extends Error {
  constructor(readonly details: string) {
    super(`database integrity check failed: ${details}`);
  }
}

export function openDatabase(file: string, migrations: Migration[] = allMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new DatabaseCorruptError((error as Error).message);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // money: a committed sale must survive a power cut
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = check.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseCorruptError(problems.join('; '));
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new DatabaseCorruptError((error as Error).message);
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this Kassa (${latest}); update Kassa`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
