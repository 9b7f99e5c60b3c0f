// Stopping `kassa serve`: Ctrl+C in `npm start` reaches it twice (from the terminal, and forwarded by
// the launcher); the second signal must not kill it half-way through closing the database. A real
// child process; the database read back afterwards.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api, spawnServe } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it('Ctrl+C twice: it closes the database and exits 0, the sale kept and no write-ahead log left', { timeout: 60_000 }, async () => {
  const data = join(dir, 'data');
  const serve = await spawnServe(['--data-dir', data]);
  const { id } = (await api(serve, 'payments.charge', { amountTiyn: 150_000 })).data;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => serve.child.once('exit', (code, signal) => resolve({ code, signal })));
  serve.child.kill('SIGINT');
  const again = setInterval(() => serve.child.exitCode === null && serve.child.kill('SIGINT'), 1); // and again, while it closes
  try {
    expect(await exited).toEqual({ code: 0, signal: null });
  } finally {
    clearInterval(again);
  }
  expect(existsSync(join(data, 'kassa.db-wal'))).toBe(false);
  const db = new Database(join(data, 'kassa.db'), { readonly: true });
  try {
    expect(db.prepare('SELECT id FROM sales').pluck().all()).toEqual([id]);
  } finally {
    db.close();
  }
});
