// History by Almaty day in the real renderer (Debian Chromium, `kassa serve`, real SQLite): today's
// sales with the day's takings, every day a page at a time ("Show more"), another day typed in.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toAlmatyIso } from '../../shared/almaty-time.js';
import { expect, openCashier, payDemoSale, startServe, stopServe, test } from './fixtures.js';

const nbsp = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const DAY_MS = 86_400_000;

/** 120 cancelled demo sales rung up yesterday (Almaty) from 10:00 to 12:00, written as the till writes them. */
function seedYesterday(dataDir: string): string {
  const db = new Database(join(dataDir, 'kassa.db'));
  const yesterday = toAlmatyIso(Date.now() - DAY_MS).slice(0, 10);
  const start = Date.parse(`${yesterday}T12:00:00+05:00`); // whatever the hour now: all on that one day
  const insert = db.prepare(
    `INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, settled, created_at, finished_at, updated_at)
     VALUES (?, ?, ?, 'cancelled', 'demo', ?, 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= 120; i++) {
      const at = new Date(start - (121 - i) * 60_000).toISOString();
      insert.run(`seed-${i}`, i, 10_000 + i, `POS-SEED-${i}`, at, at, at);
    }
  })();
  db.close();
  return yesterday;
}

test('History shows today with its takings, every day a page at a time, and a day typed in', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-'));
  await stopServe(await startServe(dataDir)); // creates the database
  const yesterday = seedYesterday(dataDir);
  const server = await startServe(dataDir);
  try {
    const cashier = await browser.newPage();
    await openCashier(cashier, server.cashierUrl);
    await payDemoSale(cashier, '4500');

    await cashier.getByTestId('tab-history').click();
    await expect(cashier.getByTestId('history-row')).toHaveCount(1);
    const takings = cashier.getByTestId('history-takings');
    await expect(takings).toHaveAttribute('data-paid-tiyn', '450000');
    expect(nbsp(await cashier.getByTestId('history-net').textContent())).toMatch(/^Итого за \d\d\.\d\d\.\d{4}: 4 500 ₸$/); // the takings name their day
    await expect(cashier.getByTestId('history-more')).toHaveCount(0);

    await cashier.getByTestId('history-all-days').click();
    await expect(cashier.getByTestId('history-row')).toHaveCount(100);
    await expect(takings).toHaveCount(0);
    await cashier.getByTestId('history-more').click();
    await expect(cashier.getByTestId('history-row')).toHaveCount(121);
    await expect(cashier.getByTestId('history-more')).toHaveCount(0);
    await expect(cashier.getByTestId('history-row').last()).toHaveAttribute('data-sale-id', 'seed-1');

    // A refund from the long list: the sale's row changes where it is, the pages read so far stay.
    const paid = cashier.getByTestId('history-row').first();
    await paid.getByTestId('refund-button').click();
    const panel = cashier.getByTestId('refund-panel');
    await panel.getByTestId('refund-amount').fill('1000');
    await panel.getByTestId('refund-submit').click();
    await panel.getByTestId('refund-confirm').click();
    await expect(panel.getByTestId('refund-status')).toHaveAttribute('data-status', 'done');
    await expect(paid.locator('.status')).toHaveAttribute('data-label', 'partly_refunded');
    await expect(cashier.getByTestId('history-row')).toHaveCount(121);

    const [y, m, d] = yesterday.split('-');
    await cashier.getByTestId('history-day').fill(`${d}.${m}.${y}`);
    await expect(takings).toHaveAttribute('data-day', yesterday);
    await expect(cashier.getByTestId('history-day')).toBeFocused(); // typing a day keeps the field
    await expect(takings).toHaveAttribute('data-paid-tiyn', '0');
    await expect(cashier.getByTestId('history-row')).toHaveCount(100);
    await expect(cashier.getByTestId('history-row').first()).toHaveAttribute('data-sale-id', 'seed-120');
    await cashier.getByTestId('history-more').click();
    await expect(cashier.getByTestId('history-row')).toHaveCount(120);
    // a day that does not exist: said under the field once it is left; the takings still name their own day
    await cashier.getByTestId('history-day').fill(`31.02.${y}`);
    await cashier.getByTestId('history-today').focus();
    await expect(cashier.getByTestId('history-day-error')).toHaveText('Такой даты нет (дд.мм.гггг)');
    await expect(takings).toHaveAttribute('data-day', yesterday);
    await expect(cashier.getByTestId('history-net')).toContainText(`${d}.${m}.${y}`);
    const error = await cashier.getByTestId('history-day-error').boundingBox();
    const strip = await takings.boundingBox();
    expect(error!.y + error!.height).toBeLessThanOrEqual(strip!.y); // said above the takings, not over them

    await cashier.getByTestId('history-today').click();
    await expect(cashier.getByTestId('history-row')).toHaveCount(1);
    await expect(takings).toHaveAttribute('data-paid-tiyn', '450000');
    await expect(takings).toHaveAttribute('data-refunded-tiyn', '100000'); // the refund done today
    // listed under the takings with its sale: the day's total can be traced to rows
    const refundLine = cashier.getByTestId('history-day-refund');
    await expect(refundLine).toHaveCount(1);
    expect(nbsp(await refundLine.textContent())).toMatch(/^\d\d:\d\d возврат −1 000 ₸ — продажа № 000001 от \d\d\.\d\d\.\d{4}/);
  } finally {
    await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("History's today left open past midnight in Almaty is read again by itself", async ({ context, server }) => {
  const page = await context.newPage();
  await page.clock.install({ time: Date.now() }); // the page's timers on a clock the test moves
  await openCashier(page, server.cashierUrl);
  await page.getByTestId('tab-history').click();
  const takings = page.getByTestId('history-takings');
  const today = toAlmatyIso(Date.now()).slice(0, 10);
  await expect(takings).toHaveAttribute('data-day', today);

  const summaries: string[] = [];
  page.on('request', (request) => request.url().endsWith('/payments.daySummary') && summaries.push(request.url()));
  await page.clock.runFor(60_000); // a minute on screen: nothing is read again
  expect(summaries).toHaveLength(0);
  // past midnight (the page's clock): read again within the minute — and again each minute while main,
  // on its own clock (here still today), says the old day
  await page.clock.fastForward(Date.parse(`${today}T00:00:00+05:00`) + 86_400_000 + 1_000 - (await page.evaluate(() => Date.now())));
  await page.clock.runFor(60_000);
  await expect.poll(() => summaries.length).toBeGreaterThanOrEqual(1);
  const first = summaries.length;
  await page.clock.runFor(60_000);
  await expect.poll(() => summaries.length).toBeGreaterThan(first);
  await expect(takings).toHaveAttribute('data-day', today);
});
