// A packaged Kassa started with a remote-debugging switch exits before anything opens: over the
// DevTools protocol any local process could drive the cashier screen (refunds, settings). Its own
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

it('started with --remote-debugging-port it exits 1, takes no lock and opens no window', async () => {
  process.env.KASSA_DATA_DIR = dataDir;
  fake.app.isPackaged = true;
  fake.app.switches.add('remote-debugging-port');
  await import('../../main/electron/electron-main.js');
  fake.app.makeReady();
  await waitFor(() => fake.app.calls.includes('exit 1'), 5_000, 10);
  expect(fake.app.calls).not.toContain('requestSingleInstanceLock');
  expect(FakeBrowserWindow.getAllWindows()).toHaveLength(0);
});
