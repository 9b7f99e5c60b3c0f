// A manager connects the till to Kaspi from the Settings tab (the key comes from the environment, as
// for a headless till), against `kassa simulator` on 127.0.0.1; then a live sale goes through.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { expect, startServe, stopServe, test, type KassaServer } from './fixtures.js';

const API_KEY = 'test_e2e0123456789abcdef0123456789ab';

function startSimulator(caDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/kassa.mjs', 'simulator', '--scheme', 'r1', '--tls', '--ca-dir', caDir, '--port', '0', '--poll', '1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('simulator: ')) resolve({ url: line.slice('simulator: '.length), child });
    });
  });
}

/** A buyer's action at "Kaspi": the test host's /test/payment hook (HTTPS, the simulator's own CA). */
function kaspiHook(url: string, ca: string, hook: 'scan' | 'confirm', qrPaymentId: string): Promise<void> {
  const body = JSON.stringify({ qrPaymentId });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/r1/v01/test/payment/${hook}`, url),
      { method: 'POST', ca, headers: { 'content-type': 'application/json', 'x-request-id': `e2e${Date.now()}`, 'api-key': API_KEY } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (JSON.parse(text).StatusCode === 0 ? resolve() : reject(new Error(text))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('Settings: scheme r1, Kaspi address and CA, ping, trade point, register the till, go live, sell', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-settings-'));
  const caDir = join(root, 'pki');
  const sim = await startSimulator(caDir);
  const caPath = join(caDir, 'kaspi-ca.crt');
  let server: KassaServer | null = null;
  try {
    server = await startServe(join(root, 'data'), { env: { KASSA_KASPI_API_KEY: API_KEY } });
    const page = await browser.newPage();
    await page.goto(server.cashierUrl);
    await page.getByTestId('tab-settings').click();

    // Live mode is refused until everything is set up.
    await expect(page.getByTestId('kaspi-ready')).toHaveAttribute('data-ready', 'false');
    await page.getByTestId('kaspi-scheme').selectOption('r1');
    await page.getByTestId('kaspi-url').fill(sim.url);
    await page.getByTestId('kaspi-url-save').click();
    await expect(page.getByTestId('kaspi-url')).toHaveValue(sim.url);
    await expect(page.getByTestId('kaspi-api-key-state')).toHaveAttribute('data-configured', 'true');
    await expect(page.getByTestId('kaspi-api-key-state')).toHaveAttribute('data-source', 'env');
    await expect(page.getByTestId('kaspi-api-key-state')).not.toContainText(API_KEY);

    // Kaspi's server certificate comes from Kaspi's own CA: not trusted until the manager loads it.
    await page.getByTestId('kaspi-ping').click();
    await expect(page.getByTestId('kaspi-ping-result')).toHaveAttribute('data-code', 'kaspi_tls');
    const junk = join(root, 'junk.crt');
    writeFileSync(junk, 'not a certificate');
    await page.getByTestId('kaspi-ca-file').setInputFiles(junk);
    await expect(page.getByTestId('kaspi-connection-feedback')).toHaveAttribute('data-code', 'kaspi_ca_invalid');
    await page.getByTestId('kaspi-ca-file').setInputFiles(caPath);
    await expect(page.getByTestId('kaspi-ca-state')).toHaveAttribute('data-configured', 'true');
    await page.getByTestId('kaspi-ping').click();
    await expect(page.getByTestId('kaspi-ping-result')).toHaveAttribute('data-ok', 'true');
    await page.getByTestId('kaspi-load-trade-points').click();
    await page.getByTestId('kaspi-trade-point').selectOption('4200001');
    await page.getByTestId('kaspi-register').click();
    await expect(page.getByTestId('kaspi-registration')).toHaveAttribute('data-registered', 'true');
    await expect(page.getByTestId('kaspi-ready')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('mode-live').click();
    await expect(page.getByTestId('settings-mode')).toHaveAttribute('data-mode', 'live');
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);

    await page.getByTestId('tab-sale').click();
    await page.getByTestId('amount-input').fill('990');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
    const { qr_payment_id: id, mode } = db.prepare('SELECT qr_payment_id, mode FROM sales').get() as { qr_payment_id: string; mode: string };
    db.close();
    expect(mode).toBe('live');
    const ca = readFileSync(caPath, 'utf8');
    await kaspiHook(sim.url, ca, 'scan', id);
    await kaspiHook(sim.url, ca, 'confirm', id);
    await expect(page.getByTestId('order-number')).toBeVisible();
  } finally {
    if (server) await stopServe(server);
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
