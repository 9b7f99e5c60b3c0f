// The two windows of the till and the registry that tells IPC which audience a webContents speaks for.
// The cashier window is the app; the customer window is a view of it for the buyer's screen.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Audience } from '../../shared/contract.js';
import type { Placement } from './customer-display-placement.js';
import { CASHIER_URL, CUSTOMER_URL } from './protocol-paths.js';
import { assertAppUrl, secureWebPreferences } from './security.js';
import { shellLog } from './shell-log.js';

/** webContents id -> audience, for our two windows only. Nothing else may call IPC. */
export class WindowRegistry {
  readonly #byContentsId = new Map<number, { window: BrowserWindow; audience: Audience }>();

  add(window: BrowserWindow, audience: Audience): void {
    const id = window.webContents.id;
    this.#byContentsId.set(id, { window, audience });
    window.once('closed', () => this.#byContentsId.delete(id));
  }

  audienceOf(webContentsId: number): Audience | undefined {
    return this.#byContentsId.get(webContentsId)?.audience;
  }

  /** Live windows with their audience. */
  list(): { window: BrowserWindow; audience: Audience }[] {
    return [...this.#byContentsId.values()].filter((entry) => !entry.window.isDestroyed());
  }

  find(audience: Audience): BrowserWindow | undefined {
    return this.list().find((entry) => entry.audience === audience)?.window;
  }
}

const common = (preloadPath: string): BrowserWindowConstructorOptions => ({
  show: false,
  backgroundColor: '#ffffff',
  webPreferences: secureWebPreferences(preloadPath),
});

export function createCashierWindow(preloadPath: string, iconPath: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    ...common(preloadPath),
    title: 'Kassa',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    ...(iconPath ? { icon: iconPath } : {}),
  });
  window.once('ready-to-show', () => window.show());
  load(window, CASHIER_URL);
  reloadWhenGone(window, CASHIER_URL);
  return window;
}

/**
 * The buyer's screen. It never takes focus from the cashier (showInactive) and has no menu bar.
 * Its position comes from chooseCustomerPlacement; CustomerDisplay keeps it there as screens change.
 */
export function createCustomerWindow(preloadPath: string, placement: Placement): BrowserWindow {
  const window = new BrowserWindow({
    ...common(preloadPath),
    title: 'Kassa — customer display',
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    autoHideMenuBar: true,
    minimizable: !placement.fullscreen,
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.showInactive());
  load(window, CUSTOMER_URL);
  reloadWhenGone(window, CUSTOMER_URL);
  return window;
}

/** Reloads of a page that went away, within a minute, before it is left alone (it would only crash again). */
const MAX_RELOADS_PER_MINUTE = 3;

/**
 * A page whose renderer crashed or was killed (out of memory, say) is loaded again: a blank till
 * helps nobody, and the menu offers no reload. One that keeps crashing is left, and logged.
 */
function reloadWhenGone(window: BrowserWindow, url: string): void {
  const recent: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    while (recent.length > 0 && now - recent[0]! > 60_000) recent.shift();
    if (recent.length >= MAX_RELOADS_PER_MINUTE) {
      shellLog.error(`${url} keeps going away (${details.reason}): not reloaded again`);
      return;
    }
    recent.push(now);
    shellLog.warn(`${url} went away (${details.reason}, exit ${details.exitCode}): reloading`);
    load(window, url);
  });
}

function load(window: BrowserWindow, url: string): void {
  window.loadURL(assertAppUrl(url)).catch((error: unknown) => {
    shellLog.error(`could not load ${url}`, error);
  });
}
