// Kassa's process dies while a QR is up: the cashier screen says Kassa is gone and the customer display
// takes the QR down (a buyer would scan it with no till watching), until Kassa is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openScreens, startServe, stopServe } from './fixtures.js';

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
