// Kassa that cannot start says why, in words a manager can act on, and changes nothing: a damaged
// database, one from a newer Kassa, a data folder that is a file — for `kassa serve` (exit 2) and
// for the desktop app's dialog (the same text, from startupErrorText).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startupErrorText } from '../../main/startup-error.js';
import { DataDirInUseError } from '../../main/store/data-dir-lock.js';
import { DatabaseOpenError, openDatabase } from '../../main/store/database.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const serve = (dataDir: string) => spawnSync(process.execPath, ['bin/kassa.mjs', 'serve', '--no-open', '--data-dir', dataDir], { encoding: 'utf8', timeout: 20_000 });

describe('kassa serve that cannot open its data', () => {
  it('a file that is no database: "damaged", exit 2, the file untouched', () => {
    const junk = Buffer.alloc(20_000, 0x5a);
    writeFileSync(join(dir, 'kassa.db'), junk);
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`The Kassa database is damaged (${dir})`);
    expect(readFileSync(join(dir, 'kassa.db')).equals(junk)).toBe(true);
  });

  it('a database from a newer Kassa: "install that version", exit 2', () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    db.pragma('user_version = 999');
    db.close();
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('was written by a newer version of Kassa');
  });

  it('--data-dir naming a file: "cannot be written", exit 2', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const run = serve(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The Kassa database cannot be written');
  });
});

describe('startupErrorText (also the desktop app\'s dialog)', () => {
  it('words each reason in the chosen language, and any other error as it came', () => {
    expect(startupErrorText('ru', new DatabaseOpenError('disk_full', 'SQLITE_FULL'), '/data')).toBe('Диск заполнен — Kassa не может записывать продажи (/data). Освободите место и запустите снова');
    expect(startupErrorText('kk', new DatabaseOpenError('unwritable', 'x'), '/data')).toContain('Kassa дерекқорына жазу мүмкін емес (/data)');
    expect(startupErrorText('en', new DataDirInUseError('/data'), '/data')).toContain('Kassa is already running with this data folder (/data)');
    expect(startupErrorText('en', new Error('boom'), '/data')).toBe('Kassa could not start: boom');
  });
});
