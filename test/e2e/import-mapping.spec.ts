// A bank export Kassa has no parser for, in Chromium: the CSV mapping editor reads the file's own
// header (windows-1251, comma-separated, point decimals, ISO dates, credit and debit columns), the
// preview follows the mapping, the mapping is saved by name, the rows import, and the same file
// with the saved mapping loaded adds nothing.
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { expect, test } from './fixtures.js';

const CSV = [
  'Дата,Приход,Расход,Назначение,Номер',
  '2025-03-05,1500.50,,Оплата от ТОО Ромашка,TX-1',
  '2025-03-06,,200.00,Комиссия банка,TX-2',
  '',
].join('\r\n');

test('map an unknown bank CSV, save the mapping, import; the same file again adds nothing', async ({ cashier }, testInfo) => {
  const file = testInfo.outputPath('halyk-export.csv');
  writeFileSync(file, iconv.encode(CSV, 'windows-1251'));
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  const mapping = cashier.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();

  await cashier.getByTestId('import-mapping-encoding').selectOption('windows-1251');
  await cashier.getByTestId('import-mapping-delimiter').selectOption(',');
  await cashier.getByTestId('import-mapping-decimal').selectOption('.');
  await cashier.getByTestId('import-mapping-date-format').selectOption('yyyy-mm-dd');
  await cashier.getByTestId('import-mapping-header-row').fill('1');
  await expect(cashier.getByTestId('import-mapping-columns')).toContainText('Приход');
  await cashier.getByTestId('import-mapping-date-column').fill('Дата');
  await cashier.getByTestId('import-mapping-amount-split').check();
  await cashier.getByTestId('import-mapping-credit-column').fill('Приход');
  await cashier.getByTestId('import-mapping-debit-column').fill('Расход');
  await cashier.getByTestId('import-mapping-id-column').fill('Номер');
  await cashier.getByTestId('import-mapping-description-column').fill('Назначение');
  await expect(mapping).toHaveAttribute('data-complete', 'true');
  // a header row that is no line number is what is said to be wrong (not the columns, which are named)
  await cashier.getByTestId('import-mapping-header-row').fill('0');
  await expect(cashier.getByTestId('import-mapping-incomplete')).toHaveText('Строка заголовка — номер строки файла от 1 до 1000.');
  await cashier.getByTestId('import-mapping-header-row').fill('1');
  await expect(mapping).toHaveAttribute('data-complete', 'true');

  await expect(cashier.getByTestId('import-rows')).toHaveAttribute('data-value', '2');
  await expect(cashier.getByTestId('import-sum')).toHaveAttribute('data-value', String(150_050 - 20_000));
  await expect(cashier.getByTestId('import-invalid-count')).toHaveAttribute('data-value', '0');

  await cashier.getByTestId('import-mapping-name').fill('Halyk CSV');
  await cashier.getByTestId('import-mapping-save').click();
  await expect(cashier.getByTestId('import-mapping-feedback')).toHaveAttribute('data-ok', 'true');

  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-imported', '2');
  await cashier.getByTestId('import-result-close').click();

  await cashier.getByTestId('import-file').setInputFiles(file);
  await cashier.getByTestId('import-mapping-load').selectOption('Halyk CSV');
  await expect(cashier.getByTestId('import-mapping-delimiter')).toHaveValue(',');
  await expect(cashier.getByTestId('import-mapping-encoding')).toHaveValue('windows-1251');
  await expect(cashier.getByTestId('import-rows')).toHaveAttribute('data-value', '2');
  await expect(cashier.getByTestId('import-new')).toHaveAttribute('data-value', '0');
  await expect(cashier.getByTestId('import-duplicates')).toHaveAttribute('data-value', '2');
});
