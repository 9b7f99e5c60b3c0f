// A keyboard (or screen-reader) user keeps their place: a button that turns itself off or goes away
// when pressed leaves the focus on itself or on what comes next, never on the page. The tab list
// behaves as ARIA tabs; fields are named by their captions alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPORT_HEADER, writeReport } from '../helpers/report-file.js';
import { expect, payDemoSale, test } from './fixtures.js';

const report = join(process.cwd(), 'test', 'fixtures', 'kaspi-samples', 'kaspi_sales_report_sample.csv');
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

async function pressOn(page: Page, testId: string, key = 'Enter'): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.keyboard.press(key);
}

/**
 * A file chosen from the focused file field (what Space opens there: import-reconcile.spec.ts presses it;
 * here the chooser is answered directly); its preview takes the focus.
 */
async function pickByKeyboard(page: Page): Promise<void> {
  await expect(page.getByTestId('import-file')).toBeFocused();
  await page.getByTestId('import-file').setInputFiles(report);
  await expect(page.getByTestId('import-preview-title')).toBeFocused();
}

test('tabs: arrows, Home and End move between them; Enter opens the one focused', async ({ cashier }) => {
  await cashier.getByTestId('tab-sale').focus();
  await cashier.keyboard.press('ArrowRight');
  await expect(cashier.getByTestId('tab-history')).toBeFocused();
  await cashier.keyboard.press('End');
  await expect(cashier.getByTestId('tab-settings')).toBeFocused();
  await cashier.keyboard.press('ArrowRight'); // round to the first
  await expect(cashier.getByTestId('tab-sale')).toBeFocused();
  await cashier.keyboard.press('ArrowLeft');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('settings')).toBeVisible();
  await expect(cashier.getByRole('tabpanel')).toHaveAccessibleName('Настройки');
  await expect(cashier.getByTestId('tab-settings')).toHaveAttribute('tabindex', '0');
  await expect(cashier.getByTestId('tab-sale')).toHaveAttribute('tabindex', '-1');
  // a field is named by its caption, not by the Save button beside it
  await expect(cashier.getByTestId('shop-name-input')).toHaveAccessibleName('Название магазина (видно покупателю)');
  await cashier.getByTestId('shop-name-input').fill('Ромашка');
  await pressOn(cashier, 'shop-name-save');
  await expect(cashier.getByTestId('settings-saved')).toBeVisible();
  expect(await focusedTestId(cashier)).toBe('shop-name-save');
});

test('History and a refund by the keyboard: the focus follows the work', async ({ cashier }) => {
  await payDemoSale(cashier, '4500');
  await cashier.getByTestId('tab-history').click();
  await expect(cashier.getByTestId('history-row')).toHaveCount(1);

  await pressOn(cashier, 'history-refresh');
  await expect(cashier.getByTestId('history-refresh')).not.toHaveAttribute('aria-disabled', 'true');
  expect(await focusedTestId(cashier)).toBe('history-refresh');

  const refundButton = cashier.getByRole('button', { name: /^Возврат: 4\s500\s₸, чек 000001$/ });
  await refundButton.focus();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('refund-amount')).toBeFocused();
  await pressOn(cashier, 'refund-close');
  await expect(refundButton).toBeFocused(); // back where the cashier opened it

  await cashier.keyboard.press('Enter');
  await cashier.getByTestId('refund-amount').fill('1000');
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('refund-confirm-no')).toBeFocused(); // the safe answer first
  await pressOn(cashier, 'refund-confirm');
  await expect(cashier.getByTestId('refund-status')).toHaveAttribute('data-status', 'done');
  await expect(cashier.getByTestId('refund-status')).toBeFocused(); // and it is read out
});

test('Import and Reconciliation by the keyboard: the focus stays on the work', async ({ cashier }) => {
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-batches-empty').waitFor();
  await cashier.getByTestId('import-file').focus();
  await pickByKeyboard(cashier);
  await pressOn(cashier, 'import-clear');
  await expect(cashier.getByTestId('import-file')).toBeFocused(); // the next thing to do: pick a file

  await pickByKeyboard(cashier); // straight from there
  await pressOn(cashier, 'import-confirm');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await pressOn(cashier, 'import-result-close');
  await expect(cashier.getByTestId('import-file')).toBeFocused();
  // Undo asked about, then kept — by "No" and by Esc: the focus is back on that Undo
  await pressOn(cashier, 'import-undo');
  await expect(cashier.getByTestId('import-undo-keep')).toBeFocused();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('import-undo')).toBeFocused();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('import-undo-keep')).toBeFocused();
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('import-undo')).toBeFocused();

  await cashier.getByTestId('tab-reconcile').click();
  await cashier.getByTestId('reconcile-from').fill('01.03.2025');
  await cashier.getByTestId('reconcile-to').fill('31.03.2025');
  await pressOn(cashier, 'reconcile-run');
  await expect(cashier.getByTestId('reconcile-period')).toHaveAttribute('data-from', '2025-03-01');
  expect(await focusedTestId(cashier)).toBe('reconcile-run');
  const exportButton = cashier.getByTestId('reconcile-export-csv').first();
  await exportButton.focus();
  const [download] = await Promise.all([cashier.waitForEvent('download'), cashier.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await expect(exportButton).not.toHaveAttribute('aria-disabled', 'true');
  await expect(exportButton).toBeFocused();
});

