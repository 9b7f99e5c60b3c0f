// A real core in live mode against a simulator server: settings written the way `kassa serve --live`
// writes them, credentials from the environment, the till registered through the handlers.
import { startCore, type KassaCore } from '../../main/app-core.js';
import { goLive, writeLiveSettings } from '../../main/host/serve-live.js';
import { silentLogger } from '../../main/services/logger.js';
import type { Scheduler } from '../../main/services/scheduler.js';
import { envOnlyStore } from '../../main/services/secrets/secret-store.js';
import type { SimulatorServer } from '../../main/services/kaspi/simulator/simulator-server.js';
import type { SaleView, Scheme } from '../../shared/domain.js';
import { TEST_API_KEY, TEST_BIN, TEST_TRADE_POINT } from './kaspi-sim.js';

export async function startLiveCore(sim: SimulatorServer, scheme: Scheme, dataDir: string, scheduler?: Scheduler): Promise<KassaCore> {
  const pki = sim.pki!;
  const problem = writeLiveSettings(dataDir, {
    scheme,
    kaspiUrl: sim.url,
    tradePoint: TEST_TRADE_POINT,
    deviceId: 'POS-IT_1',
    bin: scheme === 'r3' ? TEST_BIN : undefined,
    kaspiCa: pki.caCertPath,
  });
  if (problem) throw new Error(problem);
  const env =
    scheme === 'r1'
      ? { KASSA_KASPI_API_KEY: TEST_API_KEY }
      : { KASSA_KASPI_PFX: pki.clientP12Path, KASSA_KASPI_PFX_PASSPHRASE: pki.clientPassphrase };
  const core = await startCore({ dataDir, transport: 'http', version: 'test', secrets: envOnlyStore, env, log: silentLogger, ...(scheduler ? { scheduler } : {}) });
  const failure = await goLive(core, TEST_TRADE_POINT);
  if (failure) throw new Error(failure);
  return core;
}

/** Calls a channel as the cashier and returns the data, or throws with the error code. */
export async function cashier<T = SaleView>(core: KassaCore, channel: string, payload: unknown = {}): Promise<T> {
  const reply = await core.invoke(channel, payload, 'cashier');
  if (!reply.ok) throw Object.assign(new Error(reply.error.code), { code: reply.error.code, params: reply.error.params });
  return reply.data as T;
}
