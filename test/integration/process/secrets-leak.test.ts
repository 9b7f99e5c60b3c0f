// With a known Api-Key and a known PKCS#12 passphrase in use, none of them may appear in any HTTP reply,
// the SSE stream, the renderer bundle, the logs, the process output, the settings file or the database.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { startSim, TEST_BIN, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { api, spawnServe, stopServe, type ServeProcess } from '../../helpers/serve-process.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

const SECRET_KEY = 'test_S3CRET0f1e2d3c4b5a69788796a5b4c3d2e1f0';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const full = join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Drives a whole live session and returns every byte the outside world could see. */
async function session(serve: ServeProcess, sim: SimulatorServer, withRefund: boolean): Promise<string[]> {
  const seen: string[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${serve.origin}/events?token=${serve.cashierToken}`, { signal: controller.signal });
  const reading = (async () => {
    const reader = stream.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        seen.push(Buffer.from(value).toString('utf8'));
      }
    } catch {
      // aborted
    }
  })();
  for (const channel of ['app.info', 'settings.get', 'kaspi.ping', 'kaspi.tradePoints', 'kaspi.connection', 'customer.view']) {
    await api(serve, channel, {}, seen);
  }
  await api(serve, 'secrets.setApiKey', { apiKey: 'test_another_key_1234' }, seen); // refused: env-only store
  const sale = (await api(serve, 'payments.charge', { amountTiyn: 99900 }, seen)).data;
  sim.control.state.core.testHook('scan', sale.qrPaymentId);
  sim.control.state.core.testHook('confirm', sale.qrPaymentId);
  await waitFor(async () => (await api(serve, 'payments.get', { saleId: sale.id }, seen)).data.status === 'paid');
  if (withRefund) await api(serve, 'refunds.start', { saleId: sale.id, amountTiyn: 100 }, seen);
  await api(serve, 'payments.list', {}, seen);
  await new Promise((r) => setTimeout(r, 300));
  controller.abort();
  await reading;
  return seen;
}

function assertNowhere(secrets: string[], texts: string[], label: string): void {
  for (const secret of secrets) {
    for (const text of texts) expect(text.includes(secret), `${label} contains a secret`).toBe(false);
  }
}

describe('secrets never leak', () => {
  it.each(['r1', 'r3'] as const)('%s', { timeout: 90_000 }, async (scheme) => {
    const sim = await startSim(scheme, join(dir, `pki-${scheme}`), { timers: { pollIntervalS: 1 }, apiKeys: [SECRET_KEY] });
    const pki = sim.pki!;
    const dataDir = join(dir, `data-${scheme}`);
    const env: Record<string, string> =
      scheme === 'r1' ? { KASSA_KASPI_API_KEY: SECRET_KEY } : { KASSA_KASPI_PFX: pki.clientP12Path, KASSA_KASPI_PFX_PASSPHRASE: pki.clientPassphrase };
    const serve = await spawnServe(
      ['--data-dir', dataDir, '--live', '--scheme', scheme, '--kaspi-url', sim.url, '--trade-point', TEST_TRADE_POINT, '--device-id', 'POS-LEAK', '--kaspi-ca', pki.caCertPath, ...(scheme === 'r3' ? ['--bin', TEST_BIN] : [])],
      env,
    );
    const replies = await session(serve, sim, scheme === 'r3');
    await stopServe(serve);

    const secrets = scheme === 'r1' ? [SECRET_KEY] : [pki.clientPassphrase, pki.clientP12.toString('base64').slice(100, 160)];
    // The replies really came from a working live session (so the scan below means something).
    expect(replies.join('\n')).toContain('"status":"paid"');
    expect(replies.join('\n')).toContain('"configured":true');
    assertNowhere(secrets, replies, 'an HTTP reply or SSE event');
    assertNowhere(secrets, [serve.output()], 'the process output');
    const dataFiles = filesUnder(dataDir);
    expect(dataFiles.some((f) => f.endsWith('kassa.db'))).toBe(true);
    expect(dataFiles.some((f) => f.endsWith('kassa.log'))).toBe(true);
    for (const file of dataFiles) assertNowhere(secrets, [readFileSync(file).toString('latin1'), readFileSync(file).toString('utf8')], file);
    const bundle = filesUnder('dist/renderer');
    expect(bundle.length, 'the renderer bundle is built (npm run build)').toBeGreaterThan(0);
    for (const file of bundle) assertNowhere(secrets, [readFileSync(file, 'utf8')], file);
    await sim.close();
  });
});
