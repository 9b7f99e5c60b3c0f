// Kaspi's CA certificates loaded through the contract (as the Settings tab does): validated, stored in
// the data dir, and then the only reason the client trusts the simulator's TLS certificate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { silentLogger } from '../../../main/services/logger.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { envOnlyStore } from '../../../main/services/secrets/secret-store.js';
import type { SettingsView } from '../../../shared/domain.js';
import { startSim, TEST_API_KEY } from '../../helpers/kaspi-sim.js';
import { cashier } from '../../helpers/live-core.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer;
let core: KassaCore;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  sim = await startSim('r1', join(dir, 'pki'));
  core = await startCore({ dataDir: join(dir, 'data'), transport: 'http', version: 't', secrets: envOnlyStore, env: { KASSA_KASPI_API_KEY: TEST_API_KEY }, log: silentLogger });
  await cashier(core, 'settings.update', { kaspi: { scheme: 'r1', baseUrl: sim.url } });
});
afterAll(async () => {
  await core.close();
  await sim.close();
  cleanup();
});

it('without Kaspi\'s CA the TLS check fails; with it loaded the ping works; junk is refused', async () => {
  await expect(cashier(core, 'kaspi.ping')).rejects.toMatchObject({ code: 'kaspi_tls' });
  await expect(cashier(core, 'kaspi.setCa', { pem: 'not a certificate' })).rejects.toMatchObject({ code: 'kaspi_ca_invalid' });
  const leaf = sim.pki!.serverCertPem; // a server certificate is not a CA
  await expect(cashier(core, 'kaspi.setCa', { pem: leaf })).rejects.toMatchObject({ code: 'kaspi_ca_invalid' });

  const view = await cashier<SettingsView>(core, 'kaspi.setCa', { pem: readFileSync(sim.pki!.caCertPath, 'utf8') });
  expect(view.kaspi.caCertificates).toMatch(/Kassa Simulator Root CA/);
  expect((await cashier<{ latencyMs: number }>(core, 'kaspi.ping')).latencyMs).toBeGreaterThanOrEqual(0);

  const cleared = await cashier<SettingsView>(core, 'kaspi.setCa', { pem: null });
  expect(cleared.kaspi.caCertificates).toBeNull();
  await expect(cashier(core, 'kaspi.ping')).rejects.toMatchObject({ code: 'kaspi_tls' });
});
