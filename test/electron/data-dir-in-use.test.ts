// The desktop app started while `kassa serve` (or another copy) runs with the same data folder: it
// says so in a dialog, in the system's language, and quits — it never runs a second till on one
// database. electron-main.ts under plain Node against fake-electron.ts, the real data-dir lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lockDataDir } from '../../main/store/data-dir-lock.js';
import { fake } from './fake-electron.js';
import { waitFor } from '../helpers/wait-for.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-in-use-'));
const release = lockDataDir(dataDir); // the other Kassa
afterAll(() => {
  release();
  delete process.env.KASSA_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a data folder another Kassa runs with', () => {
  it('is refused with a dialog naming the folder, and the app exits', async () => {
    process.env.KASSA_DATA_DIR = dataDir;
    await import('../../main/electron/electron-main.js');
    fake.app.makeReady();
    await waitFor(() => fake.app.calls.includes('exit 1'), 10_000, 10).catch(() => {});
    expect(fake.app.calls).toContain('exit 1');
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]![1]).toContain('Kassa уже запущена с этой папкой данных');
    expect(fake.errorBoxes[0]![1]).toContain(path.resolve(dataDir));
  });
});