test('a big import by the keyboard: Cancel keeps the focus when the write begins (it can no longer act)', async ({ cashier }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('big.csv');
  writeReport(file, 60_000);
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  await expect(cashier.getByTestId('import-rows')).toHaveAttribute('data-value', '60000', { timeout: 60_000 });
  // where the focus is while the write runs (however briefly): sampled every 20 ms
  await cashier.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { focusWhileWriting: string[] }).focusWhileWriting = seen;
    setInterval(() => {
      const cancel = document.querySelector('[data-testid="import-cancel"]');
      if (document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-phase') !== 'writing') return;
      seen.push(`${document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName}:${cancel?.getAttribute('aria-disabled')}`);
    }, 20);
  });
  await pressOn(cashier, 'import-confirm');
  await cashier.getByTestId('import-cancel').focus(); // ready to cancel
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  const seen = await cashier.evaluate(() => (window as unknown as { focusWhileWriting: string[] }).focusWhileWriting);
  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(seen)).toEqual(new Set(['import-cancel:true'])); // on Cancel, which says it cannot act — never the page
});

test('a blocked Import is reached by Tab and says why; Esc takes back an undo question from its "Yes" too', async ({ cashier }, testInfo) => {
  const bad = testInfo.outputPath('bad.csv');
  writeFileSync(
    bad,
    `\ufeff${REPORT_HEADER}\r\n1;15000000001;05.03.2025;10:00:00;06.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;\r\n2;15000000002;31.02.2025;10:00:00;06.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;\r\n`,
  );
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(bad);
  await expect(cashier.getByTestId('import-invalid-count')).toHaveAttribute('data-value', '1');
  await cashier.getByTestId('import-accept-valid').focus();
  await cashier.keyboard.press('Tab');
  const confirm = cashier.getByTestId('import-confirm');
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAttribute('aria-disabled', 'true');
  await expect(confirm).toHaveAccessibleDescription(/import only the valid|только корректные/i);
  await cashier.keyboard.press('Enter'); // blocked: nothing imported
  await expect(cashier.getByTestId('import-result')).toHaveCount(0);
  await cashier.getByTestId('import-accept-valid').check();
  await pressOn(cashier, 'import-confirm');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await pressOn(cashier, 'import-undo');
  await expect(cashier.getByTestId('import-undo-keep')).toBeFocused();
  await cashier.keyboard.press('Shift+Tab');
  await expect(cashier.getByTestId('import-undo-confirm')).toBeFocused();
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('import-undo-confirm')).toHaveCount(0);
  await expect(cashier.getByTestId('import-undo')).toBeFocused();
  await expect(cashier.getByTestId('import-batch').first()).toHaveAttribute('data-undone', 'false');
});

test('a refund question and panel close by Esc: "No" first, then the panel, the focus back on its row', async ({ cashier }) => {
  await payDemoSale(cashier, '2500');
  await cashier.getByTestId('tab-history').click();
  await pressOn(cashier, 'refund-button');
  await expect(cashier.getByTestId('refund-amount')).toBeFocused();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('refund-confirm-no')).toBeFocused();
  await cashier.keyboard.press('Shift+Tab');
  await expect(cashier.getByTestId('refund-confirm')).toBeFocused();
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('refund-confirm')).toHaveCount(0);
  await expect(cashier.getByTestId('refund-amount')).toBeFocused();
  await cashier.keyboard.press('Escape');
  await expect(cashier.getByTestId('refund-panel')).toHaveCount(0);
  await expect(cashier.getByTestId('refund-button').first()).toBeFocused();
});

test('Reconciliation read out: a finished run says its figures, an export that worked says so, the select column is named as such', async ({ cashier }) => {
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(report);
  await pressOn(cashier, 'import-confirm');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await cashier.getByTestId('tab-reconcile').click();
  await cashier.getByTestId('reconcile-from').fill('01.03.2025');
  await cashier.getByTestId('reconcile-to').fill('31.03.2025');
  await pressOn(cashier, 'reconcile-run');
  const period = cashier.getByTestId('reconcile-period');
  await expect(period).toHaveAttribute('data-from', '2025-03-01');
  await expect(period).toHaveAttribute('role', 'status');
  await expect(period).toContainText('15 000'); // the report − till difference, said with the period
  const exportCsv = cashier.getByTestId('reconcile-till-report').getByTestId('reconcile-export-csv');
  await exportCsv.focus();
  const [download] = await Promise.all([cashier.waitForEvent('download'), cashier.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await expect(cashier.getByTestId('reconcile-message')).toHaveAttribute('data-code', 'reconcile.exported');
  await expect(cashier.locator('[data-testid="reconcile-pairs"] thead th').first()).toHaveText('Выбрать для отметки');
});
