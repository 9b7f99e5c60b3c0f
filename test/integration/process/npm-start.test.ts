// `npm start` (scripts/start.mjs) where the Electron binary is not installed: it tries Electron's own
// download once — here from a local mirror that has no such file — and, when that fails, says why in
// one line and serves the same Kassa on 127.0.0.1 (the built CLI; `npm test` builds before the tests).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

const root = join(import.meta.dirname, '..', '..', '..');
const built = existsSync(join(root, 'dist/main/cli.js')) && existsSync(join(root, 'dist/renderer/index.html'));
const electronInstalled = existsSync(join(root, 'node_modules/electron/path.txt'));

let mirror: Server;
const asked: string[] = [];
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  mirror = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => mirror.close(resolve));
  cleanup();
});

/** `env`: the whole environment of npm start (CI sets ELECTRON_SKIP_BINARY_DOWNLOAD; a test may take it out). */
function start(env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null }> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--data-dir', join(dir, `data-${asked.length}`)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return waitFor(() => /customer: http:\/\/127\.0\.0\.1:\d+\//.test(output), 60_000, 50)
    .then(async () => {
      child.kill('SIGTERM');
      return { output, code: await exited };
    })
    .catch(async (error: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${String(error)}\n${output}`);
    });
}

describe.skipIf(!built || electronInstalled)('npm start without the Electron binary (run "npm run build" first)', () => {
  it('tries the download once, says why it failed, and serves Kassa on 127.0.0.1', async () => {
    const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env;
    const { output } = await start({ ...env, ELECTRON_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/` });
    expect(asked).toEqual([expect.stringMatching(/^\/v\d+\.\d+\.\d+\/electron-v\d+\.\d+\.\d+-\w+-\w+\.zip$/)]);
    expect(output).toMatch(/Electron is not installed on this machine \(its download failed: .*404.*\): starting Kassa in the browser instead\./);
    expect(output).toMatch(/^cashier: http:\/\/127\.0\.0\.1:\d+\/\?token=/m);
  });

  it('does not try when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says so', async () => {
    const before = asked.length;
    const { output } = await start({ ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/` });
    expect(asked.length).toBe(before);
    expect(output).toContain('Electron is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD is set): starting Kassa in the browser instead.');
  });
});
