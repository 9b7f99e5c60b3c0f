// A small in-memory stand-in for the parts of Electron the shell uses, so main/electron/** and the
// preload can be exercised under plain Node where the Electron binary cannot run (shared/TOOLCHAIN.md).
// It records what the shell asks for; tests drive it (emit events, call registered handlers).
// It is not Electron: real behaviour (sandbox, CSP enforcement, navigation) is for electron.spec.ts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FakeDisplay {
  id: number;
  label: string;
  bounds: Rect;
  workArea: Rect;
}

let nextContentsId = 1;

export class FakeFrame {
  parent: FakeFrame | null = null;
  destroyed = false;
  constructor(public url: string) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  readonly sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  webRtcPolicy: string | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  setWebRTCIPHandlingPolicy(policy: string): void {
    this.webRtcPolicy = policy;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  destroyed = false;
  fullscreen: boolean;
  bounds: Rect;
  visible = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.fullscreen = options.fullscreen === true;
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    };
    FakeBrowserWindow.all.push(this);
    fake.app.allClosedEmitted = false;
    fake.app.emit('web-contents-created', {}, this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.calls.push(`loadURL ${url}`);
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  showInactive(): void {
    this.visible = true;
  }
  removeMenu(): void {
    this.calls.push('removeMenu');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As Electron: 'close' first, which a listener may prevent; then the window is gone. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0 && !fake.app.allClosedEmitted) {
      fake.app.allClosedEmitted = true;
      fake.app.emit('window-all-closed');
    }
  }
  isFullScreen(): boolean {
    return this.fullscreen;
  }
  setFullScreen(on: boolean): void {
    this.calls.push(`setFullScreen ${on}`);
    const was = this.fullscreen;
    this.fullscreen = on;
    if (was && !on) setImmediate(() => this.emit('leave-full-screen'));
  }
  setBounds(bounds: Rect): void {
    this.calls.push(`setBounds ${bounds.x},${bounds.y},${bounds.width}x${bounds.height}`);
    this.bounds = { ...bounds };
  }
  setMinimizable(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.calls.push('focus');
  }
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>([['userData', '/nonexistent/default-user-data']]);
  readonly calls: string[] = [];
  ready = false;
  #readyResolve!: () => void;
  readonly #ready = new Promise<void>((resolve) => (this.#readyResolve = resolve));
  isPackaged = false;
  allClosedEmitted = false;
  readonly switches = new Set<string>();
  readonly commandLine = { hasSwitch: (name: string) => this.switches.has(name) };

  setPath(name: string, value: string): void {
    this.calls.push(`setPath ${name}`);
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/nonexistent/${name}`;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getLocale(): string {
    return 'ru-RU';
  }
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    return this.#ready;
  }
  /** Test control: what Chromium does once it has started. */
  makeReady(): void {
    this.ready = true;
    this.#readyResolve();
    this.emit('ready');
  }
  quit(): void {
    this.calls.push('quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.calls.push('quitted');
  }
  exit(code: number): void {
    this.calls.push(`exit ${code}`);
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeSession extends EventEmitter {
  readonly handlers = new Map<string, ProtocolHandler>();
  permissionRequestHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void, details?: unknown) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | null = null;
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) => {
      if (!fake.app.ready) throw new Error('protocol.handle before ready');
      this.handlers.set(scheme, handler);
    },
  };
  readonly webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [display(1, 0, 1920, 1080, 'Built-in')];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]!;
  }
}

export function display(id: number, x: number, width: number, height: number, label = ''): FakeDisplay {
  return { id, label, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

/**
 * safeStorage stand-in: real AES-256-GCM under a per-process key (so a damaged ciphertext fails to
 * decrypt, as in Chromium), with the switches the real one has: whether encryption is available and
 * which Linux backend was selected ("unknown" before ready, as documented).
 */
export class FakeSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' = 'gnome_libsecret';
  /** Test control: the next decryptions report that the key was rotated. */
  rotated = false;
  readonly #key = randomBytes(32);

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return fake.app.ready && this.available;
  }
  getSelectedStorageBackend(): string {
    return fake.app.ready ? this.backend : 'unknown';
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!(await this.isAsyncEncryptionAvailable())) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    try {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('bad prefix');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      return { shouldReEncrypt: this.rotated, result };
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  }
}

type Invoker = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Invoker>();
  handle(channel: string, handler: Invoker): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return { ok: true, data: { channel } };
  }
}

export const fake = {
  app: new FakeApp(),
  session: new FakeSession(),
  screen: new FakeScreen(),
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  safeStorage: new FakeSafeStorage(),
  privilegedSchemes: [] as unknown[],
  exposed: new Map<string, unknown>(),
  menus: [] as unknown[],
  /** dialog.showErrorBox calls: [title, content]. */
  errorBoxes: [] as [string, string][],
  /** dialog.showMessageBox calls, and the button the user will press. */
  messageBoxes: [] as { window: unknown; options: { message: string; detail?: string; buttons: string[] } }[],
  messageBoxResponse: 0,
};

/** The module object handed to vi.mock('electron'). */
export function electronModule(): Record<string, unknown> {
  const module = {
    app: fake.app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: fake.ipcMain,
    ipcRenderer: fake.ipcRenderer,
    screen: fake.screen,
    safeStorage: fake.safeStorage,
    session: { defaultSession: fake.session },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        if (fake.app.ready) throw new Error('registerSchemesAsPrivileged after ready');
        fake.privilegedSchemes.push(...schemes);
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => fake.menus.push(menu),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value),
    },
    // A File the user chose carries its path (as Electron knows it); one built by script has none.
    webUtils: {
      getPathForFile: (file: { chosenPath?: string }) => file.chosenPath ?? '',
    },
    shell: {},
    dialog: {
      showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]),
      showMessageBox: async (window: unknown, options: { message: string; detail?: string; buttons: string[] }) => {
        fake.messageBoxes.push({ window, options });
        return { response: fake.messageBoxResponse, checkboxChecked: false };
      },
    },
  };
  return { ...module, default: module };
}

/** An IPC invoke event as Electron would build it for `contents` (override parts to forge one). */
export function invokeEvent(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, processId: 1, frameId: 1 };
}

/** electron-store stand-in: one in-memory object per store name, its options kept for assertions. */
export class FakeStore<T extends Record<string, unknown>> {
  static byName = new Map<string, FakeStore<Record<string, unknown>>>();
  readonly data: Record<string, unknown>;
  constructor(readonly options: { name?: string; defaults?: T }) {
    this.data = { ...(options.defaults ?? {}) };
    FakeStore.byName.set(options.name ?? 'config', this as unknown as FakeStore<Record<string, unknown>>);
  }
  get(key: string): unknown {
    return this.data[key];
  }
  set(key: string, value: unknown): void {
    this.data[key] = value;
  }
  delete(key: string): void {
    delete this.data[key];
  }
}

/** The module object handed to vi.mock('electron-store'). */
export function electronStoreModule(): Record<string, unknown> {
  return { default: FakeStore };
}
