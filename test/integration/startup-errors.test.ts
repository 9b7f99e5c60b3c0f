// Kassa that cannot start says why, in words a manager can act on, and changes nothing: a damaged
// database, one from a newer Kassa, a data folder that is a file — for `kassa serve` (exit 2) and
// for the desktop app's dialog (the same text, from startupErrorText).
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startupErrorText } from '../../main/startup-error.js';
import { DataDirInUseError } from '../../main/store/data-dir-lock.js';
import { asOpenError, DatabaseOpenError, openDatabase } from '../../main/store/database.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The CLI speaks the shop's language (Russian unless set); these tests read it in English. */
const EN = { ...process.env, KASSA_LANG: 'en' };
const { KASSA_LANG: _unset, ...NO_LANG } = process.env;

const serve = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/kassa.mjs', 'serve', '--no-open', '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 20_000, env: EN });

describe('kassa serve that cannot open its data', () => {
  it('a file that is no database: "damaged", exit 2, the file untouched', () => {
    const junk = Buffer.alloc(20_000, 0x5a);
    writeFileSync(join(dir, 'kassa.db'), junk);
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`The Kassa database is damaged (${dir})`);
    expect(readFileSync(join(dir, 'kassa.db')).equals(junk)).toBe(true);
  });

  it('kassa.db emptied or gone beside its backups, or its -wal left alone: "restore from backups", exit 2 — never a new empty till (the -wal kept)', () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    db.close();
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'kassa-2026-11-20T06-00-00-000Z-daily.db'), 'a copy');
    writeFileSync(join(dir, 'kassa.db'), '');
    const emptied = serve(dir);
    expect(emptied.status).toBe(2);
    expect(emptied.stderr).toContain(`The Kassa database file is missing or empty (${dir})`);
    expect(readFileSync(join(dir, 'kassa.db')).length).toBe(0);

    const other = join(dir, 'wal-only');
    mkdirSync(other);
    writeFileSync(join(other, 'kassa.db-wal'), Buffer.alloc(4096, 1));
    const walOnly = serve(other);
    expect(walOnly.status).toBe(2);
    expect(walOnly.stderr).toContain('The Kassa database file is missing or empty');
    expect(readFileSync(join(other, 'kassa.db-wal')).length).toBe(4096);
    expect(() => openDatabase(join(other, 'kassa.db'))).toThrow(DatabaseOpenError);
    // a first start (nothing beside it) makes its database as ever
    const fresh = join(dir, 'fresh');
    openDatabase(join(fresh, 'kassa.db')).close();
  });

  it('Kaspi flags without --live (a service line that forgot it): refused, exit 2, nothing started or written — not a demo till with a random device id', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'serve', '--no-open', '--data-dir', dir, '--scheme', 'r1', '--trade-point', '4200001', '--device-id', 'POS-01'], { encoding: 'utf8', timeout: 20_000, env: EN });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--scheme --trade-point --device-id: only with --live');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a database from a newer Kassa: "install that version", exit 2', () => {
    const db = openDatabase(join(dir, 'kassa.db'));
    db.pragma('user_version = 999');
    db.close();
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('was written by a newer version of Kassa');
  });

  it('settings.json that cannot be read (a folder in its place): said in words, exit 2, nothing set aside', () => {
    mkdirSync(join(dir, 'settings.json'));
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'settings.json')}: it is a folder, not a file`);
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('a data folder whose lock cannot be opened (not ours, read-only; here a folder in its place): "cannot be written", exit 2', () => {
    mkdirSync(join(dir, 'kassa.lock')); // SQLite's CANTOPEN, as a folder left to root by one `sudo kassa serve` gives
    const run = serve(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The Kassa database cannot be written');
    expect(run.stderr).not.toContain('unable to open database file');
  });

  it('--data-dir naming a file: "cannot be written", exit 2', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const run = serve(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The Kassa database cannot be written');
  });
});

describe('kassa serve called wrongly', () => {
  it('an unknown option or a missing value: exit 2 with the usage; --help: the usage, exit 0', () => {
    for (const args of [['--bogus'], ['--port']]) {
      const run = serve(dir, ...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Usage: kassa serve');
    }
    const help = spawnSync(process.execPath, ['bin/kassa.mjs', 'serve', '--help'], { encoding: 'utf8', timeout: 20_000, env: EN });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: kassa serve');
  });

  it("speaks the shop's language: Russian by default, the data folder's setting, KASSA_LANG", () => {
    const run = (dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/kassa.mjs', ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 20_000, env });
    const russian = run(dir, NO_LANG, 'serve', '--bogus');
    expect(russian.status).toBe(2);
    expect(russian.stderr).toContain('kassa serve: неизвестный параметр --bogus');
    expect(russian.stderr).toContain('Использование: kassa serve');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ locale: 'kk' }));
    expect(run(dir, NO_LANG, 'serve', '--port').stderr).toContain('--port параметрінің мәні жоқ');
    expect(run(dir, NO_LANG, 'help', 'import').stdout).toContain('Қолданылуы:');
    expect(run(dir, { ...NO_LANG, KASSA_LANG: 'en' }, 'serve', '--port', '99999').stderr).toContain('--port must be a number from 0 to 65535');
    const unknown = run(dir, { ...NO_LANG, KASSA_LANG: 'ru' }, 'sell');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('kassa: неизвестная команда «sell»');
    // and the flags of live mode too (they were English)
    const live = run(dir, { ...NO_LANG, KASSA_LANG: 'ru' }, 'serve', '--no-open', '--live', '--scheme', 'r4');
    expect(live.status).toBe(2);
    expect(live.stderr).toContain('kassa: --scheme: r1, r2 или r3');
    // --lang before everything else; a wrong one is said in the language it would have replaced
    expect(run(dir, { ...NO_LANG, KASSA_LANG: 'ru' }, 'serve', '--lang', 'en', '--port', '99999').stderr).toContain('--port must be a number from 0 to 65535');
    const wrongLang = run(dir, { ...NO_LANG, KASSA_LANG: 'en' }, 'serve', '--lang', 'de');
    expect(wrongLang.status).toBe(2);
    expect(wrongLang.stderr).toContain('kassa serve: --lang is ru, kk or en');
  });

  it('a port in use: exit 2, saying so', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/kassa.mjs', 'serve', '--no-open', '--data-dir', dir, '--port', String(port)], { env: NO_LANG });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('exit', (status) => resolve({ status, stderr }));
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`порт ${port} занят`); // no language set: Russian, the app's default
    } finally {
      taken.close();
    }
  });
});

describe('startupErrorText (also the desktop app\'s dialog)', () => {
  it('words each reason in the chosen language, and any other error as it came', () => {
    expect(startupErrorText('ru', new DatabaseOpenError('disk_full', 'SQLITE_FULL'), '/data')).toBe('Диск заполнен — Kassa не может записывать продажи (/data). Освободите место и запустите снова');
    expect(startupErrorText('kk', new DatabaseOpenError('unwritable', 'x'), '/data')).toContain('Kassa дерекқорына жазу мүмкін емес (/data)');
    expect(startupErrorText('en', new DataDirInUseError('/data'), '/data')).toContain('Kassa is already running with this data folder (/data)');
    expect(startupErrorText('en', new Error('boom'), '/data')).toBe('Kassa could not start: boom');
    // a full disk the WAL index met first is a full disk
    expect(asOpenError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHMSIZE' }))).toMatchObject({ reason: 'disk_full' });
  });
});
