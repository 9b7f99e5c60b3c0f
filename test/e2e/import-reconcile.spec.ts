// The manager's month end in Chromium: import the Kaspi sales report and the bank statement from the
// shared samples, see the preview, re-import adds nothing, undo a batch; reconcile report ↔ bank and
// download the view as CSV.
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toAlmatyIso } from '../../shared/almaty-time.js';
import { REPORT_HEADER } from '../helpers/report-file.js';
import { expect, payDemoSale, test } from './fixtures.js';

const SAMPLES = join(process.cwd(), 'test', 'fixtures', 'kaspi-samples');
const report = join(SAMPLES, 'kaspi_sales_report_sample.csv');
const statement1c = join(SAMPLES, 'kaspi_statement_1c_sample.txt');

/** Kaspi's report of the one paid 2 500 ₸ demo sale (its purchase id, on its Almaty day), written to `file`. */
function reportOfPaidSale(dataDir: string, file: string): string {
  const db = new Database(join(dataDir, 'kassa.db'), { readonly: true });
  const { pid, at } = db.prepare("SELECT qr_payment_id AS pid, created_at AS at FROM sales WHERE status = 'paid'").get() as { pid: string; at: string };
  db.close();
  const [y, m, d] = toAlmatyIso(Date.parse(at)).slice(0, 10).split('-');
  writeFileSync(file, `${REPORT_HEADER}\r\n1;${pid};${d}.${m}.${y};12:00:00;${d}.${m}.${y};Покупка;QR;2 500,00;2 475,00;25,00;0,00;;\r\n`);
  return file;
}

test('import the report and the 1C statement, re-import, undo; the report ↔ bank leg reconciles', async ({ cashier }) => {
  await cashier.getByTestId('tab-import').click();
  // by the keyboard: Space on the file field opens the chooser
  await cashier.getByTestId('import-batches-empty').waitFor(); // the tab has settled
  await cashier.getByTestId('import-file').focus();
  await expect(cashier.getByTestId('import-file')).toBeFocused();
  const [chooser] = await Promise.all([cashier.waitForEvent('filechooser'), cashier.keyboard.press('Space')]);
  await chooser.setFiles(report);
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', 'kaspi-report');
  await expect(cashier.getByTestId('import-preview-title')).toBeFocused(); // the field gave way: the keyboard user reads on from the preview
  // what the report says about itself: the shop's BIN and name, the period
  await expect(cashier.getByTestId('import-header')).toHaveAttribute('data-bin', '200340001238');
  await expect(cashier.getByTestId('import-header')).toHaveAttribute('data-period-to', '2025-03-02');
  await expect(cashier.getByTestId('import-header')).toContainText('ТОО «Тестовый магазин»');
  await expect(cashier.getByTestId('import-header')).toContainText('01.03.2025');
  const rows = Number(await cashier.getByTestId('import-rows').getAttribute('data-value'));
  expect(rows).toBeGreaterThan(0);
  await expect(cashier.getByTestId('import-new')).toHaveAttribute('data-value', String(rows));
  await expect(cashier.getByTestId('import-invalid-count')).toHaveAttribute('data-value', '0');
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-imported', String(rows));
  await cashier.getByTestId('import-result-close').click();

  // The same file again: nothing new.
  await cashier.getByTestId('import-file').setInputFiles(report);
  await expect(cashier.getByTestId('import-new')).toHaveAttribute('data-value', '0');
  await expect(cashier.getByTestId('import-duplicates')).toHaveAttribute('data-value', String(rows));
  await cashier.getByTestId('import-clear').click();

  await cashier.getByTestId('import-file').setInputFiles(statement1c);
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', '1c');
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await cashier.getByTestId('import-result-close').click();
  await expect(cashier.getByTestId('import-batch')).toHaveCount(2);

  // The same statement as MT940: each movement is offered as a near duplicate of the 1C one, named
  // as the manager knows it (counterparty / purpose), not by Kassa's internal ids.
  await cashier.getByTestId('import-file').setInputFiles(join(SAMPLES, 'kaspi_statement_mt940_sample.txt'));
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', 'mt940');
  const near = cashier.getByTestId('import-near-duplicate');
  await expect(near).toHaveCount(2);
  await expect(near.first()).not.toContainText('mt940|');
  await expect(near.first()).not.toContainText('1c|');
  await expect(near.first()).toContainText('16 275');
  await cashier.getByTestId('import-clear').click();

  await cashier.getByTestId('tab-reconcile').click();
  // an emptied day is told by Kassa, in the till's language (not the browser's own bubble)
  await cashier.getByTestId('reconcile-from').fill('');
  await cashier.getByTestId('reconcile-run').click();
  await expect(cashier.getByTestId('reconcile-message')).toHaveAttribute('data-code', 'reconcile.badDay');
  // a day that does not exist runs nothing: the manager is told, not shown another period's figures
  await cashier.getByTestId('reconcile-from').fill('31.02.2025');
  await cashier.getByTestId('reconcile-run').click();
  await expect(cashier.getByTestId('reconcile-message')).toHaveAttribute('data-code', 'reconcile.badDay'); // not "the start after the end"
  await expect(cashier.getByTestId('reconcile-from-error')).toHaveText('Такой даты нет (дд.мм.гггг)'); // the field says which
  await cashier.getByTestId('reconcile-from').fill('01.03.2025'); // as written here, whatever the browser's language
  await cashier.getByTestId('reconcile-to').fill('2025-03-02');
  await cashier.getByTestId('reconcile-run').click();
  await expect(cashier.getByTestId('reconcile-period')).toHaveAttribute('data-from', '2025-03-01');
  await expect(cashier.getByTestId('reconcile-difference')).toHaveAttribute('data-tiyn', '0');
  const days = cashier.getByTestId('reconcile-day');
  await expect(days.first()).toHaveAttribute('data-matched', 'true');

  const [download] = await Promise.all([
    cashier.waitForEvent('download'),
    cashier.getByTestId('reconcile-report-bank').getByTestId('reconcile-export-csv').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n').length).toBeGreaterThan(1);

  // 03.03 settles only the sample's refund, and no credit comes that day: said as such, not as a bank error
  await cashier.getByTestId('reconcile-to').fill('03.03.2025');
  await cashier.getByTestId('reconcile-run').click();
  await expect(cashier.locator('[data-testid="reconcile-day"][data-date="2025-03-03"]').getByTestId('reconcile-day-refunds')).toBeVisible();
  await expect(cashier.getByTestId('reconcile-refunds-to-take-back')).toHaveAttribute('data-tiyn', '-148500');

  // Undo the statement: the bank leg no longer has its credit.
  await cashier.getByTestId('tab-import').click();
  const statementBatch = cashier.getByTestId('import-batch').first();
  await statementBatch.getByTestId('import-undo').click();
  await expect(statementBatch.getByTestId('import-undo-keep')).toBeFocused();
  await statementBatch.getByTestId('import-undo-confirm').click();
  await expect(cashier.getByTestId('import-batch').first()).toHaveAttribute('data-undone', 'true');
  await expect(cashier.getByTestId('import-batch').first().getByTestId('import-batch-undone')).toBeFocused(); // not lost to the page
  await cashier.getByTestId('tab-reconcile').click(); // opening the tab reads the database again: no stale totals
  await expect(cashier.getByTestId('reconcile-difference')).not.toHaveAttribute('data-tiyn', '0');
});

test('a broken file is refused with a clear reason and nothing to confirm', async ({ cashier }, testInfo) => {
  const junk = testInfo.outputPath('report.xlsx');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(junk, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 7)]));
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(junk);
  await expect(cashier.getByTestId('import-problem').first()).toHaveAttribute('data-code', /corrupt_xlsx|not_xlsx/);
  await expect(cashier.getByTestId('import-confirm')).toHaveAttribute('aria-disabled', 'true');
  await expect(cashier.getByTestId('import-batches-empty')).toBeVisible();
});

