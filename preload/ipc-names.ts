// IPC names that are not contract channels, shared by the preload and main/electron/ipc-bridge.ts.
// (Contract channels use their own names, e.g. "payments.charge", one ipcMain.handle each.)

/** main -> renderer: every contract event travels on this one channel as (name, payload). */
export const EVENT_CHANNEL = 'kassa:event';
