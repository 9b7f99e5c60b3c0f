// The Electron shell of Kassa: lifecycle only. It starts the same core the HTTP host uses, serves the
// renderer on kassa://app, opens the cashier and customer windows and binds IPC. Everything that can
// be tested without Electron lives outside this folder (main/**) or in its pure modules
// (protocol-paths.ts, customer-display-placement.ts). Built to dist/main/electron-main.js (ESM).
import { app, dialog, session } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { settingsViewSchema, type Locale } from '../../shared/domain.js';
import { translate } from '../../shared/i18n/messages.js';
import { startCore, type KassaCore } from '../app-core.js';
import { envOnlyStore } from '../services/secrets/secret-store.js';
import { takeSecretEnv } from '../services/secrets/secrets-service.js';
import { startupErrorText } from '../startup-error.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { CustomerDisplay } from './customer-display.js';
import { openDisplayStore } from './display-store.js';
import { bindIpc } from './ipc-bridge.js';
import { installMenu } from './menu.js';
import { openSafeStorageSecretStore } from './safe-storage-secret-store.js';
import { applySessionPolicy, forbiddenDebugSwitch, hardenWebContents } from './security.js';
import { createCashierWindow, WindowRegistry } from './windows.js';
import { keepFilesPrivate } from '../host/private-files.js';
import { openShellLog, shellLog } from './shell-log.js';
import { askBeforeClosingDuringSale } from './close-guard.js';

// dist/main/electron-main.js -> dist/renderer, dist/preload (also inside app.asar when packaged).
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(here, '../renderer');
const PRELOAD_PATH = path.resolve(here, '../preload/preload.cjs');
// The window icon (Linux shows it; Windows/macOS use the packaged one). electron-builder.yml ships it.
const ICON_PATH = [path.resolve(here, '../../assets/icon.png')].find((p) => existsSync(p));

// Kaspi credentials from the environment are for main only: Electron hands every renderer's preload a
// copy of process.env, so they leave it before any window exists; the core gets the whole copy.
const coreEnv = takeSecretEnv(process.env);
keepFilesPrivate();

// Tests and several tills on one machine: --data-dir (`npm start -- --data-dir X`, as `kassa serve`
// takes it) or KASSA_DATA_DIR replaces userData before anything reads it (the core's database,
// electron-store, Chromium's profile and the single-instance lock).
const dataDirFlag = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true }).values['data-dir'];
const dataDirOverride = (typeof dataDirFlag === 'string' && dataDirFlag) || process.env.KASSA_DATA_DIR;
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));
openShellLog(app.getPath('userData'));

// Security checklist #4 and #18: sandbox every renderer; kassa:// must be privileged before ready.
app.enableSandbox();
registerAppScheme();

const debugSwitch = app.isPackaged ? forbiddenDebugSwitch((name) => app.commandLine.hasSwitch(name)) : null;
if (debugSwitch) {
  shellLog.error(`refusing to run with --${debugSwitch}`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Another Kassa already owns this data directory: it gets focused (second-instance below).
  app.quit();
} else {
  main().catch((error: unknown) => {
    shellLog.error('startup failed', error);
    // Say so instead of vanishing (the window, the menu or the display could not be set up).
    dialog.showErrorBox(translate(startupLocale(), 'app.title'), startupErrorText(startupLocale(), error, app.getPath('userData')));
    app.exit(1);
  });
}

async function main(): Promise<void> {
  const registry = new WindowRegistry();
  let core: KassaCore | null = null;
  let unbindIpc: (() => void) | null = null;
  let unwatchScreens: (() => void) | null = null;
  let customer: CustomerDisplay | null = null;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    const cashier = registry.find('cashier');
    if (!cashier) {
      // macOS keeps the app in the dock with no window: a second launch means "open the till".
      if (core && shutdown === 'running') openWindows();
      return;
    }
    if (cashier.isMinimized()) cashier.restore();
    cashier.focus();
  });

  let locale: Locale = 'ru';
  const saleRunning = async () => {
    const reply = core ? await core.invoke('payments.current', {}, 'cashier') : null;
    return reply?.ok === true && (reply.data as { sale: unknown }).sale !== null;
  };
  const openWindows = () => {
    if (!customer) return;
    const cashier = createCashierWindow(PRELOAD_PATH, ICON_PATH);
    registry.add(cashier, 'cashier');
    askBeforeClosingDuringSale(cashier, saleRunning, () => locale);
    // The customer view is part of the cashier's till: closing the till closes it too.
    cashier.once('closed', () => customer?.close());
    customer.open();
  };

  // Quit when the till is closed, except on macOS where apps stay in the dock until Cmd+Q.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && shutdown === 'running' && !registry.find('cashier')) openWindows();
  });

  // Closing the core (SQLite, timers) is async: hold the quit until it is done, however often quit is asked.
  let shutdown: 'running' | 'closing' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (!core || shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    unwatchScreens?.();
    unbindIpc?.();
    core
      .close()
      .catch((error: unknown) => shellLog.error('core did not close cleanly', error))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });

  await app.whenReady();

  applySessionPolicy(session.defaultSession);
  handleAppProtocol(session.defaultSession, RENDERER_DIR);

  // Kaspi credentials: safeStorage ciphertext in <userData>/secrets.json (needs ready). If even that
  // file cannot be opened, the till still starts and takes credentials from the environment.
  const secrets = await openSafeStorageSecretStore().catch((error: unknown) => {
    shellLog.error('secret store unavailable, Kaspi credentials come from the environment only', error);
    return envOnlyStore;
  });

  try {
    core = await startCore({
      dataDir: app.getPath('userData'),
      transport: 'electron',
      version: app.getVersion(),
      secrets,
      env: coreEnv,
    });
  } catch (error) {
    shellLog.error('could not start', error);
    // Say why instead of vanishing: the folder in use (`kassa serve` or another copy), its database
    // damaged, newer, not writable, the disk full — or the error as it came.
    const locale = startupLocale();
    dialog.showErrorBox(translate(locale, 'app.title'), startupErrorText(locale, error, app.getPath('userData')));
    app.exit(1);
    return;
  }

  unbindIpc = bindIpc(core, registry);

  // The menu speaks the language chosen in the app's settings, and follows it when it changes.
  locale = await currentLocale(core);
  const display = new CustomerDisplay(PRELOAD_PATH, openDisplayStore(), registry, () => installMenu(display, locale));
  customer = display;
  core.onEvent((name, payload) => {
    const parsed = name === 'settings.changed' ? settingsViewSchema.safeParse(payload) : null;
    if (parsed?.success && parsed.data.locale !== locale) {
      locale = parsed.data.locale;
      installMenu(display, locale);
    }
  });
  installMenu(display, locale);
  unwatchScreens = display.watch();
  openWindows();
}

/** Before the settings are read: the system's language, if Kassa speaks it. */
function startupLocale(): Locale {
  return (['kk', 'en'] as const).find((l) => app.getLocale().startsWith(l)) ?? 'ru';
}

async function currentLocale(core: KassaCore): Promise<Locale> {
  const reply = await core.invoke('settings.get', {}, 'cashier');
  const parsed = reply.ok ? settingsViewSchema.safeParse(reply.data) : null;
  return parsed?.success ? parsed.data.locale : 'ru';
}