test('a file refused as a whole still says on which line', async ({ cashier }, testInfo) => {
  const broken = testInfo.outputPath('payments.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(broken, '[\n  {"orderId": "A1", "amount": 100, "status": "paid"},\n  {"orderId": "A2", "amount": \n');
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(broken);
  const problem = cashier.getByTestId('import-problem').first();
  await expect(problem).toHaveAttribute('data-code', 'bad_json');
  await expect(problem).not.toHaveAttribute('data-line', '');
  const line = await problem.getAttribute('data-line');
  await expect(problem).toHaveText(new RegExp(`^строка ${line}: \\S`)); // the line, then the reason: not run together
});

test("another organization's statement is flagged against the files imported so far, without r3 settings", async ({ cashier }, testInfo) => {
  const other = testInfo.outputPath('other-1c.txt');
  const text = iconv.decode(readFileSync(statement1c), 'windows-1251');
  writeFileSync(other, iconv.encode(text.replaceAll('200340001238', '990140000385').replaceAll('KZ18722S000012345678', 'KZ55722S000099998888'), 'windows-1251'));
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(report);
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await cashier.getByTestId('import-result-close').click();
  await cashier.getByTestId('import-file').setInputFiles(other);
  await expect(cashier.getByTestId('import-header')).toHaveAttribute('data-bin', '990140000385');
  await expect(cashier.getByTestId('import-bin-mismatch')).toContainText('990140000385');
  await expect(cashier.getByTestId('import-bin-mismatch')).toContainText('импортированные до сих пор файлы — для 200340001238');
  // the shop's own statement: no warning
  await cashier.getByTestId('import-file').setInputFiles(statement1c);
  await expect(cashier.getByTestId('import-header')).toHaveAttribute('data-bin', '200340001238');
  await expect(cashier.getByTestId('import-bin-mismatch')).toHaveCount(0);
});

test('a report made for another BIN than the Kaspi settings is flagged before import', async ({ cashier }) => {
  await cashier.getByTestId('tab-settings').click();
  await cashier.getByTestId('kaspi-scheme').selectOption('r3');
  await cashier.getByTestId('kaspi-scheme-save').click(); // chosen, then saved
  // one digit mistyped: refused, said why
  await cashier.getByTestId('kaspi-bin').fill('200340001239');
  await cashier.getByTestId('kaspi-bin-save').click();
  await expect(cashier.getByTestId('kaspi-connection-feedback')).toHaveAttribute('data-ok', 'false');
  await expect(cashier.getByTestId('kaspi-connection-feedback')).toContainText('контрольная цифра');
  await cashier.getByTestId('kaspi-bin').fill('990140000136');
  await cashier.getByTestId('kaspi-bin-save').click();
  await expect(cashier.getByTestId('kaspi-connection-feedback')).toHaveAttribute('data-ok', 'true');
  // (the warning below reads the BIN from the settings main sent back: it proves the save)
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(report);
  await expect(cashier.getByTestId('import-header')).toHaveAttribute('data-bin', '200340001238');
  await expect(cashier.getByTestId('import-bin-mismatch')).toContainText('200340001238');
  await expect(cashier.getByTestId('import-bin-mismatch')).toContainText('990140000136');

  // the shop's own BIN: no warning
  await cashier.getByTestId('tab-settings').click();
  await cashier.getByTestId('kaspi-bin').fill('200340001238');
  await cashier.getByTestId('kaspi-bin-save').click();
  await cashier.getByTestId('tab-import').click();
  await expect(cashier.getByTestId('import-header')).toBeVisible();
  await expect(cashier.getByTestId('import-bin-mismatch')).toHaveCount(0);
});

test('demo sales: said to be left out, taken in on request; an export follows the status filter; a mark is taken back', async ({ cashier, server }, testInfo) => {
  await payDemoSale(cashier, '2500');

  await cashier.getByTestId('tab-reconcile').click(); // this month: the demo sale is not reconciled, and the screen says so
  await expect(cashier.getByTestId('reconcile-demo')).toHaveAttribute('data-left-out', '1');
  await expect(cashier.getByTestId('reconcile-till-total')).toHaveAttribute('data-tiyn', '0');
  await cashier.getByTestId('reconcile-include-demo').check();
  await expect(cashier.getByTestId('reconcile-till-total')).toHaveAttribute('data-tiyn', '250000');
  await expect(cashier.getByTestId('reconcile-demo')).toHaveAttribute('data-left-out', '0');
  await expect(cashier.getByTestId('reconcile-pair')).toHaveAttribute('data-status', 'only_till');

  await cashier.getByTestId('reconcile-filter-matched').click();
  await expect(cashier.getByTestId('reconcile-export-filtered')).toHaveAttribute('data-status', 'matched');
  const [download] = await Promise.all([
    cashier.waitForEvent('download'),
    cashier.getByTestId('reconcile-till-report').getByTestId('reconcile-export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kassa-till-report-matched-/);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(lines).toHaveLength(2); // the headers and the total: no matched pair, the till-only sale left out
  await cashier.getByTestId('reconcile-filter-all').click();
  const [all] = await Promise.all([
    cashier.waitForEvent('download'),
    cashier.getByTestId('reconcile-till-report').getByTestId('reconcile-export-csv').click(),
  ]);
  expect(readFileSync((await all.path())!, 'utf8')).toContain(';2500,00;');

  // Kaspi's report of that purchase arrives: the pair matches, is marked reconciled, and the mark taken back
  const file = reportOfPaidSale(server.dataDir, testInfo.outputPath('kaspi-report.csv'));
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await cashier.getByTestId('tab-reconcile').click();
  const pair = cashier.getByTestId('reconcile-pair');
  await expect(pair).toHaveAttribute('data-status', 'matched');
  await pair.getByTestId('reconcile-pair-select').check();
  await cashier.getByTestId('reconcile-mark').click();
  await expect(pair.getByTestId('reconcile-pair-reconciled')).toBeVisible();
  await pair.getByTestId('reconcile-pair-unmark').click();
  await expect(cashier.getByTestId('reconcile-message')).toHaveAttribute('data-code', 'reconcile.unmarked');
  await expect(pair.getByTestId('reconcile-pair-reconciled')).toHaveCount(0);
  await expect(pair.getByTestId('reconcile-pair-select')).toBeVisible(); // it can be marked again
});

test('a format chosen by hand: what the file showed as another format is not shown as this one\'s', async ({ cashier }) => {
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(statement1c);
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', '1c');
  await cashier.getByTestId('import-format').selectOption('mt940');
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', 'mt940');
  await expect(cashier.getByTestId('import-problem').first()).toBeVisible(); // not an MT940 statement
  await cashier.getByTestId('import-format').selectOption('csv'); // the mapping is not filled in yet
  await expect(cashier.getByTestId('import-mapping')).toBeVisible();
  await expect(cashier.getByTestId('import-preview-body')).toBeHidden();
  await expect(cashier.getByTestId('import-problem').first()).toBeHidden(); // MT940's refusal is gone with it
});

test('a statement of a month without movements records its period: no rows, yet importable, and said so', async ({ cashier }, testInfo) => {
  const lines = ['1CClientBankExchange', 'ВерсияФормата=1.01', 'Кодировка=Windows', 'РасчСчет=KZ18722S000012345678', 'ДатаНачала=01.04.2025', 'ДатаКонца=30.04.2025', 'КонецФайла'];
  const file = testInfo.outputPath('april-1c.txt');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', '1c');
  await expect(cashier.getByTestId('import-confirm-hint')).toContainText('импорт учтёт период выписки');
  await expect(cashier.getByTestId('import-problems')).not.toHaveAttribute('role', 'alert'); // not a refusal
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toContainText('период выписки учтён');
  await cashier.getByTestId('import-undo').click(); // the question says what the undo takes: the period's days
  await expect(cashier.getByTestId('batch-undo-question')).toHaveText(/^Отменить этот импорт\? Ни одна строка не удаляется\. Дни 01\.04\.2025–30\.04\.2025 будут без выписки/);
  await cashier.getByTestId('import-undo-keep').click();
  // the same file again: its period is covered now, nothing to record
  await cashier.getByTestId('import-file').setInputFiles(file);
  await expect(cashier.getByTestId('import-confirm-hint')).toHaveText('В файле нечего импортировать.');
  await expect(cashier.getByTestId('import-confirm')).toHaveAttribute('aria-disabled', 'true');
});

test('"import only the valid rows": the lines left out stay named in the result and counted in the history', async ({ cashier }, testInfo) => {
  const row = (n: number, id: string, date: string, gross: string) => `${n};${id};${date};10:00:0${n};06.04.2025;Покупка;QR;${gross};${gross};0,00;0,00;;`;
  const file = testInfo.outputPath('april-with-errors.csv');
  const rows = [row(1, '13000000201', '05.04.2025', '1 000,00'), row(2, '13000000202', '31.04.2025', '2 000,00'), row(3, '13000000203', '05.04.2025', 'сто')];
  writeFileSync(file, `\ufeff;Период:;01.04.2025 - 30.04.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`);
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  await expect(cashier.getByTestId('import-invalid-count')).toHaveAttribute('data-value', '2');
  await cashier.getByTestId('import-accept-valid').check();
  await cashier.getByTestId('import-confirm').click();
  const result = cashier.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-imported', '1');
  await expect(result).toHaveAttribute('data-left-out', '2');
  await expect(result).toContainText('Строки с ошибками не импортированы: 2');
  await expect(result.getByTestId('import-invalid-row')).toHaveCount(2);
  await expect(result.getByTestId('import-invalid-row').first()).toHaveAttribute('data-line', '5');
  await cashier.getByTestId('import-result-close').click();
  await expect(cashier.getByTestId('import-batch-left-out')).toHaveText('не импортировано строк с ошибками: 2');
});

test('by keyboard: the «Сверка» link puts the focus on the tab it opens; marking the last open pair leaves it on what was done', async ({ cashier, server }, testInfo) => {
  await payDemoSale(cashier, '2500');
  const file = reportOfPaidSale(server.dataDir, testInfo.outputPath('report.csv'));
  await cashier.getByTestId('tab-import').click();
  await cashier.getByTestId('import-file').setInputFiles(file);
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done');
  await cashier.getByTestId('import-open-reconcile').focus();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('tab-reconcile')).toBeFocused();
  await cashier.getByTestId('reconcile-include-demo').check();
  await cashier.getByTestId('reconcile-select-matched').focus();
  await cashier.keyboard.press('Space');
  await cashier.keyboard.press('Tab');
  await expect(cashier.getByTestId('reconcile-mark')).toBeFocused();
  await cashier.keyboard.press('Enter');
  await expect(cashier.getByTestId('reconcile-message')).toHaveAttribute('data-code', 'reconcile.marked');
  await expect(cashier.getByTestId('reconcile-select-matched')).toHaveCount(0); // nothing left to mark: the block is gone…
  await expect(cashier.getByTestId('reconcile-message')).toBeFocused(); // …and the focus is on its outcome
});
