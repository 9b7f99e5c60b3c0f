// A buyer pays a sale the cashier had cancelled while the next sale already runs: the cashier is told
// over every tab, across a reload, until someone acknowledges it (else the buyer is asked to pay again).
import { expect, test } from './fixtures.js';

test('a cancelled sale paid while the next one runs: a notice over every tab until acknowledged', async ({ cashier }) => {
  await cashier.getByTestId('amount-input').fill('1500');
  const charged = cashier.waitForResponse('**/api/payments.charge');
  await cashier.keyboard.press('Enter');
  const response = await charged;
  const token = response.request().headers()['x-kassa-token']!;
  const first = ((await response.json()) as { data: { id: string } }).data.id;
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
  await cashier.getByRole('button', { name: 'Повторить' }).click(); // the same amount again, a new QR
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await expect(cashier.getByTestId('paid-late')).toHaveCount(0);

  // the buyer scans and confirms the first QR, photographed before the cancel
  for (const action of ['scan', 'confirm']) {
    const reply = await cashier.request.post(new URL(`/api/demo.${action}`, cashier.url()).href, { headers: { 'x-kassa-token': token }, data: { saleId: first } });
    expect(reply.ok()).toBe(true);
  }
  const notice = cashier.getByTestId('paid-late');
  await expect(notice).toHaveAttribute('data-sale', first);
  await expect(notice).toContainText(/1\s500\s₸.*оплачена покупателем — чек 000001/);
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown'); // the running sale is left to the cashier
  await cashier.getByTestId('tab-history').click();
  await expect(notice).toBeVisible();

  await cashier.reload();
  await expect(cashier.getByTestId('paid-late')).toHaveAttribute('data-sale', first);
  await cashier.getByTestId('paid-late-ack').click();
  await expect(cashier.getByTestId('paid-late')).toHaveCount(0);
  await cashier.reload();
  await expect(cashier.getByTestId('cashier-app')).toHaveAttribute('data-ready', 'true');
  await expect(cashier.getByTestId('paid-late')).toHaveCount(0);
});
