// `kassa simulator` as a child process for the live E2E specs, and the buyer's actions at "Kaspi"
// through its /test/payment hooks (HTTPS with the simulator's own CA, plus the client certificate
// for r2/r3).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startServe, type KassaServer } from './fixtures.js';

export interface RunningSimulator {
  url: string;
  scheme: 'r1' | 'r3';
  caDir: string;
  child: ChildProcess;
}

export const SIM_API_KEY = 'test_e2e0123456789abcdef0123456789ab';

/** `kassa serve --live` as an r3 till of `sim` (organization BIN, trade point, Kaspi's CA; its client certificate from the environment). */
export function startLiveR3Serve(sim: RunningSimulator, dataDir: string): Promise<KassaServer> {
  return startServe(dataDir, {
    args: ['--live', '--scheme', 'r3', '--bin', '200340001238', '--kaspi-url', sim.url, '--trade-point', '4200001', '--device-id', 'POS-E2E', '--kaspi-ca', caPath(sim)],
    env: { KASSA_KASPI_PFX: clientP12(sim), KASSA_KASPI_PFX_PASSPHRASE: clientPassphrase(sim) },
  });
}

/** `extra`: more simulator flags, e.g. ['--scan-timeout', '6']. */
export function startSimulator(scheme: 'r1' | 'r3', caDir: string, extra: string[] = []): Promise<RunningSimulator> {
  const child = spawn(process.execPath, ['bin/kassa.mjs', 'simulator', '--scheme', scheme, '--tls', '--ca-dir', caDir, '--port', '0', '--poll', '1', '--quiet', ...extra], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('simulator: ')) resolve({ url: line.slice('simulator: '.length), scheme, caDir, child });
    });
  });
}

export const caPath = (sim: RunningSimulator) => join(sim.caDir, 'kaspi-ca.crt');
export const clientP12 = (sim: RunningSimulator) => join(sim.caDir, 'client.p12');
export const clientPassphrase = (sim: RunningSimulator) => readFileSync(join(sim.caDir, 'client.p12.pass'), 'utf8').trim();

/** A buyer's action at "Kaspi": the test host's /test/payment hook. */
export async function kaspiHook(sim: RunningSimulator, hook: 'scan' | 'confirm', qrPaymentId: string): Promise<void> {
  const text = await simRequest(sim, 'POST', `/${sim.scheme}/v01/test/payment/${hook}`, { qrPaymentId });
  if (JSON.parse(text).StatusCode !== 0) throw new Error(text);
}

/** The simulator's faults: `rule` added (as POST /_sim/faults takes it), or all cleared with null. */
export async function simFaults(sim: RunningSimulator, rule: Record<string, unknown> | null): Promise<void> {
  await simRequest(sim, rule ? 'POST' : 'DELETE', '/_sim/faults', rule ?? undefined);
}

function simRequest(sim: RunningSimulator, method: string, path: string, payload?: unknown): Promise<string> {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const auth =
    sim.scheme === 'r1'
      ? { headers: { 'api-key': SIM_API_KEY } }
      : { pfx: readFileSync(clientP12(sim)), passphrase: clientPassphrase(sim) };
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, sim.url),
      {
        method,
        ca: readFileSync(caPath(sim)),
        ...auth,
        headers: {
          'content-type': 'application/json',
          'x-request-id': `e2e${Date.now()}`,
          'content-length': String(Buffer.byteLength(body)),
          ...('headers' in auth ? auth.headers : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
