// A cashier window opening (a reload, a second window, after a restart) while the last sale's outcome
// is still asked of Kaspi shows that sale — "result unknown, do not charge again" — not a ready till
// where the cashier would charge the same buyer a second time. The window's real state modules over
// the real core (real SQLite).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import { openCore } from '../../helpers/core-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { settle, windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';
import { openDatabase } from '../../../main/store/database.js';
import { join } from 'node:path';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
  vi.resetModules();
});
afterEach(async () => {
  win?.close();
  await core.close();
  cleanup();
});

it('a window opening while the last sale is being checked shows it; one ended long ago leaves the till ready', async () => {
  const db = openDatabase(join(dir, 'kassa.db'));
  const long = new Date(Date.now() - 3_600_000).toISOString();
  const insert = db.prepare(
    `INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, created_at, updated_at, finished_at, error_code, settled)
     VALUES (?, ?, 450000, 'expired', 'live', ?, ?, ?, ?, ?, ?)`,
  );
  insert.run('old', 1, 'POS-1', long, long, long, 'scan_timeout', 1);
  win = windowOverCore(core, 'cashier');
  let { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
  let { startCashierSession } = await import('../../../renderer/src/state/cashier-session.js');
  startCashierSession();
  await settle();
  expect(useCashier.getState().sale).toBeNull();
  win.close();

  // the buyer paid while Kaspi could not be read: the sale is closed on our side, its outcome open
  insert.run('checking', 2, 'POS-2', long, long, long, 'kaspi_no_answer', 0);
  db.close();
  vi.resetModules();
  win = windowOverCore(core, 'cashier');
  ({ useCashier } = await import('../../../renderer/src/state/cashier-store.js'));
  ({ startCashierSession } = await import('../../../renderer/src/state/cashier-session.js'));
  startCashierSession();
  await settle();
  expect(useCashier.getState().sale).toMatchObject({ id: 'checking', status: 'expired', errorCode: 'kaspi_no_answer' });
});
