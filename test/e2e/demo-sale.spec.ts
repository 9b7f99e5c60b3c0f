// A demo-mode sale end to end, through `kassa serve`, real SQLite, Debian Chromium.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, openCashier, startServe, stopServe, test } from './fixtures.js';
import { decodeQr } from './qr-decode.js';

const nbsp = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

test('type 4500, Enter: the customer QR decodes to the stored QrToken; scan, confirm: success on both screens and in History', async ({
  cashier,
  customer,
  server,
}) => {
  await expect(cashier.getByTestId('demo-banner')).toBeVisible();
  // Kassa speaks the language itself: no browser translation rewriting amounts on either screen
  for (const page of [cashier, customer]) await expect(page.locator('html')).toHaveAttribute('translate', 'no');
  // The buyer's screen says so too: a real Kaspi app could scan the demo QR.
  await expect(customer.getByTestId('customer-demo-banner')).toHaveText('ДЕМО-РЕЖИМ — оплата не настоящая');
  await expect(customer.getByTestId('customer-qr')).toHaveCount(0);

  await cashier.getByTestId('amount-input').focus();
  await cashier.keyboard.type('4500');
  await cashier.keyboard.press('Enter');

  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await expect(cashier.getByTestId('payment-qr')).toBeVisible();
  const customerQr = customer.getByTestId('customer-qr');
  await expect(customerQr).toBeVisible();
  expect(nbsp(await customer.getByTestId('customer-amount').textContent())).toContain('4 500 ₸');

  // The QR is at least 60 % of the shorter side of the customer screen.
  const box = (await customerQr.boundingBox())!;
  const viewport = customer.viewportSize()!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(0.6 * Math.min(viewport.width, viewport.height));

  const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
  const stored = db.prepare('SELECT qr_token, status, amount_tiyn FROM sales').get() as { qr_token: string; status: string; amount_tiyn: number };
  db.close();
  expect(stored).toMatchObject({ status: 'qr_shown', amount_tiyn: 450000 });
  expect(await decodeQr(customerQr)).toBe(stored.qr_token);
  expect(await decodeQr(cashier.getByTestId('payment-qr'))).toBe(stored.qr_token);

  await cashier.getByTestId('demo-scan').click();
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'scanned');
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'scanned');
  await cashier.getByTestId('demo-confirm').click();

  // Success on both screens (how fast is measured by `npm run bench`, status → screen event).
  await expect(cashier.getByTestId('order-number')).toBeVisible();
  await expect(customer.getByText('Спасибо!')).toBeVisible();
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'paid');
  const order = await cashier.getByTestId('order-number').getAttribute('data-order');
  expect(order).toBe('000001');
  // focus is on "New sale"; a screen reader hears the outcome with it
  await expect(cashier.getByTestId('new-sale-button')).toBeFocused();
  await expect(cashier.getByTestId('new-sale-button')).toHaveAccessibleDescription(/^Оплачено 4\s500\s₸ Чек № 000001$/);

  await cashier.getByTestId('tab-history').click();
  const row = cashier.getByTestId('history-row').first();
  await expect(row).toBeVisible();
  expect(nbsp(await row.textContent())).toContain('4 500 ₸');
  expect(await row.textContent()).toContain('000001');

  // The next buyer's amount typed straight over the finished sale starts the next sale with it.
  await cashier.getByTestId('tab-sale').click();
  await expect(cashier.getByTestId('sale-result')).toBeVisible();
  await cashier.keyboard.type('3500');
  await expect(cashier.getByTestId('amount-input')).toBeFocused();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await expect.poll(async () => nbsp(await customer.getByTestId('customer-amount').textContent())).toContain('3 500 ₸');
});

test('a paid sale is still there after quitting and restarting', async ({ browser }) => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-restart-'));
  let server = await startServe(dataDir);
  let page = await browser.newPage();
  await openCashier(page, server.cashierUrl);
  await page.getByTestId('amount-input').fill('1250,50');
  await page.getByTestId('charge-button').click();
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await page.getByTestId('demo-scan').click();
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'scanned');
  await page.getByTestId('demo-confirm').click();
  await expect(page.getByTestId('order-number')).toBeVisible();
  await page.close();
  await stopServe(server);

  server = await startServe(dataDir);
  page = await browser.newPage();
  await openCashier(page, server.cashierUrl);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  expect(nbsp(await page.getByTestId('history-row').textContent())).toContain('1 250,50 ₸');
  await page.close();
  await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a third digit after the comma is not silently dropped: the cashier is told to check the amount, and Enter charges nothing', async ({
  cashier,
  server,
}) => {
  await cashier.getByTestId('amount-input').focus();
  await cashier.keyboard.type('12,345'); // 12 345 ₸ typed with a thousands comma
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.tooManyDecimals');
  await expect(cashier.getByTestId('amount-input')).toHaveValue('12,34');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.tooManyDecimals');
  await cashier.keyboard.press('Backspace');
  await expect(cashier.getByTestId('error-message')).toHaveCount(0);
  // the amount as corrected is the one charged — and the only sale
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
  const amounts = (db.prepare('SELECT amount_tiyn FROM sales').all() as { amount_tiyn: number }[]).map((r) => r.amount_tiyn);
  db.close();
  expect(amounts).toEqual([1230]);
});

