// A small JSON-lines logger. Writes to <dataDir>/logs/kassa.log; never to stdout (the host's stdout
// carries exactly its two URL lines). Callers pass ids and codes, never secrets or QR tokens.
// Rotated by size: kassa.log → kassa.1.log … kassa.<KEEP>.log, so a till that runs for years (or a
// watcher that keeps failing) never fills the disk with its log.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Past this size the log is rotated. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
/** How many rotated logs are kept beside the current one. */
export const LOG_KEEP = 4;

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function fileLogger(dataDir: string, alsoStderr = false, maxBytes = LOG_MAX_BYTES): Logger {
  const dir = join(dataDir, 'logs');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // a read-only folder, a file named logs: its lines are lost, as on a full disk; the database's own
    // check then says, in words, why the folder cannot be used (not Node's "EACCES: …, mkdir")
  }
  const file = join(dir, 'kassa.log');
  const write = (level: string, message: string, fields?: LogFields) => {
    const line = `${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`;
    // The file's own size (another Kassa program — kassa import beside the till — writes to it too).
    if (sizeOf(file) + Buffer.byteLength(line) > maxBytes) {
      try {
        rotate(dir);
      } catch {
        // a rotated file that cannot be moved (locked): keep writing to this one
      }
    }
    try {
      appendFileSync(file, line);
    } catch {
      // a full disk must not take the till down
    }
    if (alsoStderr && level !== 'info') process.stderr.write(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function rotate(dir: string): void {
  const name = (n: number) => join(dir, n === 0 ? 'kassa.log' : `kassa.${n}.log`);
  rmSync(name(LOG_KEEP), { force: true });
  for (let n = LOG_KEEP - 1; n >= 0; n -= 1) {
    try {
      renameSync(name(n), name(n + 1));
    } catch {
      // not there yet
    }
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
