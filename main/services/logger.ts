// A small JSON-lines logger. Writes to <dataDir>/logs/kassa.log; never to stdout (the host's stdout
// carries exactly its two URL lines). Callers pass ids and codes, never secrets or QR tokens.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function fileLogger(dataDir: string, alsoStderr = false): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kassa.log');
  const write = (level: string, message: string, fields?: LogFields) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...fields });
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // a full disk must not take the till down
    }
    if (alsoStderr && level !== 'info') process.stderr.write(`${line}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
