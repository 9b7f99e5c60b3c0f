// Electron's security checklist, applied in one place (see SECURITY.md for the item-by-item list):
// the webPreferences every window gets, the guards every webContents gets, and the session policy.
import { app, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAllowedRendererRequest, isAppUrl } from './protocol-paths.js';

/** webPreferences for every Kassa window. Only the preload path varies. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // #3
    sandbox: true, // #4
    nodeIntegration: false, // #2
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // #6
    allowRunningInsecureContent: false, // #8
    experimentalFeatures: false, // #9
    webviewTag: false, // #12
    navigateOnDragDrop: false,
    spellcheck: false, // the spellchecker would download dictionaries from Google's CDN
    safeDialogs: true,
    devTools: !app.isPackaged,
  };
}

/**
 * Chromium switches that let another local process attach to the renderers and drive the till (the
 * Node ones, --inspect…, are off through the EnableNodeCliInspectArguments fuse). A packaged Kassa
 * started with one of them refuses to run.
 */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe'] as const;

export function forbiddenDebugSwitch(hasSwitch: (name: string) => boolean): string | null {
  return DEBUG_SWITCHES.find((name) => hasSwitch(name)) ?? null;
}

/** Guards for every webContents the app ever creates (#12, #13, #14), installed via web-contents-created. */
export function hardenWebContents(contents: WebContents): void {
  // WebRTC could reach the network (and tell local addresses) past the request filter: only through a proxy, never by UDP.
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  // #13: only our own origin may be shown; links to the web never open inside the till.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // #14: no new windows from the page, ever (the two windows are created by main).
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // #12: no <webview> even if a future change turned the tag on.
  contents.on('will-attach-webview', (event, webPreferences) => {
    delete webPreferences.preload;
    event.preventDefault();
  });
}

/**
 * The one permission granted: writing text to the clipboard (navigator.clipboard.writeText, the pay
 * link's Copy; Chromium asks for it as clipboard-sanitized-write, on a user gesture only), and only to
 * our own page's main frame. Reading the clipboard stays denied.
 */
export function isGrantedPermission(permission: string, requestingUrl: string | undefined, isMainFrame: boolean | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isMainFrame === true && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * #5: deny every permission but the one above (camera, notifications, geolocation, clipboard-read,
 * fullscreen ...), both the prompt and the silent check, plus device pickers (HID, serial, USB,
 * Bluetooth). And no network from the renderer at all: it has IPC; main talks to Kaspi.
 */
export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isGrantedPermission(permission, details?.requestingUrl, details?.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isGrantedPermission(permission, details?.requestingUrl ?? requestingOrigin, details?.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _portList, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url) });
  });
}

/** Navigation targets allowed for `loadURL` from main (defensive: we only ever load our own). */
export function assertAppUrl(url: string): string {
  if (!isAppUrl(url)) throw new Error(`refusing to load a non-app URL: ${url}`);
  return url;
}
