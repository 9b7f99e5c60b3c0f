// kill -9 of `kassa serve` (live r3) while a refund whose payment/return answer was lost is being
// checked; Kaspi applies it while the till is down. After the restart it is checked at once and ends
// done; only the rest of the sale can be refunded: Kaspi and Kassa agree on one refund.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { startSim, TEST_BIN, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { api, spawnServe, stopServe } from '../../helpers/serve-process.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  sim = await startSim('r3', join(dir, 'pki'), { timers: { pollIntervalS: 1 } });
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

it('a lost refund survives kill -9, is checked at once after the restart and ends done: one refund at Kaspi and in Kassa', { timeout: 90_000 }, async () => {
  const dataDir = join(dir, 'data');
  const pki = sim.pki!;
  const env = { KASSA_KASPI_PFX: pki.clientP12Path, KASSA_KASPI_PFX_PASSPHRASE: pki.clientPassphrase };
  const liveArgs = ['--data-dir', dataDir, '--live', '--scheme', 'r3', '--bin', TEST_BIN, '--kaspi-url', sim.url, '--trade-point', TEST_TRADE_POINT, '--device-id', 'POS-KILL', '--kaspi-ca', pki.caCertPath];
  const first = await spawnServe(liveArgs, env);
  const { id: saleId, qrPaymentId } = (await api(first, 'payments.charge', { amountTiyn: 1_000_000 })).data;
  sim.control.state.core.testHook('scan', qrPaymentId);
  sim.control.state.core.testHook('confirm', qrPaymentId);
  await waitFor(async () => (await api(first, 'payments.get', { saleId })).data.status === 'paid', 20_000);

  await sim.control.addFaults([{ route: 'payment/return', fault: 'drop', times: 1 }]);
  const refund = await api(first, 'refunds.start', { saleId, amountTiyn: 300_000 });
  expect(refund.data).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
  await stopServe(first, 'SIGKILL');
  expect(first.child.signalCode).toBe('SIGKILL');
  // Kaspi applies the lost payment/return while the till is down.
  const purchase = sim.control.state.core.purchase(qrPaymentId)!;
  expect(sim.control.state.refunds.refund(purchase, purchase.tradePointId!, 3000).StatusCode).toBe(0);

  const second = await spawnServe(['--data-dir', dataDir], env);
  try {
    const done = await waitFor(async () => {
      const [r] = (await api(second, 'refunds.list', { saleId })).data.refunds;
      return r.status === 'done' && r;
    }, 20_000);
    expect(done).toMatchObject({ id: refund.data.id, amountTiyn: 300_000 });
    expect((await api(second, 'payments.get', { saleId })).data.refundedTiyn).toBe(300_000);
    expect((await api(second, 'refunds.start', { saleId, amountTiyn: 700_001 })).error).toMatchObject({ code: 'refund_too_much' });
  } finally {
    await stopServe(second);
  }
  expect(sim.control.purchase(qrPaymentId)).toMatchObject({ refundedTiyn: 300_000 });
  const db = new Database(join(dataDir, 'kassa.db'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const trail = db.prepare('SELECT from_status, to_status FROM refund_events WHERE refund_id = ? ORDER BY id').all(refund.data.id);
  db.close();
  expect(trail.at(-1)).toEqual({ from_status: 'unknown', to_status: 'done' });
});
