// A packaged Kassa's windows have no DevTools (a development build keeps them: shell.test.ts). Its own
// file: electron-main.ts is evaluated once per file, here as a packaged app (fake Electron, real core).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-packaged-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('both windows of a packaged till have DevTools off', async () => {
  process.env.KASSA_DATA_DIR = dataDir;
  fake.app.isPackaged = true;
  await import('../../main/electron/electron-main.js');
  fake.app.makeReady();
  await waitFor(() => FakeBrowserWindow.getAllWindows().length === 2, 10_000, 10);
  for (const window of FakeBrowserWindow.getAllWindows()) expect(window.options.webPreferences).toMatchObject({ devTools: false });
  fake.app.quit();
  await waitFor(() => fake.app.calls.includes('quitted'), 10_000, 10);
});
