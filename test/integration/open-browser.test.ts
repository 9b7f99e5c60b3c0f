// `kassa serve` opening its two screens in the system browser: a fake browser (a shell script that
// records its arguments and environment) shows what a real one would be handed. The screens'
// tokens must not be on its command line (any local user can read that), and the Kaspi
// credentials of Kassa's environment must not reach it.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchPage, openAppWindows } from '../../main/host/open-browser.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const unix = process.platform !== 'win32';
let dir: string;
let cleanup: () => void;
const saved = { ...process.env };

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  process.env.KASSA_KASPI_API_KEY = 'test_env_secret_key_9f3a';
  process.env.KASSA_KASPI_PFX_PASSPHRASE = 'env-passphrase-77';
});
afterEach(() => {
  for (const key of ['KASSA_KASPI_API_KEY', 'KASSA_KASPI_PFX_PASSPHRASE']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  cleanup();
});

describe.runIf(unix)('opening the screens in a browser', () => {
  it('hands the browser launch pages, not the tokens, and none of the Kaspi credentials', async () => {
    const log = join(dir, 'log');
    const browser = join(dir, 'fake-browser');
    // Each record is renamed into place once complete, so the test never reads a half-written one.
    const record = (what: string, ext: string) => `${what} > "${dir}/part.$$.${ext}" && mv "${dir}/part.$$.${ext}" "${log}.$$.${ext}"`;
    writeFileSync(browser, `#!/bin/sh\n${record(`printf '%s\\n' "$@"`, 'args')}\n${record('env', 'env')}\n`, { mode: 0o755 });
    const profile = join(dir, 'profile');
    const urls = ['http://127.0.0.1:4321/?token=cashier-token-abcdef', 'http://127.0.0.1:4321/customer?token=customer-token-123456'];
    expect(openAppWindows(urls, profile, browser)).toBe(true);

    const written = () => readdirSync(dir).filter((f) => f.startsWith('log.'));
    await waitFor(() => written().length === 4);
    const args = written().filter((f) => f.endsWith('.args')).map((f) => readFileSync(join(dir, f), 'utf8'));
    const envs = written().filter((f) => f.endsWith('.env')).map((f) => readFileSync(join(dir, f), 'utf8'));
    for (const text of [...args, ...envs]) {
      expect(text).not.toContain('cashier-token-abcdef');
      expect(text).not.toContain('customer-token-123456');
      expect(text).not.toContain('test_env_secret_key_9f3a');
      expect(text).not.toContain('env-passphrase-77');
    }
    expect(envs.join('')).toContain('PATH='); // the rest of the environment is passed on

    const pages = args.map((a) => /^--app=(.*)$/m.exec(a)![1]!).map((url) => fileURLToPath(url)).sort();
    expect(pages).toHaveLength(2);
    expect(pages.map((p) => readFileSync(p, 'utf8')).sort()).toEqual(urls.map(launchPage).sort());
    for (const page of pages) {
      expect(page.startsWith(profile)).toBe(true);
      expect(statSync(page).mode & 0o077).toBe(0);
    }
    expect(statSync(profile).mode & 0o077).toBe(0);
  });

  it('removes the launch pages of an earlier start', () => {
    const profile = join(dir, 'profile');
    const browser = join(dir, 'fake-browser');
    writeFileSync(browser, '#!/bin/sh\n', { mode: 0o755 });
    openAppWindows(['http://127.0.0.1:1/?token=first'], profile, browser);
    const old = join(profile, 'kassa-launch-1-0.html');
    writeFileSync(old, launchPage('http://127.0.0.1:1/?token=stale'));
    openAppWindows(['http://127.0.0.1:1/?token=second'], profile, browser);
    expect(existsSync(old)).toBe(false);
    const left = readdirSync(profile).filter((f) => f.startsWith('kassa-launch-'));
    expect(left.map((f) => readFileSync(join(profile, f), 'utf8'))).toEqual([launchPage('http://127.0.0.1:1/?token=second')]);
  });
});

describe('launch page', () => {
  it('forwards to the address at once, escaped for its attribute, without a referrer', () => {
    const page = launchPage('http://127.0.0.1:9/customer?token=a&x="<b>');
    expect(page).toContain('content="0;url=http://127.0.0.1:9/customer?token=a&amp;x=&quot;&lt;b>"');
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
  });
});
