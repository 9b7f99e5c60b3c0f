// A keyboard (or screen-reader) user keeps their place: a button that turns itself off or goes away
// when pressed leaves the focus on itself or on what comes next, never on the page. The tab list
// behaves as ARIA tabs; fields are named by their captions alone.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
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
