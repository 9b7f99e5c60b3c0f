import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, WAL_SIZE_LIMIT_BYTES } from '../../main/store/database.js';
import { migrations } from '../../main/store/migrations.js';
import { SalesRepo } from '../../main/store/sales-repo.js';
import { countOrders, testHarness } from '../helpers/payments-harness.js';
import { ManualScheduler } from '../helpers/manual-scheduler.js';
import { perTest } from '../helpers/per-test.js';

const t = perTest();

describe('SQLite store', () => {
  it('migrates an empty file to the latest schema, in WAL mode, and reopens without re-running', () => {
    const file = join(t.dir, 'kassa.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['sales', 'orders', 'sale_events', 'demo_purchases']));
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(migrations.at(-1)!.version);
    again.close();
  });

  it('the -wal a big write grew is cut back once checkpointed, at the next write (not left that size while the till runs)', () => {
    const file = join(t.dir, 'kassa.db');
    const db = openDatabase(file);
    db.pragma('wal_autocheckpoint = 0'); // as an import runs
    db.exec('CREATE TABLE bulk (x BLOB)');
    db.transaction(() => {
      for (let i = 0; i < 1000; i += 1) db.prepare('INSERT INTO bulk VALUES (randomblob(32768))').run();
    })();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(3 * WAL_SIZE_LIMIT_BYTES);
    const checkpointer = openDatabase(file); // the import's checkpoint runs on a connection of its own
    checkpointer.pragma('wal_checkpoint(PASSIVE)');
    checkpointer.close();
    db.prepare('INSERT INTO bulk VALUES (x\'00\')').run(); // the next sale, say
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    db.close();
  });

  it('ExternalIds carry a tag of their database: a reinstall with the same DeviceId never repeats one', () => {
    const firstIds = (file: string) => {
      const db = openDatabase(join(t.dir, file));
      const repo = new SalesRepo(db);
      const at = new Date(0).toISOString();
      const ids = ['a', 'b'].map((id) => repo.insert({ id, amountTiyn: 100, description: null, mode: 'live', externalIdPrefix: 'POS-01', at }).external_id);
      db.close();
      return ids;
    };
    const before = firstIds('old-install.db');
    const after = firstIds('new-install.db');
    expect(before[0]).toMatch(/^POS-01-[0-9a-f]{6}-1$/);
    expect(before[1]).toBe(before[0]!.replace(/-1$/, '-2'));
    expect(after[0]).toMatch(/^POS-01-[0-9a-f]{6}-1$/);
    expect(after[0]).not.toBe(before[0]);
  });

  it('an undo finds the fills of its rows by index, not by scanning every fill', () => {
    const db = openDatabase(join(t.dir, 'kassa.db'));
    const plan = (db.prepare('EXPLAIN QUERY PLAN DELETE FROM report_fills WHERE row_id BETWEEN ? AND ?').all(1, 2) as { detail: string }[]).map((r) => r.detail).join(' ');
    db.close();
    expect(plan).toContain('USING INDEX report_fills_row');
  });

  it('finds the sale occupying the till by index, not by walking every sale', () => {
    const db = openDatabase(join(t.dir, 'kassa.db'));
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM sales s WHERE s.status IN ('created','qr_shown','scanned') ORDER BY s.seq DESC LIMIT 1").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' ');
    db.close();
    expect(plan).toContain('USING INDEX sales_open');
  });

  it('refuses a file that is not a database, and a database newer than this Kassa', () => {
    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(junk)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    const newer = join(t.dir, 'newer.db');
    openDatabase(newer).close();
    expect(() => openDatabase(newer, [{ version: 0, name: 'none', sql: '' }])).toThrow(expect.objectContaining({ reason: 'newer' }));
  });

  it('a data folder that cannot be made (a file stands in its place) is unwritable, not damaged', () => {
    const file = join(t.dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => openDatabase(join(file, 'kassa.db'))).toThrow(expect.objectContaining({ reason: 'unwritable' }));
  });

  it('runs the integrity check on open', () => {
    const file = join(t.dir, 'kassa.db');
    openDatabase(file).close();
    // Corrupt a page in the middle of the file but keep the header readable.
    const db = openDatabase(file);
    db.exec("CREATE TABLE filler(x); INSERT INTO filler SELECT randomblob(1000) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 200) SELECT i FROM c); CREATE INDEX filler_x ON filler(x);");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const fd = openSync(file, 'r+');
    const size = statSync(file).size;
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });

  it('keeps a paid sale to exactly one order, even when Processed is delivered twice', () => {
    const db = openDatabase(join(t.dir, 'kassa.db'));
    const repo = new SalesRepo(db);
    const at = new Date().toISOString();
    const sale = repo.insert({ id: 's1', amountTiyn: 450000, description: null, mode: 'demo', externalIdPrefix: 'P', at });
    repo.transition(sale.id, 'qr_shown', { qr_payment_id: '13000000001', qr_token: '1', qr_shown_at: at }, at);
    expect(repo.transition(sale.id, 'paid', { kaspi_status: 'Processed' }, at).moved).toBe(true);
    expect(repo.transition(sale.id, 'paid', { kaspi_status: 'Processed' }, at).moved).toBe(false);
    expect(countOrders(db, sale.id)).toBe(1);
    expect(() => repo.transition(sale.id, 'failed', {}, at)).toThrow(/illegal_transition/);
    expect(repo.get(sale.id)!.status).toBe('paid');
    // The database itself refuses a second order for the same sale.
    expect(() => db.prepare('INSERT INTO orders (number, sale_id, amount_tiyn, created_at) VALUES (99, ?, 1, ?)').run(sale.id, at)).toThrow(/UNIQUE/);
    db.close();
  });

  it('a sale in qr_shown survives closing and reopening the database and resumes polling on start', async () => {
    const clock = new ManualScheduler();
    const first = testHarness(t, { clock });
    const sale = await first.payments.charge(450000, 'кофе');
    expect(sale.status).toBe('qr_shown');
    expect(sale.qrToken).toMatch(/^\d{41}$/);
    first.close(); // the till goes down with the QR on screen

    // Meanwhile the buyer scans and confirms at "Kaspi" (the simulator's state lives in the same file).
    const second = testHarness(t, { clock });
    expect(second.payments.get(sale.id).status).toBe('qr_shown');
    second.simulator.testHook('scan', sale.qrPaymentId!);
    second.simulator.testHook('confirm', sale.qrPaymentId!);
    second.payments.resume();
    await clock.advance(0);
    const after = second.payments.get(sale.id);
    expect(after.status).toBe('paid');
    expect(after.orderNumber).toBe('000001');
    expect(countOrders(second.db, sale.id)).toBe(1);
    second.close();
  });
});
