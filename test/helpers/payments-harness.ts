// A payment service over a real SQLite file and the real in-process simulator, on a manual clock.
import { join } from 'node:path';
import { EventBus } from '../../main/services/event-bus.js';
import { DEMO_TIMERS, DemoKaspi } from '../../main/services/kaspi/demo-kaspi.js';
import type { KaspiPort } from '../../main/services/kaspi/kaspi-port.js';
import { KaspiSimulator } from '../../main/services/kaspi/simulator/kaspi-simulator.js';
import { SqlitePurchaseStore } from '../../main/services/kaspi/simulator/purchase-store.js';
import { silentLogger } from '../../main/services/logger.js';
import { PaymentService } from '../../main/services/payments/payment-service.js';
import { openDatabase, type Db } from '../../main/store/database.js';
import { SalesRepo } from '../../main/store/sales-repo.js';
import type { Mode, SaleView } from '../../shared/domain.js';
import { ManualScheduler } from './manual-scheduler.js';
import type { PerTest } from './per-test.js';

export interface Harness {
  db: Db;
  clock: ManualScheduler;
  simulator: KaspiSimulator;
  payments: PaymentService;
  events: SaleView[];
  close(): void;
}

/**
 * `kaspi`: what to put in place of the demo Kaspi's calls (the others go to it), e.g. a createQr
 * whose answer is lost. `mode`: the till's mode, 'demo' unless said ('live': the same simulator
 * stands in for the live Kaspi, e.g. where only the live Kaspi's faults count).
 */
export interface HarnessOptions {
  clock?: ManualScheduler;
  kaspi?: (demo: KaspiPort) => Partial<KaspiPort>;
  refundQrShowing?: () => boolean;
  mode?: () => Mode;
}

export function openHarness(dir: string, options: HarnessOptions = {}): Harness {
  const clock = options.clock ?? new ManualScheduler();
  const db = openDatabase(join(dir, 'kassa.db'));
  const simulator = new KaspiSimulator({ store: new SqlitePurchaseStore(db), timers: DEMO_TIMERS, now: () => clock.now() });
  const demo = new DemoKaspi(simulator);
  const port: KaspiPort = {
    createQr: (r) => demo.createQr(r),
    createLink: (r) => demo.createLink(r),
    paymentStatus: (id) => demo.paymentStatus(id),
    testHook: (hook, id) => demo.testHook(hook, id),
    ping: () => demo.ping(),
    ...options.kaspi?.(demo),
  };
  const bus = new EventBus();
  const events: SaleView[] = [];
  bus.subscribe((name, payload) => {
    if (name === 'sale.updated') events.push(payload as SaleView);
  });
  const payments = new PaymentService({
    repo: new SalesRepo(db),
    kaspi: () => port,
    mode: options.mode ?? (() => 'demo'),
    externalIdPrefix: () => 'POS-TEST',
    bus,
    scheduler: clock,
    log: silentLogger,
    ...(options.refundQrShowing ? { refundQrShowing: options.refundQrShowing } : {}),
  });
  return {
    db,
    clock,
    simulator,
    payments,
    events,
    close() {
      payments.close();
      db.close();
    },
  };
}

/** `openHarness` in this test's folder, closed after the test. */
export function testHarness(t: PerTest, options: HarnessOptions = {}): Harness {
  return t.closing(openHarness(t.dir, options));
}

export function countOrders(db: Db, saleId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM orders WHERE sale_id = ?').get(saleId) as { n: number }).n;
}
