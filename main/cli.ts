// `kassa` — the command line: `kassa serve` (the loopback browser host). More commands join here.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { startCore, type KassaCore } from './app-core.js';
import { defaultDataDir } from './host/data-dir.js';
import { startHost } from './host/http-host.js';
import { openAppWindows } from './host/open-browser.js';
import { goLive, writeLiveSettings } from './host/serve-live.js';
import { fileLogger } from './services/logger.js';
import { pickServeSecretStore } from './services/secrets/pick-secret-store.js';
import { IMPORT_USAGE, RECONCILE_USAGE, runImportCli, runReconcileCli } from './import-cli.js';
import { runSimulatorCli, SIMULATOR_USAGE } from './simulator-cli.js';
import { fsErrorText } from './fs-error-text.js';
import { startupErrorText } from './startup-error.js';
import { DataDirInUseError, lockDataDir } from './store/data-dir-lock.js';
import { DatabaseOpenError } from './store/database.js';

const USAGE = `Usage:
  kassa serve [--port N] [--data-dir DIR] [--no-open]   serve Kassa to a browser on 127.0.0.1
        [--live --scheme r1|r2|r3 --kaspi-url URL --trade-point ID --device-id ID [--bin BIN]
         [--kaspi-ca FILE] [--status-version v01|v02]]      headless live mode (secrets from the environment)
  kassa simulator [--port N] [--scheme r1|r2|r3] [--tls --ca-dir DIR]   a local Kaspi QR API for tests and demos
  kassa import FILE [--format F] [--mapping FILE.json] [--data-dir DIR] [--dry-run] [--accept-valid] [--json]
  kassa reconcile --from YYYY-MM-DD --to YYYY-MM-DD [--data-dir DIR] [--json] [--out FILE.csv|FILE.xlsx]
  kassa help COMMAND                                     the options of one command
`;

const SERVE_USAGE = `Usage: kassa serve [--port N] [--data-dir DIR] [--no-open]
        [--live --scheme r1|r2|r3 --kaspi-url URL --trade-point ID --device-id ID [--bin BIN]
         [--kaspi-ca FILE] [--status-version v01|v02]]
  Serves Kassa to a browser on 127.0.0.1 and prints the cashier and customer addresses.
    --port N        the port (default: any free one)
    --data-dir DIR  the data folder (default: the desktop app's; KASSA_DATA_DIR)
    --no-open       do not open the two browser windows
    --live …        headless live mode; secrets from KASSA_KASPI_API_KEY or KASSA_KASPI_PFX / KASSA_KASPI_PFX_PASSPHRASE
  Exit codes: 2 for a wrong call or data that cannot be used, 1 for an internal error.
`;

function parseServeArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      live: { type: 'boolean', default: false },
      scheme: { type: 'string' },
      'kaspi-url': { type: 'string' },
      'trade-point': { type: 'string' },
      'device-id': { type: 'string' },
      bin: { type: 'string' },
      'kaspi-ca': { type: 'string' },
      'status-version': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

/** Why the data folder's database or settings cannot be used, in words; null for anything else (a bug). */
function dataProblem(error: unknown, dataDir: string): string | null {
  return error instanceof DatabaseOpenError ? startupErrorText('en', error, dataDir) : fsErrorText(error);
}

async function serve(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(args);
  } catch (error) {
    process.stderr.write(`kassa serve: ${error instanceof Error ? error.message : String(error)}\n${SERVE_USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`kassa: --port must be a number from 0 to 65535\n`);
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  // The lock first: a Kassa already running with this folder must not find its settings rewritten.
  let lock: () => void;
  try {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = error instanceof DataDirInUseError || ['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS'].includes(String(code));
    if (!known) throw error;
    const reason = error instanceof DataDirInUseError ? error : new DatabaseOpenError('unwritable', String(error));
    process.stderr.write(`kassa: ${startupErrorText('en', reason, dataDir)}\n`);
    return 2;
  }
  if (values.live) {
    let problem: string | null;
    try {
      problem = writeLiveSettings(dataDir, {
        scheme: values.scheme,
        kaspiUrl: values['kaspi-url'],
        tradePoint: values['trade-point'],
        deviceId: values['device-id'],
        bin: values.bin,
        kaspiCa: values['kaspi-ca'] && resolve(values['kaspi-ca']),
        statusVersion: values['status-version'],
      });
    } catch (error) {
      problem = dataProblem(error, dataDir); // it reads the settings, and the database for pending live work
      if (problem === null) throw error;
    }
    if (problem) {
      lock();
      process.stderr.write(`kassa: ${problem}\n`);
      return 2;
    }
  }
  const log = fileLogger(dataDir);
  const secrets = await pickServeSecretStore(log);
  let core: KassaCore;
  try {
    core = await startCore({ dataDir, transport: 'http', version: packageJson.version, secrets, log, lock });
  } catch (error) {
    // The data folder's database or settings cannot be used: said in words, exit 2 (no bug of ours).
    const words = dataProblem(error, dataDir);
    if (words === null) throw error;
    process.stderr.write(`kassa: ${words}\n`);
    return 2;
  }
  if (values.live) {
    const problem = await goLive(core, values['trade-point']!);
    if (problem) {
      process.stderr.write(`kassa: live mode: ${problem}\n`);
      await core.close();
      return 2;
    }
  }
  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost({ core, rendererDir: rendererDir(), port, uploadsDir: core.uploadsDir });
  } catch (error) {
    await core.close();
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`kassa serve: port ${port} is in use: choose another --port, or leave it out for any free one\n`);
    return 2;
  }
  process.stdout.write(`cashier: ${host.cashierUrl}\ncustomer: ${host.customerUrl}\n`);
  process.stderr.write(`Kassa ${packageJson.version} serving on ${host.origin} (data: ${dataDir}). Ctrl+C to stop.\n`);
  if (!values['no-open'] && !openAppWindows([host.cashierUrl, host.customerUrl], join(dataDir, 'browser'))) {
    process.stderr.write('No Chromium or Chrome found: open the two addresses above in a browser.\n');
  }
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1; // keep running
}

/** The built renderer sits next to the built CLI: dist/main/cli.js -> dist/renderer. */
function rendererDir(): string {
  return process.env.KASSA_RENDERER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'simulator':
      return runSimulatorCli(rest);
    case 'import':
      return runImportCli(rest);
    case 'reconcile':
      return runReconcileCli(rest);
    case 'help': {
      const usage = { serve: SERVE_USAGE, import: IMPORT_USAGE, reconcile: RECONCILE_USAGE, simulator: SIMULATOR_USAGE }[rest[0] ?? ''] ?? USAGE;
      process.stdout.write(usage);
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`kassa: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`kassa: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
