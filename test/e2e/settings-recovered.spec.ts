// A settings file damaged while Kassa was off: the cashier screen says so in a red line, the shop's
// settings are back from their copy, and the line goes when the manager dismisses it — for good.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openCashier, startServe, stopServe, test } from './fixtures.js';

test('a damaged settings.json: the red line, the settings restored, dismissed for good', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-settings-'));
  let server = await startServe(dataDir);
  let page = await browser.newPage();
  await openCashier(page, server.cashierUrl);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('shop-name-input').fill('Кофейня у дома');
  await page.getByTestId('shop-name-save').click();
  await expect(page.getByText('Кофейня у дома').first()).toBeVisible();
  await page.close();
  await stopServe(server);

  const file = join(dataDir, 'settings.json');
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, -15)); // cut: no JSON any more

  server = await startServe(dataDir);
  page = await browser.newPage();
  await openCashier(page, server.cashierUrl);
  const banner = page.getByTestId('settings-recovered');
  await expect(banner).toHaveAttribute('data-recovered', 'backup');
  await expect(banner).toContainText('Файл настроек был повреждён');
  await expect(page.locator('.topbar__shop')).toHaveText('Кофейня у дома'); // restored from the copy
  await page.getByTestId('settings-recovered-dismiss').click();
  await expect(banner).toHaveCount(0);
  await page.close();
  await stopServe(server);

  server = await startServe(dataDir);
  page = await browser.newPage();
  await openCashier(page, server.cashierUrl);
  await expect(page.locator('.topbar__shop')).toHaveText('Кофейня у дома');
  await expect(page.getByTestId('settings-recovered')).toHaveCount(0);
  await page.close();
  await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
});
