// A month of a busy shop in Chromium through `kassa serve` as built: a 60 000-row Kaspi report
// (7 MB) is uploaded, previewed and imported with the parse in the bundled worker thread; the
// result and the batch history show every row, and the server's log says where the file was parsed.
// A second window follows the import it did not start, and hears of its undo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../helpers/report-file.js';
import { expect, openCashier, test } from './fixtures.js';

const ROWS = 60_000;

test('a 60 000-row report imports through the bundled worker, with its preview, result and batch', async ({ cashier, server, context }, testInfo) => {
  test.setTimeout(120_000); // a 7 MB upload, preview and import on a shared 2-core machine
  const file = testInfo.outputPath('kaspi-report-march.csv');
  const { grossTiyn } = writeReport(file, ROWS);
  await cashier.getByTestId('tab-import').click();
  // how far the preview has read, as the drop zone shows it
  await cashier.evaluate(() => {
    const rows: number[] = [];
    (window as unknown as { previewRows: number[] }).previewRows = rows;
    new MutationObserver(() => {
      const seen = Number(document.querySelector('[data-testid="import-previewing"]')?.getAttribute('data-rows') ?? 0);
      if (seen > 0) rows.push(seen);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rows'] });
  });
  await cashier.getByTestId('import-file').setInputFiles(file);
  await expect(cashier.getByTestId('import-preview')).toHaveAttribute('data-format', 'kaspi-report', { timeout: 30_000 });
  await expect(cashier.getByTestId('import-rows')).toHaveAttribute('data-value', String(ROWS));
  await expect(cashier.getByTestId('import-sum')).toHaveAttribute('data-value', String(grossTiyn));
  await expect(cashier.getByTestId('import-new')).toHaveAttribute('data-value', String(ROWS));
  await expect(cashier.getByTestId('import-big-write')).toBeVisible();
  expect((await cashier.evaluate(() => (window as unknown as { previewRows: number[] }).previewRows)).length).toBeGreaterThan(0); // the till will pause while this many rows are written
  // every phase the progress line shows, however briefly
  await cashier.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { phasesSeen: string[] }).phasesSeen = seen;
    new MutationObserver(() => {
      const phase = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-phase');
      if (phase && seen.at(-1) !== phase) seen.push(phase);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  });
  // a second Kassa window on its Import tab: it names the import the first one runs, while it runs
  const second = await context.newPage();
  await openCashier(second, server.cashierUrl);
  await second.getByTestId('tab-import').click();
  await expect(second.getByTestId('import-drop')).toBeVisible();
  await second.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { othersSeen: string[] }).othersSeen = seen;
    new MutationObserver(() => {
      const title = document.querySelector('[data-testid="import-other"] .import-others__title')?.textContent;
      if (title && !seen.includes(title)) seen.push(title);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await cashier.getByTestId('import-confirm').click();
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  expect((await second.evaluate(() => (window as unknown as { othersSeen: string[] }).othersSeen)).join()).toContain('kaspi-report-march.csv');
  await expect(second.getByTestId('import-other')).toHaveCount(0);
  await expect(second.getByTestId('import-batch')).toHaveCount(1);
  // "writing" (Cancel no longer possible) is shown before the write holds the server, not parsing at 99 %
  expect(await cashier.evaluate(() => (window as unknown as { phasesSeen: string[] }).phasesSeen)).toContain('writing');
  await expect(cashier.getByTestId('import-result')).toHaveAttribute('data-imported', String(ROWS));
  await expect(cashier.getByTestId('import-batch')).toHaveCount(1);
  // Undo of the batch just imported: its "finished" result leaves the screen with it.
  const batch = cashier.getByTestId('import-batch').first();
  await batch.getByTestId('import-undo').click();
  await batch.getByTestId('import-undo-confirm').click();
  await expect(batch).toHaveAttribute('data-undone', 'true', { timeout: 30_000 });
  await expect(cashier.getByTestId('import-result')).toHaveCount(0);
  // the other window learns of the undo without a reload
  await expect(second.getByTestId('import-batch').first()).toHaveAttribute('data-undone', 'true');

  const log = readFileSync(join(server.dataDir, 'logs', 'kassa.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(log.find((l) => l.message === 'import committed')).toMatchObject({ rows: ROWS, parsedIn: 'worker' });
});
