// The shell's own messages (startup, windows, the customer display, IPC refusals) go to the data
// folder's log beside the core's — a packaged app has no console to print to — and to stderr. Until
// the data folder is known (a refusal before startup), to stderr only.
import { fileLogger, type Logger } from '../services/logger.js';

let file: Logger | null = null;

/** From now on into <dataDir>/logs/kassa.log as well. */
export function openShellLog(dataDir: string): void {
  try {
    file = fileLogger(dataDir, true);
  } catch {
    file = null; // an unwritable folder: startup says why (startCore fails on it too)
  }
}

function write(level: 'warn' | 'error', message: string, error?: unknown): void {
  const detail = error === undefined ? undefined : (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
  if (file) file[level](`shell: ${message}`, detail === undefined ? undefined : { error: detail });
  else process.stderr.write(`[kassa] ${message}${detail ? `: ${detail}` : ''}\n`);
}

export const shellLog = {
  warn: (message: string, error?: unknown) => write('warn', message, error),
  error: (message: string, error?: unknown) => write('error', message, error),
};
