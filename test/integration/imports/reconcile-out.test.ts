// `kassa reconcile --out` on a disk that fills up half-way through the export: the earlier export
// stays as it was, no partial file is left beside it, and the exit code is 1 (a full disk), not 2.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perTest } from '../../helpers/per-test.js';
import { spawnCliSync } from './cli-helpers.js';
import { SAMPLES } from './helpers.js';

const t = perTest();
afterEach(() => {
  vi.doUnmock('node:fs');
  vi.resetModules();
});

/** node:fs whose writes to `*.tmp-*` files stop after `room` bytes with ENOSPC, as a full disk does. */
function diskFullAfter(room: number): void {
  vi.resetModules(); // what the helpers loaded is loaded again, over the mock
  vi.doMock('node:fs', async (original) => {
    const fs = await original<typeof import('node:fs')>();
    const temporary = new Set<number>();
    let left = room;
    const openSync = ((path: string, ...rest: unknown[]) => {
      const fd = (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
      if (String(path).includes('.tmp-')) temporary.add(fd);
      return fd;
    }) as typeof fs.openSync;
    const writeSync = ((fd: number, buffer: Uint8Array, offset: number = 0, length: number = buffer.length - offset) => {
      if (!temporary.has(fd)) return fs.writeSync(fd, buffer, offset, length);
      if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const written = fs.writeSync(fd, buffer, offset, Math.min(length, left));
      left -= written;
      return written;
    }) as unknown as typeof fs.writeSync;
    return { ...fs, openSync, writeSync, default: { ...fs, openSync, writeSync } };
  });
}

describe('kassa reconcile --out on a disk that fills up', () => {
  it('keeps the earlier export whole, leaves no partial file, and exits 1', async () => {
    const data = join(t.dir, 'data');
    expect(spawnCliSync('import', [SAMPLES.report, '--data-dir', data]).code).toBe(0);
    const out = join(t.dir, 'march.csv');
    writeFileSync(out, 'the earlier export\r\n');
    diskFullAfter(40);
    const { runReconcileCli } = await import('../../../main/import-cli.js');
    const said: string[] = [];
    const code = await runReconcileCli(['--from', '2025-03-01', '--to', '2025-03-31', '--data-dir', data, '--out', out, '--lang', 'en'], {
      stdout: () => {},
      stderr: (text) => said.push(text),
      interactive: false,
      env: {},
    });
    expect(code).toBe(1);
    expect(said.join('')).toContain('disk is full');
    expect(readFileSync(out, 'utf8')).toBe('the earlier export\r\n');
    expect(readdirSync(t.dir).filter((name) => name.startsWith('march.csv'))).toEqual(['march.csv']);
    expect(existsSync(join(t.dir, `march.csv.tmp-${process.pid}`))).toBe(false);
  });
});
