// Binds the core's handler registry to Electron IPC (security checklist #17: validate every sender).
// One ipcMain.handle per contract channel. Before anything reaches the core, the sender must be the main
// frame of one of our two windows, showing kassa://app; its window decides the audience (cashier or
// customer). The core then parses the request and refuses channels that audience may not call.
// Events go the other way only to windows whose audience the contract lists for that event.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  CHANNEL_NAMES,
  events,
  type Audience,
  type Envelope,
  type EventName,
} from '../../shared/contract.js';
import { EVENT_CHANNEL, FILES_REGISTER_CHANNEL } from '../../preload/ipc-names.js';
import { statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { isAppUrl } from './protocol-paths.js';
import type { WindowRegistry } from './windows.js';
import { shellLog } from './shell-log.js';

/** What this bridge needs of KassaCore (main/app-core.ts). */
export interface CoreBinding {
  invoke(channel: string, payload: unknown, audience: Audience): Promise<Envelope<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  registerUpload(file: { path: string; fileName: string; size: number; temporary: boolean }): string;
}

const FORBIDDEN: Envelope<never> = { ok: false, error: { code: 'forbidden' } };
const INTERNAL: Envelope<never> = { ok: false, error: { code: 'internal' } };

/** The audience of a trusted sender, or null: then the call is refused before any handler runs. */
export function senderAudience(event: IpcMainInvokeEvent, registry: WindowRegistry): Audience | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return null;
  if (frame !== event.sender.mainFrame || frame.parent !== null) return null;
  if (!isAppUrl(frame.url)) return null;
  return registry.audienceOf(event.sender.id) ?? null;
}

/** Registers the handlers and the event fan-out; returns the function that undoes both. */
export function bindIpc(core: CoreBinding, registry: WindowRegistry): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      const audience = senderAudience(event, registry);
      if (!audience) {
        shellLog.warn(`refused IPC "${channel}" from ${event.senderFrame?.url.slice(0, 200) ?? 'a gone frame'}`);
        return FORBIDDEN;
      }
      try {
        return await core.invoke(channel, payload, audience);
      } catch (error) {
        // core.invoke promises never to throw; if it does, the renderer still gets an envelope.
        shellLog.error(`IPC "${channel}" failed`, error);
        return INTERNAL;
      }
    });
  }

  // A file for import: only from the cashier window, only an existing regular file (the preload sends
  // the path of a File the manager chose; nothing else can produce one).
  ipcMain.handle(FILES_REGISTER_CHANNEL, (event, path: unknown): Envelope<{ uploadId: string }> => {
    if (senderAudience(event, registry) !== 'cashier') return FORBIDDEN;
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || !isAbsolute(path)) {
      return { ok: false, error: { code: 'invalid_request', params: { field: 'file' } } };
    }
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return { ok: false, error: { code: 'invalid_request', params: { field: 'file' } } };
      return { ok: true, data: { uploadId: core.registerUpload({ path, fileName: basename(path), size: stat.size, temporary: false }) } };
    } catch {
      return { ok: false, error: { code: 'invalid_request', params: { field: 'file' } } };
    }
  });

  const unsubscribe = core.onEvent((name, payload) => {
    const allowed = events[name].audience;
    for (const { window, audience } of registry.list()) {
      const contents = window.webContents;
      if (!allowed.includes(audience) || contents.isDestroyed()) continue;
      if (!isAppUrl(contents.getURL())) continue;
      contents.send(EVENT_CHANNEL, name, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
    ipcMain.removeHandler(FILES_REGISTER_CHANNEL);
  };
}
