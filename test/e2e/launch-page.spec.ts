// `kassa serve` starts each browser window at a launch page in its profile folder, so the screen's
// token is never on the browser's command line. In Debian Chromium: the page forwards to the
// screen, which then works and keeps its token out of the address bar.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchPage } from '../../main/host/open-browser.js';
import { expect, test } from './fixtures.js';

test('a launch page opens the cashier and the customer screens', async ({ context, browser, server }) => {
  const origin = new URL(server.cashierUrl).origin;
  const cashierPage = join(server.dataDir, 'launch-cashier.html');
  const customerPage = join(server.dataDir, 'launch-customer.html');
  writeFileSync(cashierPage, launchPage(server.cashierUrl));
  writeFileSync(customerPage, launchPage(server.customerUrl));

  const cashier = await context.newPage();
  await cashier.goto(pathToFileURL(cashierPage).href);
  await expect(cashier.getByTestId('amount-input')).toBeVisible();
  expect(cashier.url()).toBe(`${origin}/`);

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(pathToFileURL(customerPage).href);
  await expect(customer).toHaveURL(`${origin}/customer`);
  await expect(customer.getByTestId('customer-welcome')).toBeVisible();
  await customerContext.close();
});
