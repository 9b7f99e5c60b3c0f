// Running `kassa import` / `kassa reconcile` in tests: in-process through runImportCli with captured
// output, or as a real child process — `node --import tsx main/cli.ts import …` once the CLI
// dispatches there, else the same functions through a tiny runner script.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runImportCli, runReconcileCli, type CliIo } from '../../../main/import-cli.js';
import { dump } from './helpers.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The tests read the CLI's text in English (KASSA_LANG); a test of another language passes its own env. */
export const CLI_ENV: NodeJS.ProcessEnv = { ...process.env, KASSA_LANG: 'en' };

export async function runCli(command: 'import' | 'reconcile', args: string[], env: NodeJS.ProcessEnv = CLI_ENV): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), interactive: false, env };
  const code = await (command === 'import' ? runImportCli(args, io) : runReconcileCli(args, io));
  return { code, stdout, stderr };
}

/** The argv that starts the real CLI for `command` (main/cli.ts when it dispatches it). */
export function cliArgv(command: 'import' | 'reconcile'): string[] {
  const cli = readFileSync(`${repoRoot}main/cli.ts`, 'utf8');
  const dispatched = command === 'import' ? cli.includes('runImportCli') : cli.includes('runReconcileCli');
  const entry = dispatched ? 'main/cli.ts' : 'test/integration/imports/cli-runner.ts';
  return ['--import', 'tsx', entry, command];
}

export function spawnCliSync(command: 'import' | 'reconcile', args: string[], env: NodeJS.ProcessEnv = CLI_ENV): CliRun {
  const result = spawnSync(process.execPath, [...cliArgv(command), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(command: 'import' | 'reconcile', args: string[], env: NodeJS.ProcessEnv = CLI_ENV) {
  return spawn(process.execPath, [...cliArgv(command), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env });
}

/** A dump of the imported data through a fresh read-only connection (the CLI wrote through its own). */
export function dumpFile(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return dump(db);
  } finally {
    db.close();
  }
}
