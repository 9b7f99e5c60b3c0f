// A simulator server per scheme with a test PKI, and a KaspiClient wired to it the way the app is.
import { readFileSync } from 'node:fs';
import { KaspiClient, type KaspiClientConfig } from '../../main/services/kaspi/kaspi-client.js';
import { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from '../../main/services/kaspi/simulator/simulator-server.js';
import type { Scheme } from '../../shared/domain.js';

export const TEST_API_KEY = 'test_0123456789abcdef0123456789abcdef';
export const TEST_BIN = '200340001238';
export const TEST_TRADE_POINT = '4200001';

export async function startSim(scheme: Scheme, caDir: string, options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  return startSimulatorServer({ port: 0, scheme, tls: { caDir }, ...options });
}

/** Client settings for a scheme: Api-Key for r1, the generated PKCS#12 for r2/r3; Kaspi's CA trusted explicitly. */
export function clientConfig(sim: SimulatorServer, scheme: Scheme, extra: Partial<KaspiClientConfig> = {}): KaspiClientConfig {
  const pki = sim.pki!;
  return {
    scheme,
    baseUrl: sim.url,
    apiKey: scheme === 'r1' ? TEST_API_KEY : null,
    certificate: scheme === 'r1' ? null : { pfx: readFileSync(pki.clientP12Path), passphrase: pki.clientPassphrase },
    ca: [pki.caCertPem],
    organizationBin: scheme === 'r3' ? TEST_BIN : null,
    timeoutMs: 3_000,
    createTimeoutMs: 3_000,
    ...extra,
  };
}

export async function registeredClient(sim: SimulatorServer, scheme: Scheme, extra: Partial<KaspiClientConfig> = {}): Promise<KaspiClient> {
  const setup = new KaspiClient(clientConfig(sim, scheme, extra));
  const deviceToken = await setup.registerDevice('POS-01_hall', TEST_TRADE_POINT);
  setup.close();
  return new KaspiClient(clientConfig(sim, scheme, { deviceToken, ...extra }));
}
