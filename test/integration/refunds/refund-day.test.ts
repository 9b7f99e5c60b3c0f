// A refund belongs to the day payment/return went out — the day Kaspi applied it, as its report and
// the bank say — not the day Kassa learned it was done (a lost answer confirmed after midnight, at the
// next start, at a manager's verdict). History's takings and reconciliation agree on it. Live r3 over
// HTTPS on 127.0.0.1, real SQLite, a manual clock; and the refunds stored before this rule.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { openDatabase } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations.js';
import type { DaySummary, RefundView } from '../../../shared/domain.js';
import type { ReconcileView } from '../../../shared/import-domain.js';
import { startSim } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { paidLiveSale, refundsOf } from './live-refund-core.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
let core: KassaCore | null = null;
let clock: ManualScheduler;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(async () => {
  await core?.close();
  core = null;
  await sim?.close();
  cleanup();
});

const refundedOn = async (day: string) => (await cashier<DaySummary>(core!, 'payments.daySummary', { day })).refunded;
const tillRefundsOn = async (day: string) =>
  (await cashier<ReconcileView>(core!, 'reconcile.run', { from: day, to: day })).tillVsReport.pairs.filter((p) => p.kind === 'refund').map((p) => p.tillTiyn);

it('sent at 23:59:57 with its answer lost, confirmed after midnight: money of the day it was sent, in History and in reconciliation', async () => {
  clock = new ManualScheduler(Date.UTC(2026, 10, 27, 18, 58, 0)); // 23:58 in Almaty, 27 November
  sim = await startSim('r3', `${dir}/pki`, { timers: { pollIntervalS: 1 } });
  core = await startLiveCore(sim, 'r3', `${dir}/data`, clock);
  const sale = await paidLiveSale(core, sim, clock, 1_000_000);
  await clock.advance(Date.UTC(2026, 10, 27, 18, 59, 57) - clock.now());
  await sim.control.addFaults([{ route: 'payment/return', fault: 'drop', stage: 'after', times: 1 }]);
  expect(await cashier<RefundView>(core, 'refunds.start', { saleId: sale.id, amountTiyn: 300_000 })).toMatchObject({ status: 'unknown' });
  expect(sim.control.purchase(sale.qrPaymentId!)).toMatchObject({ refundedTiyn: 300_000 }); // Kaspi applied it on the 27th
  await waitFor(async () => {
    await clock.advance(1000);
    return (await refundsOf(core!, sale.id))[0]!.status === 'done';
  });
  expect(Date.parse((await refundsOf(core, sale.id))[0]!.finishedAt!)).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 27, 19, 0, 0)); // learned on the 28th
  expect(await refundedOn('2026-11-27')).toEqual({ count: 1, tiyn: 300_000 });
  expect(await refundedOn('2026-11-28')).toEqual({ count: 0, tiyn: 0 });
  expect(await tillRefundsOn('2026-11-27')).toEqual([-300_000]);
  expect(await tillRefundsOn('2026-11-28')).toEqual([]);
});

it('refunds stored before the rule take the day of their move to "returning" from the audit trail; a done one without it (manual) its creation', () => {
  const file = join(dir, 'kassa.db');
  const old = openDatabase(file, migrations.filter((m) => m.version <= 17));
  const at = (h: number) => new Date(Date.UTC(2026, 10, 27, h)).toISOString();
  old.prepare("INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, created_at, updated_at) VALUES ('s', 1, 1000000, 'paid', 'live', 'POS-1', ?, ?)").run(at(10), at(10));
  const refund = old.prepare("INSERT INTO refunds (id, sale_id, amount_tiyn, method, status, settled, created_at, finished_at, updated_at) VALUES (?, 's', 1000, ?, ?, ?, ?, ?, ?)");
  const event = old.prepare("INSERT INTO refund_events (refund_id, from_status, to_status, actor, at) VALUES (?, ?, ?, 'kassa', ?)");
  refund.run('api-late', 'api', 'done', 1, at(18), at(20), at(20));
  event.run('api-late', 'created', 'returning', at(18));
  event.run('api-late', 'returning', 'unknown', at(18));
  event.run('api-late', 'unknown', 'done', at(20));
  refund.run('manual', 'manual', 'done', 1, at(12), at(12), at(12));
  refund.run('never-sent', 'api', 'failed', 1, at(13), at(13), at(13));
  old.close();
  const db = openDatabase(file);
  try {
    expect(db.prepare('SELECT id, sent_at FROM refunds ORDER BY id').all()).toEqual([
      { id: 'api-late', sent_at: at(18) },
      { id: 'manual', sent_at: at(12) },
      { id: 'never-sent', sent_at: null },
    ]);
  } finally {
    db.close();
  }
});
