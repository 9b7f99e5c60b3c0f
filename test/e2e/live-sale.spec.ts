// Live mode in Chromium: `kassa serve --live` (scheme r3: client certificate + BIN) against
// `kassa simulator` over mutual TLS on 127.0.0.1. The buyer is played through the simulator's test
// hooks; then a partial refund from History goes through Kaspi's payment/return.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openCashier, openScreens, startServe, stopServe, test, type KassaServer } from './fixtures.js';
import { kaspiHook, startLiveR3Serve, startSimulator } from './kaspi-simulator.js';

const nbsp = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

test('live r3: charge, the buyer pays in Kaspi, success on both screens, then a partial refund', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-live-'));
  const caDir = join(root, 'pki');
  const sim = await startSimulator('r3', caDir);
  let server: KassaServer | null = null;
  try {
    server = await startLiveR3Serve(sim, join(root, 'data'));
    const { cashier, customer, customerContext } = await openScreens(browser, server);

    await expect(cashier.getByTestId('demo-banner')).toHaveCount(0);
    await cashier.getByTestId('amount-input').fill('4500');
    await cashier.keyboard.press('Enter');
    await expect(cashier.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    await expect(customer.getByTestId('customer-qr')).toBeVisible();
    await expect(cashier.getByTestId('demo-scan')).toHaveCount(0);

    const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
    const { qr_payment_id: qrPaymentId } = db.prepare('SELECT qr_payment_id FROM sales').get() as { qr_payment_id: string };
    db.close();
    await kaspiHook(sim, 'scan', qrPaymentId);
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'scanned');
    await kaspiHook(sim, 'confirm', qrPaymentId);
    await expect(cashier.getByTestId('order-number')).toBeVisible();
    await expect(customer.getByTestId('customer-thanks')).toBeVisible();

    await cashier.getByTestId('tab-history').click();
    const row = cashier.getByTestId('history-row').first();
    await expect(row).toContainText('000001');
    await row.getByTestId('refund-button').click();
    const panel = cashier.getByTestId('refund-panel');
    await expect(panel).toHaveAttribute('data-flow', 'kaspi');
    await expect(panel.getByTestId('refund-amount')).toBeFocused();
    // more than is left: said at once, nothing asked
    await panel.getByTestId('refund-amount').fill('999999');
    await panel.getByTestId('refund-amount').press('Enter');
    await expect(panel.getByTestId('refund-confirm')).toHaveCount(0);
    await expect(panel.getByTestId('refund-error')).toBeVisible();
    await panel.getByTestId('refund-amount').fill('1500');
    // Enter asks (and the same key press does not answer "no" at once)
    await panel.getByTestId('refund-amount').press('Enter');
    await expect(panel.getByTestId('refund-confirm-no')).toBeFocused();
    await panel.getByTestId('refund-confirm-no').click();
    await expect(panel.getByTestId('refund-amount')).toBeFocused(); // back where the amount is corrected
    await panel.getByTestId('refund-submit').click();
    // asked once, the safe answer focused: nothing is sent until the cashier confirms the amount
    await expect(panel.getByTestId('refund-confirm-no')).toBeFocused();
    expect(nbsp(await panel.getByTestId('refund-confirm').locator('..').textContent())).toContain('1 500 ₸');
    await expect(panel.getByTestId('refund-status')).toHaveCount(0);
    await panel.getByTestId('refund-confirm').click();
    await expect(panel.getByTestId('refund-status')).toHaveAttribute('data-status', 'done');
    await expect(cashier.getByTestId('history-refunded').first()).toHaveAttribute('data-tiyn', '150000');
    expect(nbsp(await cashier.getByTestId('history-refunded').first().textContent())).toContain('1 500 ₸');
    await expect(row.locator('.status')).toHaveAttribute('data-label', 'partly_refunded');
    await expect(customer.getByTestId('customer-demo-banner')).toHaveCount(0); // live: no demo mark
    await expect(row.getByTestId('history-mode')).toHaveCount(0); // a sale of the till's own mode carries no mark

    // The till goes demo (to practise): the live sale is marked as live, and is not refunded from here.
    await cashier.getByTestId('tab-settings').click();
    await cashier.getByTestId('mode-demo').click();
    await expect(cashier.getByTestId('settings-mode')).toHaveAttribute('data-mode', 'demo');
    await cashier.getByTestId('tab-history').click();
    await expect(row.getByTestId('history-mode')).toHaveAttribute('data-mode', 'live');
    await expect(row.getByTestId('history-mode')).toHaveText('рабочий режим');
    await expect(panel).toBeVisible(); // still open from before the switch
    await panel.getByTestId('refund-amount').fill('100');
    await panel.getByTestId('refund-amount').press('Enter');
    await panel.getByTestId('refund-confirm').click();
    await expect(panel.getByTestId('refund-error')).toHaveAttribute('data-code', 'refund_live_in_demo');
    await expect(cashier.getByTestId('history-refunded').first()).toHaveAttribute('data-tiyn', '150000'); // nothing more went back
    await cashier.getByTestId('tab-settings').click();
    await cashier.getByTestId('mode-live').click();
    await expect(cashier.getByTestId('settings-mode')).toHaveAttribute('data-mode', 'live');
    await customerContext.close();
    await cashier.close();

    // Started again without its certificate (the key store not opened, an environment left out): the
    // sale screen says the till cannot sell, instead of "ready".
    await stopServe(server);
    server = await startServe(join(root, 'data'));
    const again = await browser.newPage();
    await openCashier(again, server.cashierUrl);
    await expect(again.getByTestId('sale-not-ready')).toHaveAttribute('data-gap', 'certificate');
    await expect(again.getByTestId('sale-not-ready')).toContainText('сертификат');
    await expect(again.getByTestId('sale-idle')).toHaveCount(0);
  } finally {
    if (server) await stopServe(server);
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
