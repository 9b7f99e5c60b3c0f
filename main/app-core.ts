// Kassa's core, independent of Electron: opens the data dir, wires services, exposes the handler
// registry and the event stream. Both transports (Electron IPC, loopback HTTP) bind to this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Audience, Envelope, EventName } from '../shared/contract.js';
import { createRegistry } from './ipc/handler-registry.js';
import { createHandlers } from './ipc/handlers.js';
import { createImportHandlers } from './ipc/import-handlers.js';
import { ImportService } from './services/imports/import-service.js';
import { sweepUploads } from './services/imports/upload-registry.js';
import { ReconcileService } from './services/reconcile/reconcile-service.js';
import { buildCustomerView } from './services/customer-view.js';
import { EventBus } from './services/event-bus.js';
import { DEMO_TIMERS, DemoKaspi } from './services/kaspi/demo-kaspi.js';
import { LiveKaspi } from './services/kaspi/live-kaspi.js';
import { KaspiSimulator } from './services/kaspi/simulator/kaspi-simulator.js';
import { SqlitePurchaseStore } from './services/kaspi/simulator/purchase-store.js';
import { fileLogger, type Logger } from './services/logger.js';
import { PaymentService } from './services/payments/payment-service.js';
import { SalesHistory } from './services/payments/sales-history.js';
import { toSaleView } from './services/payments/sale-view.js';
import { RefundService } from './services/refunds/refund-service.js';
import { realScheduler, type Scheduler } from './services/scheduler.js';
import { envOnlyStore, type SecretStore } from './services/secrets/secret-store.js';
import { SecretsService } from './services/secrets/secrets-service.js';
import { SettingsService } from './services/settings/settings-service.js';
import { toSettingsView } from './services/settings/settings-view.js';
import { lockDataDir } from './store/data-dir-lock.js';
import { dailyBackup } from './store/db-backup.js';
import { openDatabase } from './store/database.js';
import { RefundsRepo } from './store/refunds-repo.js';
import { SalesRepo } from './store/sales-repo.js';
import { closeDataDir } from './host/private-files.js';
import { recoverInterruptedLiveStart } from './host/settings-snapshot.js';

export interface KassaCore {
  /** Parses the request with the contract, refuses channels the audience may not call, runs the handler, parses the reply. Never throws. */
  invoke(channel: string, payload: unknown, audience: Audience): Promise<Envelope<unknown>>;
  /** Every main -> renderer event (already validated); returns unsubscribe. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** A file for import, received by a transport (HTTP upload) or chosen in Electron; returns its upload id. */
  registerUpload(file: { path: string; fileName: string; size: number; temporary: boolean }): string;
  /** Where a transport spools uploaded files. */
  readonly uploadsDir: string;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  transport: 'electron' | 'http';
  version: string;
  /** Where Kaspi credentials are kept (Electron safeStorage, the OS keyring); default: environment only. */
  secrets?: SecretStore;
  env?: NodeJS.ProcessEnv;
  scheduler?: Scheduler;
  log?: Logger;
  /**
   * The data folder's lock when the caller took it already (lockDataDir: `kassa serve --live`
   * writes its settings only under it); the core releases it on close. Default: the core takes it.
   */
  lock?: () => void;
  /** `kassa serve --live` is going live with settings it keeps aside (settings-snapshot.ts): leave them. */
  liveStartInProgress?: boolean;
}

export const DATABASE_FILE = 'kassa.db';
/** How often the running till checks whether the day's database copy is due. */
const BACKUP_CHECK_MS = 3 * 60 * 60 * 1000;

