// Opens the two screens as app windows in the system's Chromium or Chrome, when one is installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

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

/** Returns false when no browser was found (the caller has printed the URLs already). */
export function openAppWindows(urls: string[]): boolean {
  const browser = findBrowser();
  if (!browser) return false;
  // A profile of its own, so the screens open as separate app windows even if the browser runs.
  const profile = mkdtempSync(join(tmpdir(), 'kassa-browser-'));
  // Chromium refuses to start as root unless its sandbox is off (containers, kiosks run as root).
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  for (const [index, url] of urls.entries()) {
    const child = spawn(
      browser,
      [...rootOnly, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', `--app=${url}`, `--window-position=${index * 80},${index * 60}`],
      { stdio: 'ignore', detached: true },
    );
    child.on('error', () => {});
    child.unref();
  }
  return true;
}
