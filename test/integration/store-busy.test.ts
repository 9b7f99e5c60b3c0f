// The till's write transactions read first (MAX(seq), the row's state). Begun DEFERRED, SQLite would
// answer SQLITE_BUSY at once at the read→write upgrade, without calling the busy handler, whenever
// another connection (a `kassa import` beside the till) holds the write lock. Begun IMMEDIATE, they
// wait it out within busy_timeout.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/database.js';
import { RefundsRepo } from '../../main/store/refunds-repo.js';
import { SalesRepo } from '../../main/store/sales-repo.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Another process holds the write lock for `ms`, as an import's BEGIN IMMEDIATE … COMMIT does. */
async function holdWriteLock(file: string, ms: number): Promise<{ exited: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
       db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO csv_mappings VALUES (?,'{}','t')").run(String(process.pid));
       console.log('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
       db.exec('COMMIT'); db.close();`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
  });
  return { exited }; // (a bare promise would be adopted by this async function's own)
}

describe('opening beside a writer', () => {
  it('an open (the till starting, kassa reconcile) does not wait on an import\'s write lock', async () => {
    const file = join(dir, 'kassa.db');
    openDatabase(file).close();
    const { exited } = await holdWriteLock(file, 8_000); // longer than busy_timeout
    let holderDone = false;
    void exited.then(() => (holderDone = true));
    const db = openDatabase(file);
    expect(holderDone).toBe(false); // opened while the lock was still held
    db.close();
    await exited;
  });
});

describe('till writes while another connection holds the write lock', () => {
  it('a new sale and its move to paid wait the lock out instead of failing', async () => {
    const file = join(dir, 'kassa.db');
    const db = openDatabase(file);
    const repo = new SalesRepo(db);
    const at = new Date().toISOString();
    let { exited } = await holdWriteLock(file, 1500);
    expect(() => repo.insert({ id: 's1', amountTiyn: 1000, description: null, mode: 'demo', externalIdPrefix: 'P', at })).not.toThrow();
    await exited;
    repo.transition('s1', 'qr_shown', { qr_payment_id: '1', qr_token: 't', qr_shown_at: at }, at);
    ({ exited } = await holdWriteLock(file, 1500));
    expect(() => repo.transition('s1', 'paid', { kaspi_status: 'Processed', settled: 1 }, at)).not.toThrow();
    await exited;
    expect(repo.require('s1').status).toBe('paid');
    db.close();
  });

  it('a refund, checked against what the sale has left, waits the lock out instead of failing (a gap found by mutation testing)', async () => {
    const file = join(dir, 'kassa.db');
    const db = openDatabase(file);
    const sales = new SalesRepo(db);
    const refunds = new RefundsRepo(db);
    const at = new Date().toISOString();
    sales.insert({ id: 's1', amountTiyn: 1000, description: null, mode: 'demo', externalIdPrefix: 'P', at });
    sales.transition('s1', 'qr_shown', { qr_payment_id: '1', qr_token: 't', qr_shown_at: at }, at);
    sales.transition('s1', 'paid', { kaspi_status: 'Processed', settled: 1 }, at);
    const { exited } = await holdWriteLock(file, 1500);
    expect(() => refunds.insertChecked({ id: 'r1', saleId: 's1', amountTiyn: 400, method: 'manual', status: 'done', at }, 1000)).not.toThrow();
    await exited;
    expect(refunds.committedTiyn('s1')).toBe(400);
    db.close();
  });
});
