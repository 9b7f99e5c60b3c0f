// The sandboxed preload of both windows: exposes `window.kassa` (shared/bridge.ts) and nothing else.
// Every contract channel becomes a named function, kassa.<namespace>.<method>(request), derived from the
// contract's channel list; events arrive through kassa.on(name, listener) with the payload only.
// ipcRenderer and IpcRendererEvent never cross the bridge (security checklist #20).
// Sandboxed preloads may only require('electron'): scripts/build.mjs bundles the rest into one CJS file.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { BridgeNamespaces, KassaBridge } from '../shared/bridge.js';
import { CHANNEL_NAMES, isEventName, splitChannel, type EventName } from '../shared/contract.js';
import { EVENT_CHANNEL, FILES_REGISTER_CHANNEL } from './ipc-names.js';

type Invoke = (request: unknown) => Promise<unknown>;

/**
 * The namespaces, built at runtime from CHANNEL_NAMES. TypeScript cannot follow a loop over a runtime
 * list, so the result is asserted once here; BridgeNamespaces is itself derived from the same Channel
 * union, so both sides come from the one contract table.
 */
function buildNamespaces(): BridgeNamespaces {
  const namespaces: Record<string, Record<string, Invoke>> = Object.create(null);
  for (const channel of CHANNEL_NAMES) {
    const [ns, method] = splitChannel(channel);
    const target = (namespaces[ns] ??= Object.create(null) as Record<string, Invoke>);
    // A fresh function per channel: the renderer never chooses the channel name.
    target[method] = (request: unknown) => ipcRenderer.invoke(channel, request);
  }
  return namespaces as unknown as BridgeNamespaces;
}

/** One ipcRenderer listener for all events; subscribers get the payload and never the IPC event. */
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`[kassa] listener for "${name}" failed`, error);
    }
  }
});

const on: KassaBridge['on'] = (event, listener) => {
  if (!isEventName(event) || typeof listener !== 'function') {
    throw new TypeError('kassa.on(event, listener): unknown event or listener is not a function');
  }
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  const entry = listener as (payload: unknown) => void;
  set.add(entry);
  return () => {
    set.delete(entry);
  };
};

/** Only a real File the manager dropped or picked has a path; a File made up by script has none. */
const files: KassaBridge['files'] = {
  register(file) {
    let path = '';
    try {
      path = webUtils.getPathForFile(file as File);
    } catch {
      path = '';
    }
    return ipcRenderer.invoke(FILES_REGISTER_CHANNEL, path);
  },
};

const bridge = {
  ...buildNamespaces(),
  transport: 'electron',
  files,
  on,
} satisfies KassaBridge;

contextBridge.exposeInMainWorld('kassa', bridge);