/** Throws DataDirInUseError when another Kassa runs with the same data folder. */
export async function startCore(options: CoreOptions): Promise<KassaCore> {
  mkdirSync(options.dataDir, { recursive: true });
  closeDataDir(options.dataDir);
  const unlock = options.lock ?? lockDataDir(options.dataDir);
  try {
    // Under the lock, before the settings are read: a `--live` start interrupted before its outcome (in
    // this app or the desktop one) is put back first, whichever Kassa opens the folder next.
    if (!options.liveStartInProgress && recoverInterruptedLiveStart(options.dataDir)) {
      options.log?.warn('an interrupted kassa serve --live start was put back: the settings are as before it');
    }
    return await assembleCore(options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function assembleCore(options: CoreOptions, unlock: () => void): Promise<KassaCore> {
  const log = options.log ?? fileLogger(options.dataDir);
  const scheduler = options.scheduler ?? realScheduler;
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const settings = new SettingsService(options.dataDir);
  const secrets = new SecretsService(options.secrets ?? envOnlyStore, options.env ?? process.env, log);
  await secrets.load(settings.get().kaspi.certificateFileName);
  const live = new LiveKaspi(settings, secrets);
  live.bindApiKey(); // a key not seen before is bound to the address in use

  const bus = new EventBus();
  const sales = new SalesRepo(db);
  const refundsRepo = new RefundsRepo(db);
  const simulator = new KaspiSimulator({ store: new SqlitePurchaseStore(db), timers: DEMO_TIMERS, now: () => scheduler.now() });
  const demo = new DemoKaspi(simulator);

  const customerView = () => buildCustomerView(settings.get(), payments, refunds);
  const displayChanged = () => bus.emit('customer.updated', customerView());
  const settingsView = () => toSettingsView(settings.get(), secrets, live, settings.recovered);

  const payments: PaymentService = new PaymentService({
    repo: sales,
    kaspi: (mode) => (mode === 'demo' ? demo : live.client()),
    mode: () => settings.get().mode,
    externalIdPrefix: () => settings.get().deviceId,
    bus,
    scheduler,
    log,
    onDisplayChange: displayChanged,
    refundQrShowing: () => refundsRepo.hasQrRefundRunning(),
  });
  const refunds: RefundService = new RefundService({
    refunds: refundsRepo,
    sales,
    mode: () => settings.get().mode,
    port: (mode) => {
      if (mode === 'demo') return demo;
      const client = live.client();
      return client.scheme === 'r1' ? null : client;
    },
    bus,
    scheduler,
    log,
    onChange: (row) => {
      const sale = sales.get(row.sale_id);
      if (sale) bus.emit('sale.updated', toSaleView(sale));
      displayChanged();
    },
  });

  const history = new SalesHistory({ sales, refunds: refundsRepo, now: () => scheduler.now(), mode: () => settings.get().mode });

  sweepUploads(join(options.dataDir, 'uploads'));
  const imports = new ImportService({ db, log });
  const reconcile = new ReconcileService({ db });

  const onSettingsChanged = () => {
    // The live client follows the settings by itself (rebuilt when they change what it needs).
    bus.emit('settings.changed', settingsView());
    displayChanged();
  };
  const registry = createRegistry(
    {
      ...createHandlers({ payments, history, refunds, settings, secrets, live, version: options.version, dataDir: options.dataDir, transport: options.transport, customerView, settingsView, onSettingsChanged }),
      ...createImportHandlers(imports, reconcile, bus, () => settings.get().locale),
    },
    log,
  );
  payments.resume();
  refunds.resume();
  // A copy of the database a day (checked at start and every few hours while the till runs).
  let backingUp: Promise<unknown> = Promise.resolve();
  const backup = () => {
    backingUp = dailyBackup(db).then(
      (path) => path && log.info('database backed up', { path }),
      (error: unknown) => log.warn('database backup failed', { error: String(error).slice(0, 200) }),
    );
  };
  backup();
  const backupTimer = setInterval(backup, BACKUP_CHECK_MS);
  backupTimer.unref();
  log.info('core started', { transport: options.transport, version: options.version, secrets: secrets.store.kind });

  return {
    invoke: (channel, payload, audience) => registry.invoke(channel, payload, audience),
    onEvent: (listener) => bus.subscribe(listener),
    registerUpload: (file) => imports.registerUpload(file),
    uploadsDir: join(options.dataDir, 'uploads'),
    async close() {
      clearInterval(backupTimer);
      await backingUp;
      await imports.close();
      payments.close();
      refunds.close();
      live.invalidate();
      db.close();
      unlock();
    },
  };
}
