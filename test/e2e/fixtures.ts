// Playwright fixtures: a real `kassa serve` (the built CLI) on a temp data dir, and its two screens.
import { expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface KassaServer {
  dataDir: string;
  cashierUrl: string;
  customerUrl: string;
  process: ChildProcess;
}

export async function startServe(dataDir: string, extra: { args?: string[]; env?: Record<string, string> } = {}): Promise<KassaServer> {
  const child = spawn(process.execPath, ['bin/kassa.mjs', 'serve', '--no-open', '--data-dir', dataDir, ...(extra.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...extra.env },
  });
  const lines: string[] = [];
  const urls = await new Promise<{ cashier: string; customer: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kassa serve printed no URLs: ${lines.join('\n')}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`kassa serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const cashier = lines.find((l) => l.startsWith('cashier: '));
      const customer = lines.find((l) => l.startsWith('customer: '));
      if (cashier && customer) {
        clearTimeout(timer);
        resolve({ cashier: cashier.slice('cashier: '.length), customer: customer.slice('customer: '.length) });
      }
    });
  });
  return { dataDir, cashierUrl: urls.cashier, customerUrl: urls.customer, process: child };
}

export async function stopServe(server: KassaServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return; // ended already (a kill too)
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}

/**
 * Opens the cashier screen and waits until its settings are in: the demo banner that comes with them
 * moves the tabs down, and a click aimed before that lands on whatever took the tab's place.
 */
export async function openCashier(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('cashier-app')).toHaveAttribute('data-ready', 'true');
}

/** A demo sale of `amount` (as typed, "4500"), paid: typed, charged with Enter, scanned and confirmed by the buyer. */
export async function payDemoSale(page: Page, amount: string): Promise<void> {
  await page.getByTestId('amount-input').fill(amount);
  await page.keyboard.press('Enter');
  await page.getByTestId('demo-scan').click();
  await page.getByTestId('demo-confirm').click();
  await expect(page.getByTestId('order-number')).toBeVisible();
}

/** The cashier screen and, in a context of its own (a second screen), the customer display of `server`. */
export async function openScreens(browser: Browser, server: KassaServer): Promise<{ cashier: Page; customer: Page; customerContext: BrowserContext }> {
  const cashier = await browser.newPage();
  await openCashier(cashier, server.cashierUrl);
  const customerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const customer = await customerContext.newPage();
  await customer.goto(server.customerUrl);
  return { cashier, customer, customerContext };
}

export const test = base.extend<{ server: KassaServer; cashier: Page; customer: Page }>({
  server: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-'));
    const server = await startServe(dataDir);
    await use(server);
    await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  },
  cashier: async ({ context, server }, use) => {
    const page = await context.newPage();
    await openCashier(page, server.cashierUrl);
    await use(page);
  },
  customer: async ({ browser, server }, use) => {
    // The customer display is another window (its own context, as on a second screen).
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(server.customerUrl);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
