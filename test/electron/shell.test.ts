// The Electron shell's wiring under plain Node: electron-main.ts runs against fake-electron.ts and the
// REAL core (SQLite in a temp dir). Covers what electron.spec.ts cannot run here: startup order,
// window options, guards, permission policy, the IPC sender check, event routing per audience,
// display following and shutdown. Run: npx vitest run test/electron (part of npm test)
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract.js';
import { FILES_REGISTER_CHANNEL } from '../../preload/ipc-names.js';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/protocol-paths.js';
import { forbiddenDebugSwitch } from '../../main/electron/security.js';
import { waitFor } from '../helpers/wait-for.js';
import type { SettingsView } from '../../shared/domain.js';
import {
  display,
  fake,
  FakeBrowserWindow,
  FakeFrame,
  FakeSession,
  FakeStore,
  FakeWebContents,
  invokeEvent,
} from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
vi.mock('electron-store', async () => (await import('./fake-electron.js')).electronStoreModule());

const PRIMARY = display(1, 0, 1920, 1080, 'Built-in');
const SECONDARY = display(7, 1920, 1024, 768, 'Customer LCD');

let dataDir: string;
let cashier: FakeBrowserWindow;
let customer: FakeBrowserWindow;

async function until(check: () => boolean, what: string): Promise<void> {
  await waitFor(check, 10_000, 10).catch(() => {
    throw new Error(`timed out waiting for ${what}`);
  });
}

function invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
  const handler = fake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, payload));
}

const ENV_KEY = 'test_shell_env_key_0123456789';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-shell-'));
  process.env.KASSA_DATA_DIR = dataDir;
  process.env.KASSA_KASPI_API_KEY = ENV_KEY;
  fake.screen.displays = [PRIMARY, SECONDARY];
  fake.screen.primaryId = PRIMARY.id;
  await import('../../main/electron/electron-main.js');
  fake.app.makeReady();
  await until(() => FakeBrowserWindow.getAllWindows().length === 2, 'two windows');
  cashier = FakeBrowserWindow.all.find((w) => w.webContents.getURL() === 'kassa://app/')!;
  customer = FakeBrowserWindow.all.find((w) => w.webContents.getURL() === 'kassa://app/customer')!;
});

