// The money-risk path in Chromium: Kaspi cannot be reached while the buyer pays, and the scan timer
// runs out (the simulator's is 6 s here). The cashier must not be led to charge again: the sale reads
// "result unknown" (amber, no Retry, typed digits do not start a new sale), the buyer's screen
// "checking your payment"; once Kaspi answers, the sale is paid with its receipt on both screens.
// Then Kaspi refusing the till's key: the red line says so (a manager's matter), and goes once it is over.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openScreens, stopServe, test, type KassaServer } from './fixtures.js';
import { kaspiHook, simFaults, startLiveR3Serve, startSimulator } from './kaspi-simulator.js';

test('Kaspi unreachable while the buyer pays: "result unknown", not a failure to charge again; then paid', async ({ browser }) => {
  test.setTimeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-outage-'));
  const caDir = join(root, 'pki');
  const sim = await startSimulator('r3', caDir, ['--scan-timeout', '6']);
  let server: KassaServer | null = null;
  try {
    server = await startLiveR3Serve(sim, join(root, 'data'));
    const { cashier, customer, customerContext } = await openScreens(browser, server);

    await cashier.getByTestId('amount-input').fill('4500');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
    const { qr_payment_id: qrPaymentId } = db.prepare('SELECT qr_payment_id FROM sales').get() as { qr_payment_id: string };

    await simFaults(sim, { route: 'payment/status/*', fault: 'http', httpStatus: 503 });
    await kaspiHook(sim, 'scan', qrPaymentId);
    await kaspiHook(sim, 'confirm', qrPaymentId); // paid at Kaspi; the till cannot hear it

    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-label', 'checking', { timeout: 30_000 });
    await expect(cashier.getByTestId('sale-result')).toHaveClass(/result--checking/);
    await expect(cashier.getByTestId('retry-button')).toHaveCount(0);
    await expect(customer.getByTestId('customer-outcome')).toHaveAttribute('data-tone', 'checking');
    await expect(customer.getByTestId('customer-status')).toHaveText('Проверяем оплату, подождите');
    await cashier.keyboard.type('4500'); // the same buyer's amount again, out of habit: nothing starts
    await expect(cashier.getByTestId('sale-result')).toBeVisible();
    await expect(cashier.getByTestId('amount-input')).toHaveCount(0);

    await simFaults(sim, null);
    await expect(cashier.getByTestId('order-number')).toBeVisible({ timeout: 60_000 }); // Kaspi read at the slow pace past the timers
    await expect(customer.getByTestId('customer-thanks')).toBeVisible();
    expect(db.prepare('SELECT status, amount_tiyn FROM sales').all()).toEqual([{ status: 'paid', amount_tiyn: 450000 }]);
    db.close();

    // Kaspi refusing the till's key is a manager's matter, not an outage that passes by itself
    await cashier.getByTestId('new-sale-button').click();
    await cashier.getByTestId('amount-input').fill('1000');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    await simFaults(sim, { route: 'payment/status/*', fault: 'status', statusCode: -10000 });
    await expect(cashier.getByTestId('connection-banner')).toHaveAttribute('data-refused', 'true');
    await expect(cashier.getByTestId('connection-banner')).toContainText('не принимает ключ или сертификат');
    await simFaults(sim, null);
    await expect(cashier.getByTestId('connection-banner')).toHaveCount(0);
    await customerContext.close();
  } finally {
    if (server) await stopServe(server);
    sim.child.kill();
    rmSync(root, { recursive: true, force: true });
  }
});
