// kill -9 of `kassa serve` while a live sale waits in Kaspi's "Wait"; the buyer confirms meanwhile;
// after a restart the sale ends paid with exactly one order.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { startSim, TEST_API_KEY, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { api, spawnServe, stopServe } from '../../helpers/serve-process.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  sim = await startSim('r1', join(dir, 'pki'), { timers: { pollIntervalS: 1 } });
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

it('a sale in Wait survives kill -9 and ends paid, once', { timeout: 90_000 }, async () => {
  const dataDir = join(dir, 'data');
  const env = { KASSA_KASPI_API_KEY: TEST_API_KEY };
  const liveArgs = ['--data-dir', dataDir, '--live', '--scheme', 'r1', '--kaspi-url', sim.url, '--trade-point', TEST_TRADE_POINT, '--device-id', 'POS-CRASH', '--kaspi-ca', sim.pki!.caCertPath];
  const first = await spawnServe(liveArgs, env);
  const charged = await api(first, 'payments.charge', { amountTiyn: 123400 });
  expect(charged.ok).toBe(true);
  const { id, qrPaymentId } = charged.data;
  sim.control.state.core.testHook('scan', qrPaymentId);
  await waitFor(async () => (await api(first, 'payments.get', { saleId: id })).data.status === 'scanned');

  await stopServe(first, 'SIGKILL');
  expect(first.child.signalCode).toBe('SIGKILL');
  sim.control.state.core.testHook('confirm', qrPaymentId); // the buyer confirms while the till is down

  const second = await spawnServe(['--data-dir', dataDir], env); // live mode and the device were persisted
  const paid = await waitFor(async () => {
    const sale = (await api(second, 'payments.get', { saleId: id })).data;
    return sale.status === 'paid' && sale;
  }, 20_000);
  expect(paid.orderNumber).toBe('000001');
  await stopServe(second);

  const db = new Database(join(dataDir, 'kassa.db'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT COUNT(*) AS n FROM orders WHERE sale_id = ?').get(id)).toEqual({ n: 1 });
  expect(db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 1 });
  db.close();
  expect(sim.control.purchases()).toHaveLength(1);
});
