// SQLite refusing a write (disk full, read-only, busy) reaches the screen as what it is — not as
// "internal error, see the log", when the log may sit on the same full disk.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../main/ipc/handler-registry.js';
import type { Handlers } from '../../main/ipc/handler-registry.js';
import { silentLogger } from '../../main/services/logger.js';
import { errorMessage } from '../../shared/i18n/messages.js';
import { diskFullError } from '../helpers/sqlite-errors.js';

/** A real SQLITE_READONLY: a write through a connection opened read-only. */
function readOnlyError(): unknown {
  const db = new Database(':memory:', { readonly: false });
  db.exec('CREATE TABLE t (x)');
  db.pragma('query_only = ON');
  try {
    db.prepare('INSERT INTO t VALUES (1)').run();
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}

const registryThrowing = (error: unknown) => createRegistry({ 'app.info': () => { throw error; } } as unknown as Handlers, silentLogger);

describe('storage errors on the screen', () => {
  it('disk full: storage_full, worded in every language', async () => {
    const error = diskFullError();
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    const reply = await registryThrowing(error).invoke('app.info', {}, 'cashier');
    expect(reply).toEqual({ ok: false, error: { code: 'storage_full' } });
    for (const locale of ['ru', 'kk', 'en'] as const) expect(errorMessage(locale, 'storage_full')).not.toBe(errorMessage(locale, 'internal'));
  });

  it('a read-only database: storage_readonly', async () => {
    const error = readOnlyError();
    expect(String((error as { code: string }).code)).toMatch(/^SQLITE_READONLY/);
    expect(await registryThrowing(error).invoke('app.info', {}, 'cashier')).toEqual({ ok: false, error: { code: 'storage_readonly' } });
  });

  it('a file beside the database (settings.json) refused by a full disk or a read-only file system says so too', async () => {
    const fsError = (code: string) => Object.assign(new Error(`${code}: write settings.json`), { code });
    expect(await registryThrowing(fsError('ENOSPC')).invoke('app.info', {}, 'cashier')).toEqual({ ok: false, error: { code: 'storage_full' } });
    expect(await registryThrowing(fsError('EROFS')).invoke('app.info', {}, 'cashier')).toEqual({ ok: false, error: { code: 'storage_readonly' } });
  });

  it('any other failure stays internal', async () => {
    expect(await registryThrowing(new Error('a bug')).invoke('app.info', {}, 'cashier')).toEqual({ ok: false, error: { code: 'internal' } });
  });
});
