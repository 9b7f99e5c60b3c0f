// Closing the till while a sale waits for the buyer: ask first. Nothing is lost either way (the sale is
// stored and read back from Kaspi at the next start), but the QR would vanish from the buyer's screen
// in the middle of paying.
import { dialog, type BrowserWindow } from 'electron';
import type { Locale } from '../../shared/domain.js';
import { translate } from '../../shared/i18n/messages.js';
import { shellLog } from './shell-log.js';

export function askBeforeClosingDuringSale(window: BrowserWindow, saleRunning: () => Promise<boolean>, locale: () => Locale): void {
  let allowed = false;
  let asking = false;
  window.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void decide().then((close) => {
      asking = false;
      if (!close || window.isDestroyed()) return;
      allowed = true;
      window.close();
    });
  });

  async function decide(): Promise<boolean> {
    try {
      if (!(await saleRunning())) return true;
      const t = (key: string) => translate(locale(), key);
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        title: t('app.title'),
        message: t('app.closeDuringSale.message'),
        detail: t('app.closeDuringSale.detail'),
        buttons: [t('app.closeDuringSale.keep'), t('app.closeDuringSale.close')],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    } catch (error) {
      shellLog.error('could not ask before closing', error);
      return true; // never keep a till that cannot ask from closing
    }
  }
}