test('a minus or a letter in the amount is not silently dropped: the cashier is told, and Enter charges nothing until the amount is retyped', async ({
  cashier,
  server,
}) => {
  await cashier.getByTestId('amount-input').focus();
  await cashier.keyboard.type('-5'); // a refund meant, perhaps: never a 5 ₸ charge without a word
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await expect(cashier.getByTestId('amount-input')).toHaveValue('5');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await cashier.keyboard.type('00'); // typing on does not make it go: the minus left no trace in the field
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await cashier.keyboard.press('Backspace');
  await cashier.keyboard.press('Backspace');
  await cashier.keyboard.press('Backspace'); // emptied: the amount is typed again, knowingly
  await expect(cashier.getByTestId('error-message')).toHaveCount(0);
  await cashier.keyboard.type('500');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  await expect(cashier.getByTestId('running-status')).toBeFocused(); // keyboard focus stays on the sale, not on Cancel
  await cashier.keyboard.press('Escape'); // cancelled: the result screen, focus on "New sale"
  await expect(cashier.getByTestId('sale-result')).toBeVisible();

  // "-5" typed over the finished sale (focus on a button, not in the field) warns the same way,
  await cashier.keyboard.type('-5');
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await expect(cashier.getByTestId('amount-input')).toHaveValue('5');
  // and a look at History on the way does not make it go.
  await cashier.getByTestId('tab-history').click();
  await cashier.getByTestId('tab-sale').click();
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await cashier.getByTestId('amount-input').press('Enter');
  await expect(cashier.getByTestId('sale-running')).toHaveCount(0);
  const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
  const amounts = (db.prepare('SELECT amount_tiyn FROM sales').all() as { amount_tiyn: number }[]).map((r) => r.amount_tiyn);
  db.close();
  expect(amounts).toEqual([50000]);
});

test('the amount typed again over a selection (Ctrl+A) clears the minus warning; a pasted zero-padded amount is charged whole', async ({ cashier, server }) => {
  const input = cashier.getByTestId('amount-input');
  await input.focus();
  await cashier.keyboard.type('-500');
  await expect(cashier.getByTestId('error-message')).toHaveAttribute('data-code', 'sale.signsDropped');
  await cashier.keyboard.press('Control+a');
  await cashier.keyboard.type('500'); // erased and typed again, as the message asks
  await expect(cashier.getByTestId('error-message')).toHaveCount(0);
  await cashier.keyboard.press('Control+a');
  await cashier.keyboard.insertText('000000000001500'); // a scale's or a spreadsheet's zero-padded figure, pasted
  await expect(input).toHaveValue('1\u00a0500');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
  const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
  const amounts = (db.prepare('SELECT amount_tiyn FROM sales').all() as { amount_tiyn: number }[]).map((r) => r.amount_tiyn);
  db.close();
  expect(amounts).toEqual([150_000]);
});

test('editing inside a grouped amount: Backspace and Delete by a group space take the digit beyond it, and the caret stays by its digit', async ({ cashier }) => {
  const input = cashier.getByTestId('amount-input');
  const caret = () => input.evaluate((el: HTMLInputElement) => el.selectionStart);
  await input.focus();
  await cashier.keyboard.type('12345'); // "12 345"
  await input.evaluate((el: HTMLInputElement) => el.setSelectionRange(3, 3)); // after the space, before "3"
  await cashier.keyboard.press('Backspace');
  await expect(input).toHaveValue('1\u00a0345');
  expect(await caret()).toBe(1); // after the "1"
  await cashier.keyboard.type('2');
  await expect(input).toHaveValue('12\u00a0345');
  expect(await caret()).toBe(2);
  await cashier.keyboard.press('Delete'); // before the space: the "3" goes
  await expect(input).toHaveValue('1\u00a0245');
  await input.evaluate((el: HTMLInputElement) => el.setSelectionRange(1, 1)); // after the first digit
  await cashier.keyboard.type('9'); // one group more: the caret stays after the 9
  await expect(input).toHaveValue('19\u00a0245');
  await cashier.keyboard.type('99');
  await expect(input).toHaveValue('1\u00a0999\u00a0245');
  expect(await caret()).toBe(5);
});
