// The History tab's reads against the real core (live r1 over the simulator on 127.0.0.1, real
// SQLite, a manual clock): sales of one Almaty day a page at a time, and the day's takings — paid
// sales by the day they were rung up, refunds by the day they were done, the other mode's sales left
// out — across Almaty midnight (19:00 UTC).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import type { SimulatorServer } from '../../main/services/kaspi/simulator/simulator-server.js';
import type { DaySummary, SaleView } from '../../shared/domain.js';
import { startSim } from '../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../helpers/live-core.js';
import { ManualScheduler } from '../helpers/manual-scheduler.js';
import { tempDir } from '../helpers/temp-dir.js';
import { paidLiveSale } from './refunds/live-refund-core.js';

type Page = { sales: SaleView[]; more: boolean };

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
let core: KassaCore;
let clock: ManualScheduler;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  clock = new ManualScheduler(Date.UTC(2026, 10, 27, 18, 50, 0)); // 23:50 in Almaty, 27 November
  sim = await startSim('r1', `${dir}/pki`, { timers: { pollIntervalS: 1 } });
  core = await startLiveCore(sim, 'r1', `${dir}/data`, clock);
});
afterEach(async () => {
  await core.close();
  await sim.close();
  cleanup();
});

const toMidnightPlus = async (minutes: number) => clock.advance(Date.UTC(2026, 10, 27, 19, minutes, 0) - clock.now());
const ids = (page: Page) => page.sales.map((s) => s.id);

describe('History by Almaty day', () => {
  it("lists a day's sales a page at a time and sums its takings, refunds on the day they were done", async () => {
    const late = await paidLiveSale(core, sim, clock, 450_000); // rung up at 23:50 on the 27th
    await toMidnightPlus(5); // 00:05 on the 28th
    const morning = await paidLiveSale(core, sim, clock, 120_000);
    const given = await cashier(core, 'payments.charge', { amountTiyn: 99_900 });
    await cashier(core, 'payments.cancel', { saleId: given.id });
    await cashier(core, 'refunds.recordManual', { saleId: late.id, amountTiyn: 50_000 }); // the 27th's sale, refunded on the 28th

    expect(await cashier<DaySummary>(core, 'payments.daySummary', { day: '2026-11-27' })).toEqual({
      day: '2026-11-27',
      mode: 'live',
      paid: { count: 1, tiyn: 450_000 },
      refunded: { count: 0, tiyn: 0 },
      refunds: [],
      otherModeSales: 0,
    });
    // Without a day: today by the till's clock. The refund counted is listed with the sale it gave back
    // (rung up the day before): the day's takings can be traced to rows.
    const today = await cashier<DaySummary>(core, 'payments.daySummary', {});
    expect(today).toEqual({
      day: '2026-11-28',
      mode: 'live',
      paid: { count: 1, tiyn: 120_000 },
      refunded: { count: 1, tiyn: 50_000 },
      refunds: [{ id: expect.any(String), sentAt: expect.stringMatching(/^2026-11-27T19:0/), amountTiyn: 50_000, saleId: late.id, saleCreatedAt: late.createdAt, orderNumber: late.orderNumber }],
      otherModeSales: 0,
    });

    expect(ids(await cashier<Page>(core, 'payments.list', { day: '2026-11-27' }))).toEqual([late.id]);
    const first = await cashier<Page>(core, 'payments.list', { day: '2026-11-28', limit: 1 });
    expect(first).toMatchObject({ more: true });
    expect(ids(first)).toEqual([given.id]);
    const second = await cashier<Page>(core, 'payments.list', { day: '2026-11-28', limit: 1, beforeId: given.id });
    expect(second).toMatchObject({ more: false });
    expect(ids(second)).toEqual([morning.id]);
    // Without a day the pages run on into the day before.
    const all = await cashier<Page>(core, 'payments.list', { limit: 2 });
    expect(all).toMatchObject({ more: true });
    expect(ids(await cashier<Page>(core, 'payments.list', { limit: 2, beforeId: morning.id }))).toEqual([late.id]);
    expect(await cashier<Page>(core, 'payments.list', { day: '2026-11-26' })).toEqual({ sales: [], more: false });
  });

  it("counts only the till's current mode: demo sales of the day are listed but left out of live takings", async () => {
    await toMidnightPlus(10);
    const live = await paidLiveSale(core, sim, clock, 200_000);
    await cashier(core, 'settings.update', { mode: 'demo' });
    const demo = await cashier(core, 'payments.charge', { amountTiyn: 70_000 });
    await cashier(core, 'demo.scan', { saleId: demo.id });
    await cashier(core, 'demo.confirm', { saleId: demo.id });
    await clock.advance(5_000);
    expect((await cashier(core, 'payments.get', { saleId: demo.id })).status).toBe('paid');
    expect(await cashier<DaySummary>(core, 'payments.daySummary', {})).toMatchObject({ mode: 'demo', paid: { count: 1, tiyn: 70_000 }, otherModeSales: 1 });
    await clock.advance(30_000);
    await cashier(core, 'settings.update', { mode: 'live' });
    expect(await cashier<DaySummary>(core, 'payments.daySummary', {})).toMatchObject({ mode: 'live', paid: { count: 1, tiyn: 200_000 }, otherModeSales: 1 });
    expect(ids(await cashier<Page>(core, 'payments.list', { day: '2026-11-28' }))).toEqual([demo.id, live.id]);
  });

  it('refuses a day that is not on the calendar', async () => {
    await expect(cashier(core, 'payments.daySummary', { day: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(cashier(core, 'payments.list', { day: '2026-13-01' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(cashier(core, 'payments.list', { day: '28.11.2026' })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
