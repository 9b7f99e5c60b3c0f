// Live mode in Chromium: `kassa serve --live` (scheme r3: client certificate + BIN) against
// `kassa simulator` over mutual TLS on 127.0.0.1. The buyer is played through the simulator's test
// hooks; then a partial refund from History goes through Kaspi's payment/return.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, startServe, stopServe, test, type KassaServer } from './fixtures.js';

const BIN = '200340001238';
const nbsp = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

function startSimulator(caDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/kassa.mjs', 'simulator', '--scheme', 'r3', '--tls', '--ca-dir', caDir, '--port', '0', '--poll', '1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('simulator: ')) resolve({ url: line.slice('simulator: '.length), child });
    });
  });
}

/** A buyer's action at "Kaspi": the test host's /test/payment hook, over the same mutual TLS. */
function kaspiHook(url: string, caDir: string, hook: 'scan' | 'confirm', qrPaymentId: string): Promise<void> {
  const body = JSON.stringify({ qrPaymentId });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/r3/v01/test/payment/${hook}`, url),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `e2e${Date.now()}`, 'content-length': Buffer.byteLength(body) },
        pfx: readFileSync(join(caDir, 'client.p12')),
        passphrase: readFileSync(join(caDir, 'client.p12.pass'), 'utf8').trim(),
        ca: readFileSync(join(caDir, 'kaspi-ca.crt')),
      },
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

test('live r3: charge, the buyer pays in Kaspi, success on both screens, then a partial refund', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-live-'));
  const caDir = join(root, 'pki');
  const sim = await startSimulator(caDir);
  let server: KassaServer | null = null;
  try {
    server = await startServe(join(root, 'data'), {
      args: ['--live', '--scheme', 'r3', '--bin', BIN, '--kaspi-url', sim.url, '--trade-point', '4200001', '--device-id', 'POS-E2E', '--kaspi-ca', join(caDir, 'kaspi-ca.crt')],
      env: { KASSA_KASPI_PFX: join(caDir, 'client.p12'), KASSA_KASPI_PFX_PASSPHRASE: readFileSync(join(caDir, 'client.p12.pass'), 'utf8').trim() },
    });
    const cashier = await browser.newPage();
    await cashier.goto(server.cashierUrl);
    const customerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const customer = await customerContext.newPage();
    await customer.goto(server.customerUrl);

    await expect(cashier.getByTestId('demo-banner')).toHaveCount(0);
    await cashier.getByTestId('amount-input').fill('4500');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    await expect(customer.getByTestId('customer-qr')).toBeVisible();
    await expect(cashier.getByTestId('demo-scan')).toHaveCount(0);

    const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
    const { qr_payment_id: qrPaymentId } = db.prepare('SELECT qr_payment_id FROM sales').get() as { qr_payment_id: string };
    db.close();
    await kaspiHook(sim.url, caDir, 'scan', qrPaymentId);
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'scanned');
    await kaspiHook(sim.url, caDir, 'confirm', qrPaymentId);
    await expect(cashier.getByTestId('order-number')).toBeVisible();
    await expect(customer.getByTestId('customer-thanks')).toBeVisible();

    await cashier.getByTestId('tab-history').click();
    const row = cashier.getByTestId('history-row').first();
    await expect(row).toContainText('000001');
    await row.getByTestId('refund-button').click();
    const panel = cashier.getByTestId('refund-panel');
    await expect(panel).toHaveAttribute('data-flow', 'kaspi');
    await panel.getByTestId('refund-amount').fill('1500');
    await panel.getByTestId('refund-submit').click();
    await expect(panel.getByTestId('refund-status')).toHaveAttribute('data-status', 'done');
    await expect(cashier.getByTestId('history-refunded').first()).toHaveAttribute('data-tiyn', '150000');
    expect(nbsp(await cashier.getByTestId('history-refunded').first().textContent())).toContain('1 500 ₸');
    await customerContext.close();
  } finally {
    if (server) await stopServe(server);
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
