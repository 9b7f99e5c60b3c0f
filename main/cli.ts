// `kassa` — the command line: `kassa serve` (the loopback browser host). More commands join here.
import { mkdirSync } from 'node:fs';
import { keepSettingsAside, recoverInterruptedLiveStart } from './host/settings-snapshot.js';
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
import { KeyringSecretStore, keyringServiceFor } from './services/secrets/keyring-secret-store.js';
import { adoptLegacySecretsOnce } from './services/secrets/legacy-keyring.js';
import { pickServeSecretStore } from './services/secrets/pick-secret-store.js';
import { runImportCli, runReconcileCli } from './import-cli.js';
import { runSimulatorCli, SIMULATOR_USAGE } from './simulator-cli.js';
import { asUsageError, errorText, UsageError } from './cli-args.js';
import { localeOfArgs } from './cli-locale.js';
import { fsErrorText } from './fs-error-text.js';
import { localeSchema, type Locale } from '../shared/domain.js';
import { translate } from '../shared/i18n/messages.js';
import { startupErrorText } from './startup-error.js';
import { DataDirInUseError, lockDataDir } from './store/data-dir-lock.js';
import { asOpenError, DatabaseOpenError } from './store/database.js';
import { keepFilesPrivate } from './host/private-files.js';

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
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

/** Flags that describe the till's Kaspi identity: they mean something only with --live. */
const LIVE_FLAGS = ['scheme', 'kaspi-url', 'trade-point', 'device-id', 'bin', 'kaspi-ca', 'status-version'] as const;

/** Why the data folder's database or settings cannot be used, in words; null for anything else (a bug). */
function dataProblem(error: unknown, dataDir: string, locale: Locale): string | null {
  return error instanceof DatabaseOpenError ? startupErrorText(locale, error, dataDir) : fsErrorText(error, locale);
}

async function serve(args: string[]): Promise<number> {
  const locale = localeOfArgs(args);
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(args);
    if (parsed.values.lang !== undefined && !localeSchema.safeParse(parsed.values.lang).success) throw new UsageError('cli.arg.lang');
    // a service line that forgot --live would start a demo till with a random device id, without a word
    const liveOnly = LIVE_FLAGS.filter((flag) => parsed.values[flag] !== undefined);
    if (!parsed.values.live && liveOnly.length > 0) throw new UsageError('cli.arg.liveOnly', { flags: liveOnly.map((f) => `--${f}`).join(' ') });
  } catch (caught) {
    const error = asUsageError(caught);
    process.stderr.write(`kassa serve: ${error instanceof UsageError ? error.text(locale) : errorText(error, locale)}\n${translate(locale, 'cli.usage.serve')}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(translate(locale, 'cli.usage.serve'));
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`kassa serve: ${translate(locale, 'cli.arg.port')}\n`);
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  // The lock first: a Kassa already running with this folder must not find its settings rewritten.
  let lock: () => void;
  try {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  } catch (error) {
    // the folder cannot be made (mkdir's EACCES, ENOTDIR…) or its lock taken (SQLite's CANTOPEN, FULL…)
    const reason = error instanceof DataDirInUseError ? error : asOpenError(error);
    if (!(reason instanceof DataDirInUseError || reason instanceof DatabaseOpenError)) throw error;
    process.stderr.write(`kassa: ${startupErrorText(locale, reason, dataDir)}\n`);
    return 2;
  }
  // A failed --live start leaves the till as it was (its earlier Kaspi identity, mode and registration);
  // one interrupted before its outcome was known is put back by the next start.
  const earlier = values.live ? keepSettingsAside(dataDir) : null;
  if (!earlier && recoverInterruptedLiveStart(dataDir)) process.stderr.write(`kassa: ${translate(locale, 'cli.serve.liveInterrupted')}\n`);
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
      }, locale);
    } catch (error) {
      problem = dataProblem(error, dataDir, locale); // it reads the settings, and the database for pending live work
      if (problem === null) throw error;
    }
    if (problem) {
      earlier!.putBack();
      lock();
      process.stderr.write(`kassa: ${problem}\n`);
      return 2;
    }
  }
  const log = fileLogger(dataDir);
  const secrets = await pickServeSecretStore(log, { service: keyringServiceFor(dataDir) });
  if (secrets instanceof KeyringSecretStore) await adoptLegacySecretsOnce(dataDir, secrets, log);
  let core: KassaCore;
  try {
    // a core that does not start lets the lock go itself: what --live wrote is put back first
    const release = () => {
      earlier?.putBack();
      lock();
    };
    core = await startCore({ dataDir, transport: 'http', version: packageJson.version, secrets, log, lock: release, liveStartInProgress: earlier !== null });
  } catch (error) {
    // The data folder's database or settings cannot be used: said in words, exit 2 (no bug of ours).
    earlier?.putBack();
    const words = dataProblem(error, dataDir, locale);
    if (words === null) throw error;
    process.stderr.write(`kassa: ${words}\n`);
    return 2;
  }
  if (values.live) {
    const problem = await goLive(core, values['trade-point']!, locale);
    if (problem) {
      const kept = earlier!.putBack(); // still under the lock: nobody reads the refused settings
      await core.close();
      process.stderr.write(`kassa: ${translate(locale, 'cli.serve.liveFailed', { problem })}${kept ? ` ${translate(locale, 'cli.serve.settingsKept')}` : ''}\n`);
      return 2;
    }
    earlier!.done();
  }
  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost({ core, rendererDir: rendererDir(), port, uploadsDir: core.uploadsDir });
  } catch (error) {
    await core.close();
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`kassa serve: ${translate(locale, 'cli.serve.portInUse', { port })}\n`);
    return 2;
  }
  process.stdout.write(`cashier: ${host.cashierUrl}\ncustomer: ${host.customerUrl}\n`);
  process.stderr.write(`${translate(locale, 'cli.serve.serving', { version: packageJson.version, origin: host.origin, dir: dataDir })}\n`);
  if (!values['no-open'] && !openAppWindows([host.cashierUrl, host.customerUrl], join(dataDir, 'browser'))) {
    process.stderr.write(`${translate(locale, 'cli.serve.noBrowser')}\n`);
  }
  // Ctrl+C in `npm start` reaches this process twice (from the terminal, and forwarded by the
  // launcher): a second signal must not kill it half-way through closing the database.
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await host.close();
      await core.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1; // keep running
}

/** The built renderer sits next to the built CLI: dist/main/cli.js -> dist/renderer. */
function rendererDir(): string {
  return process.env.KASSA_RENDERER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const usage = (name: string | undefined) => {
    const locale = localeOfArgs(argv); // `kassa --lang kk …` too: the language typed before the command
    if (name === 'simulator') return SIMULATOR_USAGE; // a developer's Kaspi stand-in: English only
    return translate(locale, name === 'serve' || name === 'import' || name === 'reconcile' ? `cli.usage.${name}` : 'cli.usage.main');
  };
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
      process.stdout.write(usage(rest[0]));
      return 0;
    }
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(usage(undefined));
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`kassa: ${translate(localeOfArgs(argv), 'cli.unknownCommand', { command })}\n${usage(undefined)}`);
      return 2;
  }
}

/**
 * Leaves once stdout and stderr are flushed: into a pipe (`kassa reconcile --json | jq`) they are
 * written asynchronously, and process.exit at once cut the JSON after the pipe's first 64 KiB.
 */
function exitFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

keepFilesPrivate();
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) exitFlushed(code);
  },
  (error: unknown) => {
    process.stderr.write(`kassa: ${error instanceof Error ? error.message : String(error)}\n`);
    exitFlushed(1);
  },
);
