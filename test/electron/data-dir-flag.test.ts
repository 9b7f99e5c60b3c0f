// `npm start -- --data-dir X` hands `. --data-dir X` to Electron: the desktop app uses X, as `kassa
// serve --data-dir X` does (it used only KASSA_DATA_DIR, so a second till opened the first till's
// database). Seen through the real data-dir lock: X is held by another Kassa, and the dialog names X.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lockDataDir } from '../../main/store/data-dir-lock.js';
import { fake } from './fake-electron.js';
import { waitFor } from '../helpers/wait-for.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const flagged = mkdtempSync(path.join(tmpdir(), 'kassa-flag-'));
const fromEnv = mkdtempSync(path.join(tmpdir(), 'kassa-env-'));
const release = lockDataDir(flagged); // the other Kassa, on the folder the flag names
const argv = [...process.argv];
afterAll(() => {
  release();
  process.argv.splice(0, process.argv.length, ...argv);
  delete process.env.KASSA_DATA_DIR;
  rmSync(flagged, { recursive: true, force: true });
  rmSync(fromEnv, { recursive: true, force: true });
});

describe('the desktop app started with --data-dir', () => {
  it('uses that folder (before KASSA_DATA_DIR): here it is in use, and the dialog names it', async () => {
    process.env.KASSA_DATA_DIR = fromEnv;
    process.argv.push('.', '--data-dir', flagged);
    await import('../../main/electron/electron-main.js');
    fake.app.makeReady();
    await waitFor(() => fake.app.calls.includes('exit 1'), 10_000, 10).catch(() => {});
    expect(fake.app.getPath('userData')).toBe(path.resolve(flagged));
    expect(fake.errorBoxes[0]![1]).toContain(path.resolve(flagged));
  });
});
