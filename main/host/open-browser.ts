// Opens the two screens as app windows in the system's Chromium or Chrome, when one is installed.
// The screens' addresses carry their tokens, so they never go on the browser's command line (which
// any local user can read): each window starts at a launch page in the profile folder, readable by
// this user only, that forwards to the address. The browser gets no Kaspi credential variables.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { envWithoutSecrets } from '../services/secrets/secrets-service.js';

/** Launch pages are removed once the browser has surely read them. */
const LAUNCH_PAGE_LIFETIME_MS = 120_000;

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
  ],
};

export function findBrowser(): string | null {
  for (const candidate of CANDIDATES[process.platform] ?? []) {
    if (candidate.includes('/') || candidate.includes('\\')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const full = join(dir, candidate);
      if (dir && existsSync(full)) return full;
    }
  }
  return null;
}

/** A page that forwards to `url` at once, without a referrer. */
export function launchPage(url: string): string {
  const attribute = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${attribute}"><title>Kassa</title>\n`;
}

/**
 * Opens each URL as an app window of a browser profile kept in `profileDir` (Kassa's own, so the
 * screens open as separate app windows even if the browser runs). Returns false when no browser
 * was found (the caller has printed the URLs already).
 */
export function openAppWindows(urls: string[], profileDir: string, browser = findBrowser()): boolean {
  if (!browser) return false;
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  // Chromium refuses to start as root unless its sandbox is off (containers, kiosks run as root).
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  for (const old of readdirSync(profileDir)) if (/^kassa-launch-.*\.html$/.test(old)) rmSync(join(profileDir, old), { force: true });
  const pages: string[] = [];
  for (const [index, url] of urls.entries()) {
    const page = join(profileDir, `kassa-launch-${process.pid}-${index}.html`);
    writeFileSync(page, launchPage(url), { mode: 0o600 });
    pages.push(page);
    const child = spawn(
      browser,
      [
        ...rootOnly,
        `--user-data-dir=${profileDir}`,
        '--no-first-run',
        '--no-default-browser-check',
        `--app=${pathToFileURL(page).href}`,
        `--window-position=${index * 80},${index * 60}`,
      ],
      { stdio: 'ignore', detached: true, env: envWithoutSecrets() },
    );
    child.on('error', () => {});
    child.unref();
  }
  setTimeout(() => {
    for (const page of pages) rmSync(page, { force: true });
  }, LAUNCH_PAGE_LIFETIME_MS).unref();
  return true;
}
