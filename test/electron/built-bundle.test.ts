// The BUILT shell (dist/main/electron-main.js, as packaged) against fake-electron.ts: its paths resolve
// to the built renderer and preload, and the real index.html is served with the CSP header.
// Skipped until `npm run build` has produced dist/.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/protocol-paths.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';
import { waitFor } from '../helpers/wait-for.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = ['dist/main/electron-main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'].every((f) =>
  existsSync(path.join(root, f)),
);
const dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-built-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(!built)('dist/main/electron-main.js (run "npm run build" first)', () => {
  it('opens both windows with the built preload and serves the built renderer', async () => {
    process.env.KASSA_DATA_DIR = dataDir;
    await import(/* @vite-ignore */ path.join(root, 'dist/main/electron-main.js'));
    fake.app.makeReady();
    await waitFor(() => FakeBrowserWindow.getAllWindows().length >= 2, 10_000, 10).catch(() => {});
    delete process.env.KASSA_DATA_DIR;

    const windows = FakeBrowserWindow.getAllWindows();
    expect(windows.map((w) => w.webContents.getURL()).sort()).toEqual(['kassa://app/', 'kassa://app/customer']);
    const preload = (windows[0]!.options.webPreferences as { preload: string }).preload;
    expect(preload).toBe(path.join(root, 'dist/preload/preload.cjs'));

    const handler = fake.session.handlers.get('kassa')!;
    for (const url of ['kassa://app/', 'kassa://app/customer']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toMatch(/<div id="root">/);
    }
    for (const asset of readdirSync(path.join(root, 'dist/renderer/assets'))) {
      const response = await handler(new Request(`kassa://app/assets/${encodeURIComponent(asset)}`));
      expect(response.status, asset).toBe(200);
    }
    expect((await handler(new Request('kassa://app/..%2f..%2fpackage.json'))).status).toBe(403);
    // What the shell writes is the shop account's alone (POSIX): the database was created 0600.
    if (process.platform !== 'win32') expect(statSync(path.join(dataDir, 'kassa.db')).mode & 0o777).toBe(0o600);
    fake.app.quit();
  });
});
