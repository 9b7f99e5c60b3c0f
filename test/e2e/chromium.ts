import { existsSync } from 'node:fs';

// Debian's Chromium: /usr/bin/chromium is a wrapper script; the real binary sits in /usr/lib.
export function chromiumPath(): string {
  for (const path of [process.env.KASSA_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (path && existsSync(path)) return path;
  }
  throw new Error('Chromium not found: apt-get install -y chromium (or set KASSA_CHROMIUM)');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