afterAll(() => {
  delete process.env.KASSA_DATA_DIR;
  delete process.env.KASSA_KASPI_API_KEY;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('startup', () => {
  it('uses KASSA_DATA_DIR, locks it, sandboxes everything and privileges kassa:// before ready', () => {
    expect(fake.app.getPath('userData')).toBe(path.resolve(dataDir));
    const calls = fake.app.calls;
    expect(calls.indexOf('setPath userData')).toBeLessThan(calls.indexOf('requestSingleInstanceLock'));
    expect(calls).toContain('enableSandbox');
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'kassa', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('takes the Kaspi credentials out of process.env (every preload gets a copy of it); the core still has them', async () => {
    expect(process.env.KASSA_KASPI_API_KEY).toBeUndefined();
    const reply = (await invoke('settings.get', invokeEvent(cashier.webContents), {})) as { ok: true; data: SettingsView };
    expect(reply.data.kaspi.secrets.apiKey).toMatchObject({ configured: true, source: 'env' });
  });

  it('a packaged Kassa refuses Chromium\'s remote debugging switches', () => {
    expect(forbiddenDebugSwitch((name) => name === 'remote-debugging-port')).toBe('remote-debugging-port');
    expect(forbiddenDebugSwitch((name) => name === 'remote-debugging-pipe')).toBe('remote-debugging-pipe');
    expect(forbiddenDebugSwitch((name) => name === 'lang')).toBeNull();
  });

  it('opens the cashier window and the customer window fullscreen on the secondary display', () => {
    expect(cashier).toBeDefined();
    expect(customer).toBeDefined();
    expect(customer.fullscreen).toBe(true);
    expect(customer.bounds).toEqual(SECONDARY.bounds);
    expect(customer.calls).toContain('removeMenu');
  });

  it('gives both windows the checklist webPreferences', () => {
    for (const window of [cashier, customer]) {
      expect(window.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
      });
      const prefs = window.options.webPreferences as Record<string, unknown>;
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    }
  });

  it('installs a minimal menu without reload or devtools', () => {
    const menu = fake.menus.at(-1) as { template: unknown };
    const text = JSON.stringify(menu.template);
    expect(text).not.toMatch(/reload|toggleDevTools|forceReload/i);
    expect(text).toContain('Customer LCD');
    // the edit menu in the app's words too, not Electron's fixed English "editMenu"
    expect(text).not.toContain('editMenu');
    expect(text).toContain('"role":"paste"');
  });
});

describe('webContents guards', () => {
  const navigation = (url: string) => ({ url, preventDefault: vi.fn() });

  it('prevents navigation and redirects away from kassa://app', () => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'kassa://evil/', 'http://127.0.0.1/']) {
        const event = navigation(url);
        cashier.webContents.emit(name, event, url);
        expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const inside = navigation('kassa://app/customer');
      cashier.webContents.emit(name, inside, inside.url);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('denies window.open and <webview>', () => {
    for (const window of [cashier, customer]) {
      expect(window.webContents.windowOpenHandler?.({ url: 'kassa://app/' })).toEqual({ action: 'deny' });
      expect(window.webContents.webRtcPolicy).toBe('disable_non_proxied_udp');
      const event = { preventDefault: vi.fn() };
      const prefs: Record<string, unknown> = { preload: '/evil.js' };
      window.webContents.emit('will-attach-webview', event, prefs, { src: 'https://example.com' });
      expect(event.preventDefault).toHaveBeenCalled();
      expect(prefs.preload).toBeUndefined();
    }
  });
});

describe('session policy', () => {
  it('denies every permission request and check', () => {
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen']) {
      fake.session.permissionRequestHandler?.(cashier.webContents, permission, callback);
    }
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(callback).toHaveBeenCalledTimes(5);
    expect(fake.session.permissionCheckHandler?.(cashier.webContents, 'media', 'kassa://app', {})).toBe(false);
    expect(fake.session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it("grants writing to the clipboard (the pay link's Copy) to our own page's main frame only", () => {
    const request = (permission: string, details: object) => {
      let granted: boolean | undefined;
      fake.session.permissionRequestHandler?.(cashier.webContents, permission, (ok) => (granted = ok), details as never);
      return granted;
    };
    const app = { requestingUrl: 'kassa://app/', isMainFrame: true };
    expect(request('clipboard-sanitized-write', app)).toBe(true);
    expect(fake.session.permissionCheckHandler?.(cashier.webContents, 'clipboard-sanitized-write', 'kassa://app', app)).toBe(true);
    expect(request('clipboard-read', app)).toBe(false);
    expect(request('clipboard-sanitized-write', { requestingUrl: 'kassa://app/', isMainFrame: false })).toBe(false);
    expect(request('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(request('clipboard-sanitized-write', {})).toBe(false);
    expect(fake.session.permissionCheckHandler?.(cashier.webContents, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });

  it('cancels renderer requests that leave kassa://app', () => {
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      fake.session.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('kassa://app/assets/index.js')).toBe(false);
    expect(verdict('https://kaspi.kz/')).toBe(true);
    expect(verdict('ws://127.0.0.1:1234/')).toBe(true);
  });
});

describe('kassa:// protocol', () => {
  const rendererDir = () => {
    const dir = path.join(dataDir, 'renderer');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Kassa</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dataDir, 'secret.txt'), 'secret');
    return dir;
  };

  it('serves files and SPA routes with the CSP header; refuses traversal and writes', async () => {
    const { handleAppProtocol } = await import('../../main/electron/app-protocol.js');
    const session = new FakeSession();
    handleAppProtocol(session as never, rendererDir());
    const handler = session.handlers.get('kassa')!;
    const get = (url: string, method = 'GET') => Promise.resolve(handler(new Request(url, { method })));

    for (const url of ['kassa://app/', 'kassa://app/customer']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('<title>Kassa</title>');
    }
    const script = await get('kassa://app/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');

    expect((await get('kassa://app/assets/missing.js')).status).toBe(404);
    expect((await get('kassa://app/..%2fsecret.txt')).status).toBe(403);
    expect((await get('kassa://app/%2e%2e%5csecret.txt')).status).toBe(403);
    const refused = await get('kassa://app/..%2fsecret.txt');
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('kassa://other/index.html')).status).toBe(404);
    expect((await get('kassa://app/', 'POST')).status).toBe(405);
  });
});

describe('IPC', () => {
  it('registers exactly one handler per contract channel', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES, FILES_REGISTER_CHANNEL].sort());
  });

  it('registers a chosen file for import only from the cashier window, only if it is a real file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kassa-upload-')), 'report.csv');
    writeFileSync(file, '#;x\n');
    const reply = (await invoke(FILES_REGISTER_CHANNEL, invokeEvent(cashier.webContents), file)) as { ok: boolean; data: { uploadId: string } };
    expect(reply.ok).toBe(true);
    expect(reply.data.uploadId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(await invoke(FILES_REGISTER_CHANNEL, invokeEvent(customer.webContents), file)).toEqual({ ok: false, error: { code: 'forbidden' } });
    for (const bad of ['', 'relative/report.csv', path.dirname(file), `${file}.missing`, 42]) {
      expect(await invoke(FILES_REGISTER_CHANNEL, invokeEvent(cashier.webContents), bad)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });

  it('runs cashier calls through the real core with the cashier audience', async () => {
    const reply = await invoke('app.info', invokeEvent(cashier.webContents), {});
    expect(reply).toMatchObject({ ok: true, data: { transport: 'electron', version: '0.1.0-test' } });
  });

  it('gives the customer window the customer audience', async () => {
    expect(await invoke('customer.view', invokeEvent(customer.webContents), {})).toMatchObject({ ok: true });
    expect(await invoke('payments.charge', invokeEvent(customer.webContents), { amountTiyn: 100 })).toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses sub-frames, foreign origins, gone frames and unknown webContents', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    const child = new FakeFrame('kassa://app/');
    child.parent = cashier.webContents.mainFrame;
    const foreign = new FakeWebContents();
    foreign.mainFrame.url = 'kassa://app/';
    const gone = new FakeFrame('kassa://app/');
    gone.destroyed = true;

    const forged = [
      invokeEvent(cashier.webContents, child), // an iframe inside the cashier window
      invokeEvent(cashier.webContents, null), // frame already navigated away / destroyed
      invokeEvent(cashier.webContents, gone),
      invokeEvent(foreign), // a webContents that is not one of our windows
    ];
    for (const event of forged) expect(await invoke('app.info', event, {})).toEqual(forbidden);

    const original = cashier.webContents.mainFrame.url;
    cashier.webContents.mainFrame.url = 'https://evil.example/';
    try {
      expect(await invoke('app.info', invokeEvent(cashier.webContents), {})).toEqual(forbidden);
    } finally {
      cashier.webContents.mainFrame.url = original;
    }
  });

  it('lets the core reject bad payloads (it parses with the contract)', async () => {
    const reply = await invoke('payments.charge', invokeEvent(cashier.webContents), { amountTiyn: -5 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('sends each event only to windows whose audience may receive it', async () => {
    cashier.webContents.sent.length = 0;
    customer.webContents.sent.length = 0;
    const reply = await invoke('settings.update', invokeEvent(cashier.webContents), { shopName: 'Дүкен' });
    expect(reply).toMatchObject({ ok: true });
    const names = (w: FakeBrowserWindow) =>
      w.webContents.sent.filter(([channel]) => channel === 'kassa:event').map(([, name]) => name);
    expect(names(cashier)).toEqual(expect.arrayContaining(['settings.changed', 'customer.updated']));
    expect(names(customer)).toContain('customer.updated');
    expect(names(customer)).not.toContain('settings.changed');
    for (const message of [...cashier.webContents.sent, ...customer.webContents.sent]) {
      expect(message).toHaveLength(3); // channel, name, payload: nothing else crosses
    }
  });
});

describe('menu language', () => {
  it('follows the locale chosen in the app settings', async () => {
    const menuText = () => JSON.stringify((fake.menus.at(-1) as { template: unknown }).template);
    expect(await invoke('settings.update', invokeEvent(cashier.webContents), { locale: 'en' })).toMatchObject({
      ok: true,
    });
    expect(menuText()).toContain('Customer display');
    await invoke('settings.update', invokeEvent(cashier.webContents), { locale: 'kk' });
    expect(menuText()).toContain('Сатып алушы экраны');
    await invoke('settings.update', invokeEvent(cashier.webContents), { locale: 'ru' });
    expect(menuText()).toContain('Экран покупателя');
  });
});

describe('customer display placement', () => {
  // Display changes are debounced (300 ms) and leaving fullscreen takes an event: wait for the outcome.
  const placed = (fullscreen: boolean, bounds: unknown) =>
    vi.waitFor(
      () => {
        expect(customer.fullscreen).toBe(fullscreen);
        expect(customer.bounds).toEqual(bounds);
      },
      { timeout: 10_000, interval: 20 },
    );

  it('falls back to a window on the primary when the secondary is unplugged, and returns', async () => {
    fake.screen.displays = [PRIMARY];
    fake.screen.emit('display-removed', {}, SECONDARY);
    await placed(false, { x: 560, y: 220, width: 800, height: 600 });

    fake.screen.displays = [PRIMARY, SECONDARY];
    fake.screen.emit('display-added', {}, SECONDARY);
    await placed(true, SECONDARY.bounds);
  });

  it('remembers a display chosen in the menu, in its own store', async () => {
    const third = display(9, -1280, 1280, 1024, 'Left');
    fake.screen.displays = [PRIMARY, SECONDARY, third];
    fake.screen.emit('display-added', {}, third);
    // Automatic picks the left-most secondary.
    await placed(true, third.bounds);

    const menu = fake.menus.at(-1) as { template: { submenu?: { label?: string; click?: () => void }[] }[] };
    const items = menu.template.flatMap((entry) => entry.submenu ?? []);
    items.find((item) => item.label?.startsWith('Customer LCD'))!.click!();
    await placed(true, SECONDARY.bounds);
    expect(FakeStore.byName.get('customer-display')?.get('displayId')).toBe(SECONDARY.id);
  });
});

describe('a page that goes away', () => {
  it('is loaded again after a crash or a kill, at most three times a minute; a clean exit is left', () => {
    const loads = () => customer.calls.filter((c) => c === 'loadURL kassa://app/customer').length;
    const before = loads();
    customer.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(loads()).toBe(before);
    customer.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(loads()).toBe(before + 1);
    customer.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    customer.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    customer.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(loads()).toBe(before + 3);
    expect(readFileSync(path.join(dataDir, 'logs', 'kassa.log'), 'utf8')).toContain('shell: kassa://app/customer keeps going away (crashed)');
  });
});

describe('shutdown', () => {
  it('closing the cashier window during a sale asks first; then it closes the customer display and the core, and quits — the sale kept', async () => {
    const sale = (await invoke('payments.charge', invokeEvent(cashier.webContents), { amountTiyn: 1000 })) as { ok: boolean; data: { id: string } };
    expect(sale.ok).toBe(true);
    fake.messageBoxResponse = 1; // "Close"
    cashier.close();
    await until(() => customer.isDestroyed(), 'the customer display to close');
    expect(fake.messageBoxes).toHaveLength(1);
    expect(cashier.isDestroyed()).toBe(true);
    await until(() => fake.app.calls.includes('quitted'), 'the app to quit');
    expect(fake.app.calls.filter((c) => c === 'quit')).toHaveLength(2); // once prevented for core.close()
    expect(fake.ipcMain.handlers.size).toBe(0);
    const db = new Database(path.join(dataDir, 'kassa.db'), { readonly: true });
    expect(db.prepare('SELECT status FROM sales WHERE id = ?').get(sale.data.id)).toEqual({ status: 'qr_shown' });
    db.close();
  });
});
