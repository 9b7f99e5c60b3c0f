// Copies of the database in backups/: before a migration changes an existing database, and one a day.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailyBackup, KEEP_BACKUPS, listBackups } from '../../main/store/db-backup.js';
import { openDatabase, schemaVersion } from '../../main/store/database.js';
import { migrations } from '../../main/store/migrations.js';
import { SalesRepo } from '../../main/store/sales-repo.js';
import { openCore } from '../helpers/core-harness.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const DAY_MS = 24 * 60 * 60 * 1000;
const backups = () => readdirSync(join(dir, 'backups')).sort();

describe('database backups', () => {
  it('an existing database is copied, as it was, before a migration changes it; a new one is not', () => {
    const file = join(dir, 'kassa.db');
    const previous = migrations.at(-2)!.version;
    const old = openDatabase(file, migrations.slice(0, -1));
    new SalesRepo(old).insert({ id: 'kept', amountTiyn: 4500_00, description: null, mode: 'demo', externalIdPrefix: 'P', at: new Date().toISOString() });
    old.close();
    openDatabase(file).close();
    expect(backups()).toEqual([expect.stringMatching(new RegExp(`^kassa-.*-v${previous}\\.db$`))]);
    const copy = new Database(join(dir, 'backups', backups()[0]!), { readonly: true });
    expect(schemaVersion(copy)).toBe(previous);
    expect(copy.prepare('SELECT id, amount_tiyn FROM sales').all()).toEqual([{ id: 'kept', amount_tiyn: 4500_00 }]);
    copy.close();
    openDatabase(join(dir, 'fresh', 'kassa.db')).close();
    expect(readdirSync(join(dir, 'fresh'))).not.toContain('backups');
  });

  it('an empty or unfinished copy is no backup; a copy dated in the future does not hold the daily one off', async () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    try {
      mkdirSync(join(dir, 'backups'));
      writeFileSync(join(dir, 'backups', 'kassa-2026-01-01T00-00-00-000Z-v10.db'), ''); // a failed VACUUM INTO
      writeFileSync(join(dir, 'backups', 'kassa-2026-01-02T00-00-00-000Z-daily.db.partial'), 'cut'); // a crash mid-copy
      expect(listBackups(db)).toEqual([]);
      const made = await dailyBackup(db);
      expect(made).not.toBeNull();
      const future = join(dir, 'backups', 'kassa-future-daily.db');
      copyFileSync(made!, future);
      const inAMonth = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
      utimesSync(future, inAMonth, inAMonth);
      expect(await dailyBackup(db, new Date(Date.now() + 2 * 24 * 60 * 60 * 1000))).not.toBeNull();
      // a full set of future-dated copies (the clock was set back): the real copy of today is kept, they go first
      for (let i = 0; i < KEEP_BACKUPS; i += 1) {
        const copy = join(dir, 'backups', `kassa-future-${i}-daily.db`);
        copyFileSync(made!, copy);
        utimesSync(copy, inAMonth, inAMonth);
      }
      const today = await dailyBackup(db, new Date(Date.now() + 4 * 24 * 60 * 60 * 1000));
      expect(listBackups(db).map((b) => b.path)).toContain(today);
    } finally {
      db.close();
    }
  });

  it('a start that fails after its pre-migration copy, tried again, makes no second copy', () => {
    const file = join(dir, 'kassa.db');
    const old = openDatabase(file, migrations.slice(0, -1));
    old.close();
    const failing = [...migrations.slice(0, -1), { version: migrations.at(-1)!.version, name: 'fails', sql: 'SELECT no_such_function()' }];
    for (let attempt = 0; attempt < 3; attempt += 1) expect(() => openDatabase(file, failing)).toThrow();
    expect(backups()).toHaveLength(1);
  });

  it('a copy put back in place of kassa.db sends Kaspi no ExternalId the till already sent after the copy', async () => {
    const file = join(dir, 'kassa.db');
    const db = openDatabase(file);
    const sale = (id: string) =>
      new SalesRepo(db).insert({ id, amountTiyn: 100, description: null, mode: 'live', externalIdPrefix: 'POS-1', at: new Date().toISOString() }).external_id;
    const before = sale('a');
    const copy = (await dailyBackup(db))!;
    const afterCopy = sale('b'); // sent to Kaspi after the copy was made
    db.close();
    copyFileSync(copy, file); // the database is restored from the copy (README: Backups)
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const restored = openDatabase(file);
    const next = new SalesRepo(restored).insert({ id: 'c', amountTiyn: 100, description: null, mode: 'live', externalIdPrefix: 'POS-1', at: new Date().toISOString() }).external_id;
    restored.close();
    expect(next).not.toBe(afterCopy);
    expect(next).not.toBe(before);
    expect(next).toMatch(/^POS-1-[0-9a-f]{6}-2$/); // numbered on from the copy, under another tag
  });

  it("copies made before copies had a tag of their own get one at the next check", async () => {
    const file = join(dir, 'kassa.db');
    const db = openDatabase(file);
    try {
      mkdirSync(join(dir, 'backups'), { recursive: true });
      const old = join(dir, 'backups', 'kassa-2026-11-20T00-00-00-000Z-daily.db');
      db.prepare('VACUUM INTO ?').run(old); // as an earlier Kassa made it: the same tag
      const tagOf = (path: string) => {
        const copy = new Database(path, { readonly: true });
        try {
          return copy.prepare("SELECT value FROM kassa_meta WHERE key = 'instance'").pluck().get();
        } finally {
          copy.close();
        }
      };
      const ours = tagOf(file);
      expect(tagOf(old)).toBe(ours);
      await dailyBackup(db);
      expect(tagOf(old)).not.toBe(ours);
      expect(tagOf(old)).toMatch(/^[0-9a-f]{6}$/);
    } finally {
      db.close();
    }
  });

  it('retagging older copies keeps their dates (the daily copy is still made, the oldest still pruned) and leaves no -wal/-shm', async () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    try {
      mkdirSync(join(dir, 'backups'), { recursive: true });
      const now = Date.now();
      const made: { path: string; mtimeMs: number }[] = [];
      for (let age = 3; age <= 6; age++) {
        const path = join(dir, 'backups', `kassa-${new Date(now - age * DAY_MS).toISOString().replace(/[:.]/g, '-')}-daily.db`);
        await db.backup(path); // as an earlier Kassa made them: this database's tag
        const when = (now - age * DAY_MS) / 1000;
        utimesSync(path, when, when);
        made.push({ path, mtimeMs: statSync(path).mtimeMs });
      }
      expect(await dailyBackup(db)).not.toBeNull(); // the newest copy is 3 days old: today's is due
      for (const m of made) expect(statSync(m.path).mtimeMs).toBe(m.mtimeMs);
      expect(readdirSync(join(dir, 'backups')).filter((name) => !name.endsWith('.db'))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('the running till makes one copy a day and keeps the newest seven', async () => {
    const core = await openCore(dir);
    await waitFor(() => listBackupsIn(dir).length === 1);
    await core.close();
    const db = openDatabase(join(dir, 'kassa.db'));
    try {
      expect(await dailyBackup(db, new Date(Date.now() + 60 * 60 * 1000))).toBeNull(); // an hour later: not due
      for (let day = 1; day <= KEEP_BACKUPS + 2; day += 1) {
        const path = await dailyBackup(db, new Date(Date.now() + day * 25 * 60 * 60 * 1000));
        expect(path).not.toBeNull();
      }
      expect(listBackups(db)).toHaveLength(KEEP_BACKUPS);
    } finally {
      db.close();
    }
  });

  it('room is made before the day\'s copy: a disk that holds seven copies but not an eighth still gets a new copy every day', async () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    try {
      const day = (n: number) => new Date(Date.now() + n * 25 * 60 * 60 * 1000);
      for (let n = 1; n <= KEEP_BACKUPS; n += 1) await dailyBackup(db, day(n));
      expect(listBackups(db)).toHaveLength(KEEP_BACKUPS);
      // the eighth copy cannot be written (here: its file name taken by a folder, as a full disk refuses it)
      const blocked = join(dir, 'backups', `kassa-${day(KEEP_BACKUPS + 1).toISOString().replace(/[:.]/g, '-')}-daily.db.partial`);
      mkdirSync(blocked);
      await expect(dailyBackup(db, day(KEEP_BACKUPS + 1))).rejects.toThrow();
      expect(listBackups(db)).toHaveLength(KEEP_BACKUPS - 1); // the oldest made way, the newest six kept
      rmSync(blocked, { recursive: true });
      expect(await dailyBackup(db, day(KEEP_BACKUPS + 1))).not.toBeNull();
      expect(listBackups(db)).toHaveLength(KEEP_BACKUPS);
    } finally {
      db.close();
    }
  });
});

function listBackupsIn(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'backups'));
  } catch {
    return [];
  }
}
