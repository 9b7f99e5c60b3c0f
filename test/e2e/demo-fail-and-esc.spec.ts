// The unhappy paths: the buyer refuses (Fail), and the cashier cancels with Esc.
import { expect, test } from './fixtures.js';

test('Fail: both screens show the failure; Retry charges the same amount again', async ({ cashier, customer }) => {
  await cashier.getByTestId('amount-input').fill('990');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await cashier.getByTestId('demo-fail').click();
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'failed');
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'failed');
  await expect(customer.getByTestId('customer-outcome')).toHaveAttribute('data-tone', 'failed');
  await expect(customer.getByTestId('customer-qr')).toHaveCount(0);
  await expect(cashier.getByTestId('order-number')).toHaveCount(0);
  await expect(cashier.getByTestId('new-sale-button')).toHaveAccessibleDescription(/^Оплата не прошла 990\s₸ \S.+/); // and the reason

  await cashier.getByRole('button', { name: 'Повторить' }).click();
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await expect(customer.getByTestId('customer-qr')).toBeVisible();
});

test('Esc while the buyer confirms is refused with the seconds left; the refusal goes once Kaspi has answered', async ({ cashier }) => {
  await cashier.getByTestId('amount-input').fill('1250');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await cashier.getByTestId('demo-scan').click();
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'scanned');
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'buyer_confirming');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'scanned');
  await cashier.getByTestId('demo-confirm').click();
  await expect(cashier.getByTestId('order-number')).toBeVisible();
  await expect(cashier.getByTestId('error-message')).toHaveCount(0);
});

test('Esc cancels the running sale; the QR leaves the customer display; History shows it cancelled', async ({ cashier, customer }) => {
  await cashier.getByTestId('amount-input').fill('777');
  await cashier.getByTestId('charge-button').click();
  await expect(customer.getByTestId('customer-qr')).toBeVisible();
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(customer.getByTestId('customer-qr')).toHaveCount(0);
  // The buyer in front of the cashier is not told a payment failed: it was stopped.
  await expect(customer.getByTestId('customer-outcome')).toHaveAttribute('data-tone', 'cancelled');
  await expect(customer.getByTestId('customer-status')).toHaveText('Оплата отменена');
  await cashier.getByTestId('tab-history').click();
  await expect(cashier.getByTestId('history-row')).toHaveCount(1);
  await expect(cashier.getByTestId('history-row').first()).toContainText(/Отменено/);
});

for (const how of ['Esc', 'the Cancel button'] as const) test(`${how} works while the charge reply is still on its way (the QR already shown from the event)`, async ({ cashier, customer }) => {
  // The charge's reply reaches the page late; main's sale.updated event (the QR) does not wait for it.
  let releaseReply: () => void = () => {};
  const replyHeld = new Promise<void>((resolve) => (releaseReply = resolve));
  await cashier.route('**/api/payments.charge', async (route) => {
    const response = await route.fetch();
    await replyHeld;
    await route.fulfill({ response });
  });
  await cashier.getByTestId('amount-input').fill('555');
  await cashier.getByTestId('charge-button').click();
  await expect(customer.getByTestId('customer-qr')).toBeVisible();
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  if (how === 'Esc') await cashier.keyboard.press('Escape');
  else await cashier.getByTestId('cancel-button').click(); // a mouse or touch screen: not disabled while the reply is awaited
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
  releaseReply(); // the late reply (qr_shown) must not bring the sale back on screen
  await expect(customer.getByTestId('customer-qr')).toHaveCount(0);
  await cashier.waitForTimeout(300);
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
});

test('Esc with no sale clears the typed amount; a bad amount is refused with a message', async ({ cashier }) => {
  await cashier.getByTestId('amount-input').fill('12');
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('amount-input')).toHaveValue('');
  await cashier.getByTestId('charge-button').click();
  await expect(cashier.getByTestId('error-message')).toBeVisible();
  await cashier.getByTestId('tab-history').click();
  await expect(cashier.getByTestId('history-row')).toHaveCount(0);
});

test('the language switch changes both screens', async ({ cashier, customer }) => {
  await cashier.getByTestId('tab-settings').click();
  await cashier.getByTestId('language-select').selectOption('en');
  await expect(cashier.getByTestId('tab-history')).toHaveText('History');
  await expect(customer.getByText('Welcome!')).toBeVisible();
  await expect(customer.locator('body')).not.toContainText('Магазин'); // no shop name in another language
  await cashier.getByTestId('language-select').selectOption('kk');
  await expect(cashier.getByTestId('tab-history')).toHaveText('Тарих');
});
