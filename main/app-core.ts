// Kassa's core, independent of Electron: opens the data dir, wires services, exposes the handler
// registry and the event stream. Both transports (Electron IPC, loopback HTTP) bind to this.
import { join } from 'node:path';
import type { Audience, Envelope, EventName } from '../shared/contract.js';
import type { CustomerView } from '../shared/domain.js';
import { createRegistry } from './ipc/handler-registry.js';
import { createHandlers } from './ipc/handlers.js';
import { EventBus } from './services/event-bus.js';
import { DEMO_TIMERS, DemoKaspi } from './services/kaspi/demo-kaspi.js';
import { KaspiSimulator } from './services/kaspi/simulator/kaspi-simulator.js';
import { SqlitePurchaseStore } from './services/kaspi/simulator/purchase-store.js';
import { fileLogger, type Logger } from './services/logger.js';
import { PaymentService } from './services/payments/payment-service.js';
import { realScheduler, type Scheduler } from './services/scheduler.js';
import { SettingsService } from './services/settings/settings-service.js';
import { openDatabase } from './store/database.js';
import { SalesRepo } from './store/sales-repo.js';

export interface KassaCore {
  /** Parses the request with the contract, refuses channels the audience may not call, runs the handler, parses the reply. Never throws. */
  invoke(channel: string, payload: unknown, audience: Audience): Promise<Envelope<unknown>>;
  /** Every main -> renderer event (already validated); returns unsubscribe. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  transport: 'electron' | 'http';
  version: string;
  scheduler?: Scheduler;
  log?: Logger;
}

export const DATABASE_FILE = 'kassa.db';

export async function startCore(options: CoreOptions): Promise<KassaCore> {
  const log = options.log ?? fileLogger(options.dataDir);
  const scheduler = options.scheduler ?? realScheduler;
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const settings = new SettingsService(options.dataDir);
  const bus = new EventBus();
  const simulator = new KaspiSimulator({ store: new SqlitePurchaseStore(db), timers: DEMO_TIMERS, now: () => scheduler.now() });

  const customerView = (): CustomerView => {
    const s = settings.get();
    const sale = payments.displayed();
    return {
      shopName: s.shopName,
      locale: s.locale,
      sale: sale && {
        amountTiyn: sale.amountTiyn,
        status: sale.status,
        qrToken: sale.qrToken,
        paymentMethods: sale.paymentMethods,
        deadline: sale.deadline,
      },
    };
  };
  const payments: PaymentService = new PaymentService({
    repo: new SalesRepo(db),
    kaspi: { demo: new DemoKaspi(simulator) },
    mode: () => settings.get().mode,
    externalIdPrefix: () => settings.get().deviceId,
    bus,
    scheduler,
    log,
    onDisplayChange: () => bus.emit('customer.updated', customerView()),
  });

  const registry = createRegistry(
    createHandlers({
      payments,
      settings,
      version: options.version,
      transport: options.transport,
      customerView,
      onSettingsChanged: () => {
        bus.emit('settings.changed', settings.view());
        bus.emit('customer.updated', customerView());
      },
    }),
    log,
  );
  payments.resume();
  log.info('core started', { transport: options.transport, version: options.version });

  return {
    invoke: (channel, payload, audience) => registry.invoke(channel, payload, audience),
    onEvent: (listener) => bus.subscribe(listener),
    async close() {
      payments.close();
      db.close();
    },
  };
}
