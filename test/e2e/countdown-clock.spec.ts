// The countdown under the QR tells the time Kaspi's timer really has left, also when the computer's
// clock is corrected while the buyer looks at it (Windows time sync, an NTP step, a cashier fixing it).
import { expect, openCashier, test } from './fixtures.js';

const seconds = (text: string | null) => {
  const [mm, ss] = (/(\d{2}):(\d{2})/.exec(text ?? '') ?? []).slice(1).map(Number);
  return mm! * 60 + ss!;
};

test('a clock corrected during a sale moves neither screen\'s countdown', async ({ browser, server }) => {
  const cashier = await browser.newPage();
  const customerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const customer = await customerContext.newPage();
  for (const page of [cashier, customer]) await page.clock.install({ time: Date.now() });
  await openCashier(cashier, server.cashierUrl);
  await customer.goto(server.customerUrl);
  await cashier.getByTestId('amount-input').fill('4500');
  await cashier.keyboard.press('Enter');
  await expect(customer.getByTestId('customer-countdown')).toBeVisible();
  expect(seconds(await cashier.getByTestId('payment-countdown').textContent())).toBeGreaterThan(170);

  for (const page of [cashier, customer]) {
    await page.clock.setSystemTime(Date.now() + 7 * 60_000); // the page's wall clock jumps; its monotonic clock does not
    await page.clock.runFor(2_000);
  }
  expect(seconds(await cashier.getByTestId('payment-countdown').textContent())).toBeGreaterThan(150);
  expect(seconds(await customer.getByTestId('customer-countdown').textContent())).toBeGreaterThan(150);
  // and when the sale screen is shown again (History and back)
  await cashier.getByTestId('tab-history').click();
  await cashier.getByTestId('tab-sale').click();
  await cashier.clock.runFor(1_000);
  expect(seconds(await cashier.getByTestId('payment-countdown').textContent())).toBeGreaterThan(150);
  await customerContext.close();
});
