// IPC names that are not contract channels, shared by the preload and main/electron/ipc-bridge.ts.
// (Contract channels use their own names, e.g. "payments.charge", one ipcMain.handle each.)

/** main -> renderer: every contract event travels on this one channel as (name, payload). */
export const EVENT_CHANNEL = 'kassa:event';

/** renderer -> main: the path of a File the manager chose, for import (see shared/bridge.ts `files`). */
export const FILES_REGISTER_CHANNEL = 'kassa:files.register';
