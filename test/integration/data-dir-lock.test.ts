// One Kassa per data folder: a second core (or `kassa serve`) on the same folder is refused while the
// first runs, in this process or another; the lock goes with its process, even after kill -9.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../main/app-core.js';
import { silentLogger } from '../../main/services/logger.js';
import { DataDirInUseError, lockDataDir } from '../../main/store/data-dir-lock.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const core = () => startCore({ dataDir: dir, transport: 'http', version: 'test', log: silentLogger });

describe('data folder lock', () => {
  it('refuses a second core on the same folder until the first closes', async () => {
    const first = await core();
    await expect(core()).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const second = await core();
    await second.close();
  });

  it('is held by another process while it lives, and dropped when it is killed -9', async () => {
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('${join(process.cwd(), 'main/store/data-dir-lock.ts')}').then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const release = lockDataDir(dir);
    release();
  });

  it('kassa serve (--live too) on a folder in use says so, exits 2 and leaves the running till\'s settings alone', async () => {
    const running = await core();
    try {
      await running.invoke('settings.update', { shopName: 'Кофейня у дома' }, 'cashier');
      const settings = readFileSync(join(dir, 'settings.json'), 'utf8');
      for (const args of [[], ['--live', '--scheme', 'r1', '--kaspi-url', 'https://127.0.0.1:9/', '--trade-point', '1', '--device-id', 'OTHER']]) {
        const serve = spawnSync(process.execPath, ['bin/kassa.mjs', 'serve', '--no-open', '--data-dir', dir, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, KASSA_LANG: 'en' } });
        expect(serve.status).toBe(2);
        expect(serve.stderr).toContain('Kassa is already running with this data folder');
      }
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(settings);
    } finally {
      await running.close();
    }
  });
});
