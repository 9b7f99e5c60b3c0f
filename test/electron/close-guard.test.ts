// Closing the till while a sale waits for the buyer (main/electron/close-guard.ts) against
// fake-electron.ts: no sale — it closes without a question; a sale — the cashier is asked once, in the
// till's language, and "Keep open" keeps it; a till that cannot ask still closes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../shared/i18n/messages.js';
import { waitFor } from '../helpers/wait-for.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());
const { askBeforeClosingDuringSale } = await import('../../main/electron/close-guard.js');

let window: FakeBrowserWindow;
beforeEach(() => {
  fake.messageBoxes.length = 0;
  window = new FakeBrowserWindow({});
});

const guard = (saleRunning: () => Promise<boolean>) =>
  askBeforeClosingDuringSale(window as never, saleRunning, () => 'kk');
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('closing the cashier window', () => {
  it('closes without a question when no sale runs', async () => {
    guard(async () => false);
    window.close();
    await waitFor(() => window.isDestroyed());
    expect(fake.messageBoxes).toEqual([]);
  });

  it('asks once while a sale runs; "Keep open" keeps the till, "Close" closes it', async () => {
    guard(async () => true);
    fake.messageBoxResponse = 0;
    window.close();
    window.close(); // a second click while the question is open asks nothing more
    await waitFor(() => fake.messageBoxes.length === 1);
    await settle();
    expect(window.isDestroyed()).toBe(false);
    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.messageBoxes[0]!.options).toMatchObject({
      message: translate('kk', 'app.closeDuringSale.message'),
      buttons: [translate('kk', 'app.closeDuringSale.keep'), translate('kk', 'app.closeDuringSale.close')],
    });

    fake.messageBoxResponse = 1;
    window.close();
    await waitFor(() => window.isDestroyed());
    expect(fake.messageBoxes).toHaveLength(2);
  });

  it('closes when the sale cannot be asked about (the core is gone)', async () => {
    guard(async () => {
      throw new Error('core closed');
    });
    window.close();
    await waitFor(() => window.isDestroyed());
    expect(fake.messageBoxes).toEqual([]);
  });
});
