// A manager connects the till to Kaspi from the Settings tab (the key comes from the environment, as
// for a headless till), against `kassa simulator` on 127.0.0.1; then a live sale goes through.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { expect, startServe, stopServe, test, type KassaServer } from './fixtures.js';

const API_KEY = 'test_e2e0123456789abcdef0123456789ab';

function startSimulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/kassa.mjs', 'simulator', '--scheme', 'r1', '--port', '0', '--poll', '1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('simulator: ')) resolve({ url: line.slice('simulator: '.length), child });
    });
  });
}

async function kaspiHook(url: string, hook: 'scan' | 'confirm', qrPaymentId: string): Promise<void> {
  const res = await fetch(`${url}/r1/v01/test/payment/${hook}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': `e2e${Date.now()}`, 'api-key': API_KEY },
    body: JSON.stringify({ qrPaymentId }),
  });
  expect(((await res.json()) as { StatusCode: number }).StatusCode).toBe(0);
}

test('Settings: scheme r1, Kaspi address, ping, trade point, register the till, go live, sell', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-settings-'));
  const sim = await startSimulator();
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
    await kaspiHook(sim.url, 'scan', id);
    await kaspiHook(sim.url, 'confirm', id);
    await expect(page.getByTestId('order-number')).toBeVisible();
  } finally {
    if (server) await stopServe(server);
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
