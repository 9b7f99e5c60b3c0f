// Kassa's process dies while a QR is up: the cashier screen says Kassa is gone and the customer display
// takes the QR down (a buyer would scan it with no till watching), until Kassa is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openCashier, openScreens, startServe, stopServe } from './fixtures.js';

test('kill -9 of kassa serve with a QR up: a banner on the cashier screen, no QR on the customer display', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-link-'));
  const server = await startServe(dataDir);
  try {
    const { cashier, customer, customerContext } = await openScreens(browser, server);
    await cashier.getByTestId('amount-input').fill('1500');
    await cashier.keyboard.press('Enter');
    await expect(customer.getByTestId('customer-qr')).toBeVisible();
    await expect(cashier.getByTestId('link-down')).toHaveCount(0);

    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;
    await expect(cashier.getByTestId('link-down')).toContainText('Нет связи с Kassa', { timeout: 15_000 });
    await expect(customer.getByTestId('customer-link-down')).toHaveText('Касса временно недоступна. Пожалуйста, подождите кассира.', { timeout: 15_000 });
    await expect(customer.getByTestId('customer-qr')).toHaveCount(0);
    await customerContext.close();
  } finally {
    await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a customer display whose event stream starts late still shows the QR charged meanwhile', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-late-'));
  const server = await startServe(dataDir);
  try {
    const cashier = await browser.newPage();
    await openCashier(cashier, server.cashierUrl);
    const customerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const customer = await customerContext.newPage();
    // The display's stream is held until the sale is charged: its first fetch saw no sale.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await customer.route('**/events?*', async (route) => {
      await held;
      await route.continue();
    });
    await customer.goto(server.customerUrl);
    await expect(customer.getByTestId('customer-demo-banner')).toBeVisible();

    await cashier.getByTestId('amount-input').fill('1500');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    await expect(customer.getByTestId('customer-qr')).toHaveCount(0);
    release();
    await expect(customer.getByTestId('customer-qr')).toBeVisible();
    await customerContext.close();
  } finally {
    await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
