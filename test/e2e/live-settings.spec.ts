// A manager connects the till to Kaspi from the Settings tab (the key comes from the environment, as
// for a headless till), against `kassa simulator` on 127.0.0.1; then a live sale goes through.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, openCashier, startServe, stopServe, test, type KassaServer } from './fixtures.js';
import { caPath as simCa, kaspiHook, SIM_API_KEY as API_KEY, startSimulator } from './kaspi-simulator.js';

test('Settings: scheme r1, Kaspi address and CA, ping, trade point, register the till, go live, sell', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'kassa-e2e-settings-'));
  const caDir = join(root, 'pki');
  const sim = await startSimulator('r1', caDir);
  const caPath = simCa(sim);
  let server: KassaServer | null = null;
  try {
    server = await startServe(join(root, 'data'), { env: { KASSA_KASPI_API_KEY: API_KEY } });
    const page = await browser.newPage();
    await openCashier(page, server.cashierUrl);
    await page.getByTestId('tab-settings').click();

    // Live mode is refused until everything is set up.
    await expect(page.getByTestId('kaspi-ready')).toHaveAttribute('data-ready', 'false');
    await page.getByTestId('kaspi-scheme').selectOption('r1');
    // An address outside kaspi.kz the key was never used with: the key does not go there, and the
    // readiness line says how a key from the environment can (it cannot be typed in here).
    await page.getByTestId('kaspi-url').fill('https://kaspi-key-catcher.invalid:8443');
    await page.getByTestId('kaspi-url-save').click();
    await expect(page.getByTestId('kaspi-ready')).toContainText('--kaspi-url');
    await page.getByTestId('kaspi-url').fill(sim.url);
    await page.getByTestId('kaspi-url-save').click();
    await expect(page.getByTestId('kaspi-url')).toHaveValue(sim.url);
    await expect(page.getByTestId('kaspi-api-key-state')).toHaveAttribute('data-configured', 'true');
    await expect(page.getByTestId('kaspi-api-key-state')).toHaveAttribute('data-source', 'env');
    await expect(page.getByTestId('kaspi-api-key-state')).not.toContainText(API_KEY);

    // Kaspi's server certificate comes from Kaspi's own CA: not trusted until the manager loads it
    // (through a button in the app's language, not the browser's "Choose Files").
    await expect(page.getByTestId('kaspi-ca').locator('label.btn')).toHaveText('Выбрать файлы сертификатов…');
    await page.getByTestId('kaspi-ping').click();
    await expect(page.getByTestId('kaspi-ping-result')).toHaveAttribute('data-code', 'kaspi_tls');
    const junk = join(root, 'junk.crt');
    writeFileSync(junk, 'not a certificate');
    await page.getByTestId('kaspi-ca-file').setInputFiles(junk);
    await expect(page.getByTestId('kaspi-connection-feedback')).toHaveAttribute('data-code', 'kaspi_ca_invalid');
    await page.getByTestId('kaspi-ca-file').setInputFiles(caPath);
    await expect(page.getByTestId('kaspi-ca-state')).toHaveAttribute('data-configured', 'true');
    await page.getByTestId('kaspi-ping').focus();
    await page.keyboard.press('Enter'); // by the keyboard: the focus stays on the button pressed while Kaspi answers
    await expect(page.getByTestId('kaspi-ping-result')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('kaspi-ping')).toBeFocused();
    // the answer was of the credentials then: saving Kaspi's CA (again) takes it off, it is asked anew
    await page.getByTestId('kaspi-ca-file').setInputFiles(caPath);
    await expect(page.getByTestId('kaspi-ping-result')).toHaveCount(0);
    await page.getByTestId('kaspi-load-trade-points').click();
    // the list is named by its caption alone (not "… Register the till": the button beside it is no part of it)
    await expect(page.getByRole('combobox', { name: 'Торговая точка', exact: true })).toHaveAttribute('data-testid', 'kaspi-trade-point');
    await page.getByTestId('kaspi-trade-point').selectOption('4200001');
    await page.getByTestId('kaspi-register').click();
    await expect(page.getByTestId('kaspi-registration')).toHaveAttribute('data-registered', 'true');
    await expect(page.getByTestId('kaspi-ready')).toHaveAttribute('data-ready', 'true');
    // another address forgets the registration too: the address field says to unregister first
    await expect(page.getByRole('textbox', { name: 'Адрес Kaspi', exact: false })).toHaveAccessibleDescription(/отвяжите кассу/);
    // An arrow key on the scheme list only picks: nothing is saved (the registration stays) until Save
    await page.getByTestId('kaspi-scheme').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('kaspi-scheme-save')).toBeVisible();
    await expect(page.getByTestId('kaspi-scheme-hint')).toContainText('отвяжите кассу');
    await expect(page.getByTestId('kaspi-registration')).toHaveAttribute('data-registered', 'true');
    await page.getByTestId('kaspi-scheme').selectOption('r1'); // back to the saved one: nothing to save
    await expect(page.getByTestId('kaspi-scheme-save')).toHaveCount(0);
    await page.getByTestId('mode-live').click();
    await expect(page.getByTestId('settings-mode')).toHaveAttribute('data-mode', 'live');
    // the mode is switched by pressing a button, never by an arrow key
    await page.getByTestId('mode-live').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('settings-mode')).toHaveAttribute('data-mode', 'live');
    await expect(page.getByTestId('mode-live')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);

    await page.getByTestId('tab-sale').click();
    await page.getByTestId('amount-input').fill('990');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'qr_shown');
    const db = new Database(join(server.dataDir, 'kassa.db'), { readonly: true });
    const { qr_payment_id: id, mode } = db.prepare('SELECT qr_payment_id, mode FROM sales').get() as { qr_payment_id: string; mode: string };
    db.close();
    expect(mode).toBe('live');
    await kaspiHook(sim, 'scan', id);
    await kaspiHook(sim, 'confirm', id);
    await expect(page.getByTestId('order-number')).toBeVisible();
  } finally {
    if (server) await stopServe(server);
    sim.child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
