// History on "today" across Almaty midnight, over the real core (demo mode, real SQLite, a hand-moved
// clock): a shown sale that changes just after midnight brings the new day's list together with its
// takings — never the new day's takings over the old day's sales.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { silentLogger } from '../../../main/services/logger.js';
import { cashier } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { settle, windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;
let clock: ManualScheduler;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  clock = new ManualScheduler(Date.UTC(2026, 10, 27, 18, 59, 50)); // 23:59:50 in Almaty, 27 November
  core = await startCore({ dataDir: dir, transport: 'http', version: 't', log: silentLogger, scheduler: clock });
  vi.resetModules();
});
afterEach(async () => {
  win?.close();
  await core.close();
  cleanup();
});

it('a sale rung up at 23:59:50 and paid at 00:00:10: the takings and the list are of one day', async () => {
  win = windowOverCore(core, 'cashier');
  const actions = await import('../../../renderer/src/state/cashier-actions.js');
  const history = await import('../../../renderer/src/state/history-actions.js');
  const { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
  const { startCashierSession } = await import('../../../renderer/src/state/cashier-session.js');
  startCashierSession();
  await settle();
  const sale = await cashier(core, 'payments.charge', { amountTiyn: 150_000 });
  await cashier(core, 'demo.scan', { saleId: sale.id });
  await clock.advance(2_000);
  actions.openTab('history');
  await history.loadHistory();
  expect(useCashier.getState()).toMatchObject({ daySummary: { day: '2026-11-27' }, history: [{ id: sale.id, status: 'scanned' }] });
  await clock.advance(Date.UTC(2026, 10, 27, 19, 0, 10) - clock.now()); // 00:00:10 on the 28th
  await cashier(core, 'demo.confirm', { saleId: sale.id });
  await clock.advance(2_000);
  await waitFor(() => useCashier.getState().daySummary?.day === '2026-11-28' && !useCashier.getState().historyLoading);
  await settle();
  const state = useCashier.getState();
  expect(state.daySummary).toMatchObject({ day: '2026-11-28', paid: { count: 0 } });
  expect(state.history).toEqual([]); // the 27th's sale is in the 27th's list, with its takings
  await history.showHistoryDay('2026-11-27');
  expect(useCashier.getState()).toMatchObject({ daySummary: { day: '2026-11-27', paid: { count: 1, tiyn: 150_000 } }, history: [{ id: sale.id, status: 'paid' }] });
});
