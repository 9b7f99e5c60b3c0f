// Playwright fixtures for the Electron shell: a launched app with its own temporary data directory
// (KASSA_DATA_DIR, honoured by main/electron/electron-main.ts) and its two windows.
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KassaBridge } from '../../shared/bridge.js';
import { CASHIER_URL, CUSTOMER_URL } from '../../main/electron/protocol-paths.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ELECTRON_DIST = path.join(REPO_ROOT, 'node_modules', 'electron', 'dist');
export const ELECTRON_INSTALLED = existsSync(ELECTRON_DIST);
export const SKIP_REASON =
  'Electron binary not installed (offline machine): node_modules/electron/dist is missing, ' +
  'its download from github.com is not reachable here (see shared/TOOLCHAIN.md)';

const MAIN_ENTRY = path.join(REPO_ROOT, 'dist', 'main', 'electron-main.js');

/** What a page sees as `window.kassa` (for typing page.evaluate callbacks). */
export type KassaWindow = Window & { kassa: KassaBridge };

interface KassaFixtures {
  dataDir: string;
  app: ElectronApplication;
  cashier: Page;
  customer: Page;
}

export const test = base.extend<KassaFixtures>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kassa-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },

  app: async ({ dataDir }, use) => {
    if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: run "npm run build" first`);
    // "." (not the entry file) so Electron reads package.json: app name, version and "main".
    const app = await _electron.launch({
      args: ['.'],
      cwd: REPO_ROOT,
      env: { ...process.env, KASSA_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    await use(app);
    await app.close();
  },

  cashier: async ({ app }, use) => {
    await use(await windowAt(app, CASHIER_URL));
  },

  customer: async ({ app }, use) => {
    await use(await windowAt(app, CUSTOMER_URL));
  },
});

/** The window showing `url`, once it has one (windows open asynchronously, in either order). */
async function windowAt(app: ElectronApplication, url: string): Promise<Page> {
  await expect.poll(() => app.windows().some((w) => w.url() === url), { timeout: 20_000 }).toBe(true);
  const page = app.windows().find((w) => w.url() === url)!;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

export { expect };
