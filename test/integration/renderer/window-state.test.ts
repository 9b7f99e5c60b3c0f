// A cashier window's (and the customer display's) state over the real core (demo mode, real SQLite):
// a reply that reaches the window after newer news (an event heard meanwhile, a newer read) never puts
// older news back on screen — the test holds replies and drops events as a slow link or an event
// stream that is down would; a window opening while a sale's outcome is open shows it; amounts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SaleView } from '../../../shared/domain.js';
import { openCore } from '../../helpers/core-harness.js';
import { cashier } from '../../helpers/live-core.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { openDatabase } from '../../../main/store/database.js';
import { join } from 'node:path';
import { settle, windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
  vi.resetModules(); // every test its own window: fresh stores
});
afterEach(async () => {
  win?.close();
  await core.close();
  cleanup();
});

async function cashierWindow() {
  win = windowOverCore(core, 'cashier');
  const actions = await import('../../../renderer/src/state/cashier-actions.js');
  const history = await import('../../../renderer/src/state/history-actions.js');
  const refunds = await import('../../../renderer/src/state/refund-actions.js');
  const { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
  const { useRefund } = await import('../../../renderer/src/state/refund-store.js');
  const { startCashierSession } = await import('../../../renderer/src/state/cashier-session.js');
  startCashierSession();
  await settle();
  return { actions, history, refunds, useCashier, useRefund };
}

const charge = (amountTiyn = 150_000) => cashier(core, 'payments.charge', { amountTiyn });
/** `count` cancelled demo sales of today, old-1 … old-count (the newest last), straight into the database. */
function oldSales(count: number): void {
  const db = openDatabase(join(dir, 'kassa.db'));
  const at = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, created_at, updated_at, finished_at, settled)
     VALUES (?, ?, 10000, 'cancelled', 'demo', ?, ?, ?, ?, 1)`,
  );
  db.transaction(() => {
    for (let seq = 1; seq <= count; seq++) insert.run(`old-${seq}`, seq, `POS-${seq}`, at, at, at);
  })();
  db.close();
}
/** A live sale closed on our side long ago, written straight into the database (no watcher follows it). */
function closedSale(id: string, seq: number, errorCode: string, settled: 0 | 1): void {
  const db = openDatabase(join(dir, 'kassa.db'));
  const long = new Date(Date.now() - 3_600_000).toISOString();
  db.prepare(
    `INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, created_at, updated_at, finished_at, error_code, settled)
     VALUES (?, ?, 450000, 'expired', 'live', ?, ?, ?, ?, ?, ?)`,
  ).run(id, seq, `POS-${seq}`, long, long, long, errorCode, settled);
  db.close();
}
/** The demo buyer acts; main hears it at its next status read (the demo polls every second). */
async function buyer(saleId: string, action: 'scan' | 'confirm'): Promise<void> {
  await cashier(core, `demo.${action}`, { saleId });
  const status = action === 'scan' ? 'scanned' : 'paid';
  await waitFor(async () => (await cashier(core, 'payments.get', { saleId })).status === status);
  await settle();
}

describe('the cashier window', () => {
  it('a payments.current reply older than the "paid" event does not put the sale back to "buyer confirming"', async () => {
    const w = await cashierWindow();
    const sale = await charge();
    await buyer(sale.id, 'scan');
    expect(w.useCashier.getState().sale).toMatchObject({ id: sale.id, status: 'scanned' });
    win.holdNext('payments.current');
    const read = w.actions.refreshCurrent(); // as at the event stream's (re)opening
    await settle();
    await buyer(sale.id, 'confirm');
    expect(w.useCashier.getState().sale?.status).toBe('paid');
    await win.release('payments.current'); // main said "scanned" before the buyer confirmed
    await read;
    expect(w.useCashier.getState().sale).toMatchObject({ id: sale.id, status: 'paid' });
  });

  it('an app.info read older than another window\'s language change does not switch the language back', async () => {
    const w = await cashierWindow();
    expect(w.useCashier.getState().settings?.locale).toBe('ru');
    win.holdNext('app.info');
    const read = w.actions.loadSettings();
    await settle();
    await cashier(core, 'settings.update', { locale: 'kk' }); // another window
    await settle();
    expect(w.useCashier.getState().settings?.locale).toBe('kk');
    await win.release('app.info');
    await read;
    expect(w.useCashier.getState().settings?.locale).toBe('kk');
  });

  it('a settings change missed while the event stream was down is taken from the read at reconnect, though a sale elsewhere says its customer view meanwhile', async () => {
    const w = await cashierWindow();
    expect(w.useCashier.getState().settings?.kaspi.organizationBin ?? null).toBeNull();
    win.mute(); // the event stream drops
    await cashier(core, 'settings.update', { kaspi: { organizationBin: '200340001238' } }); // a manager in another window
    win.unmute(); // back: the window reads its settings again
    win.holdNext('app.info');
    const read = w.actions.loadSettings();
    await settle();
    await charge(); // another window charges: customer.updated
    await settle();
    await win.release('app.info');
    await read;
    expect(w.useCashier.getState().settings?.kaspi.organizationBin).toBe('200340001238');
  });

  it('History: a reload on its way when a shown sale is paid reads again — the row says paid, the takings count it', async () => {
    const w = await cashierWindow();
    const sale = await charge();
    await buyer(sale.id, 'scan');
    w.actions.openTab('history');
    await w.history.loadHistory();
    expect(w.useCashier.getState().history.map((s) => s.status)).toEqual(['scanned']);
    win.holdNext('payments.list');
    const reload = w.history.loadHistory(); // Refresh, or another sale's event
    await settle();
    await buyer(sale.id, 'confirm');
    await win.release('payments.list'); // read while the sale was still scanned
    await reload;
    const state = w.useCashier.getState();
    expect(state.history.map((s) => s.status)).toEqual(['paid']);
    expect(state.daySummary?.paid).toMatchObject({ count: 1, tiyn: 150_000 });
  });

  it('History: rows read by "Show more" stay when a reload that started before them lands', async () => {
    const w = await cashierWindow();
    for (let i = 0; i < 130; i++) {
      const sale = await charge(100_00 + i);
      await cashier(core, 'payments.cancel', { saleId: sale.id });
    }
    w.actions.openTab('history');
    await w.history.loadHistory();
    expect(w.useCashier.getState().history).toHaveLength(100);
    win.holdNext('payments.list');
    const reload = w.history.loadHistory();
    await settle();
    await w.history.loadMoreHistory();
    expect(w.useCashier.getState().history).toHaveLength(130);
    await win.release('payments.list'); // read 100 rows, before "Show more"
    await reload;
    expect(w.useCashier.getState().history).toHaveLength(130);
  });

  it('History: a sale rung up elsewhere keeps every page read so far, beyond main\'s 500 rows per call', async () => {
    oldSales(650);
    const w = await cashierWindow();
    w.actions.openTab('history');
    await w.history.loadHistory();
    while (w.useCashier.getState().historyMore) await w.history.loadMoreHistory();
    expect(w.useCashier.getState().history).toHaveLength(650);
    await charge(); // another window: its event brings a reload
    await waitFor(() => w.useCashier.getState().history.length === 651);
    await settle();
    const rows = w.useCashier.getState().history;
    expect(rows).toHaveLength(651);
    expect(rows.at(-1)!.id).toBe('old-1');
    expect(w.useCashier.getState().historyMore).toBe(false);
  });

  it('History: a reload keeps the rows shown and the sales that came in, nothing older (the list does not grow with each reload)', async () => {
    oldSales(3000);
    const w = await cashierWindow();
    w.actions.openTab('history');
    await w.history.loadHistory();
    const sizes = [w.useCashier.getState().history.length];
    await w.history.loadHistory(); // Refresh, nothing new
    sizes.push(w.useCashier.getState().history.length);
    expect(w.useCashier.getState().historyMore).toBe(true);
    await w.history.loadMoreHistory(); // a second page opened
    sizes.push(w.useCashier.getState().history.length);
    for (let i = 0; i < 3; i++) {
      const sale = await charge();
      await cashier(core, 'payments.cancel', { saleId: sale.id });
      await settle();
      await w.history.loadHistory();
      sizes.push(w.useCashier.getState().history.length);
    }
    expect(sizes).toEqual([100, 100, 200, 201, 202, 203]);
    const rows = w.useCashier.getState().history;
    expect(rows.at(-1)!.id).toBe('old-2801'); // the oldest row opened, still the last
    expect(w.useCashier.getState().historyMore).toBe(true);
  });

  it('the refund panel read again shows how a refund it followed ended while events were lost', async () => {
    const w = await cashierWindow();
    const sale = await charge();
    await buyer(sale.id, 'scan');
    await buyer(sale.id, 'confirm');
    const paid = await cashier<SaleView>(core, 'payments.get', { saleId: sale.id });
    w.refunds.openRefund(paid);
    await settle();
    const refund = await cashier<{ id: string; status: string }>(core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    await settle();
    // what the panel had heard before its events were lost: the refund still on its way at Kaspi
    w.useRefund.setState({ refund: { ...w.useRefund.getState().refund!, status: 'returning' } });
    expect(w.useRefund.getState().refund).toMatchObject({ id: refund.id, status: 'returning' });
    w.refunds.refreshRefunds(); // the event stream came back
    await settle();
    expect(w.useRefund.getState().refund).toMatchObject({ id: refund.id, status: 'done' });
  });
});

describe('a window opening or coming back', () => {
  it('a sale paid while the reopened window\'s payments.current is on its way is shown as paid, not a ready till', async () => {
    const sale = await charge();
    await buyer(sale.id, 'scan');
    await core.close(); // Kassa restarts while the buyer is confirming
    core = await openCore(dir);
    win = windowOverCore(core, 'cashier');
    const { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
    const { startCashierSession } = await import('../../../renderer/src/state/cashier-session.js');
    win.holdNext('payments.current');
    startCashierSession(); // main answers "scanned" at once; the reply is on its way
    await settle();
    await buyer(sale.id, 'confirm'); // the "paid" event reaches the window first
    await win.release('payments.current');
    await waitFor(() => useCashier.getState().sale?.status === 'paid');
    expect(useCashier.getState().sale).toMatchObject({ id: sale.id, status: 'paid', orderNumber: '000001' });
  });

  it('a window opening while another window charges still gets its settings', async () => {
    win = windowOverCore(core, 'cashier');
    const { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
    const { startCashierSession } = await import('../../../renderer/src/state/cashier-session.js');
    win.holdNext('app.info');
    startCashierSession();
    await settle();
    await charge(); // another window: customer.updated
    await settle();
    await win.release('app.info');
    expect(useCashier.getState().settings).toMatchObject({ mode: 'demo', locale: 'ru' });
  });

  it('a window opening while the last sale is being checked shows it; one ended long ago leaves the till ready', async () => {
    closedSale('old', 1, 'scan_timeout', 1);
    const first = await cashierWindow();
    expect(first.useCashier.getState().sale).toBeNull();
    win.close();
    // the buyer paid while Kaspi could not be read: the sale is closed on our side, its outcome open
    closedSale('checking', 2, 'kaspi_no_answer', 0);
    vi.resetModules();
    const again = await cashierWindow();
    expect(again.useCashier.getState().sale).toMatchObject({ id: 'checking', status: 'expired', errorCode: 'kaspi_no_answer' });
  });

  it('a sale being checked on screen takes main\'s final word after a reconnect', async () => {
    closedSale('checking', 1, 'kaspi_no_answer', 0);
    const w = await cashierWindow();
    expect(w.useCashier.getState().sale).toMatchObject({ id: 'checking', errorCode: 'kaspi_no_answer' });
    win.mute(); // the stream drops; main gives the sale up meanwhile
    const db = openDatabase(join(dir, 'kassa.db'));
    db.prepare("UPDATE sales SET error_code = 'kaspi_no_final', settled = 1 WHERE id = 'checking'").run();
    db.close();
    win.unmute();
    await w.actions.refreshCurrent(); // the stream came back
    expect(w.useCashier.getState().sale).toMatchObject({ id: 'checking', errorCode: 'kaspi_no_final' });
  });
});

describe('amounts', () => {
  it('a sale of "5," is not charged: the cashier is told to finish the tiyn or erase the comma', async () => {
    const w = await cashierWindow();
    w.actions.setAmountText('5,');
    await w.actions.chargeTyped();
    expect(w.useCashier.getState().error).toEqual({ kind: 'message', key: 'amount.unfinishedTiyn' });
    expect(w.useCashier.getState().sale).toBeNull();
    w.actions.setAmountText('5,5');
    expect(w.useCashier.getState().error).toBeNull();
    await w.actions.chargeTyped();
    expect(w.useCashier.getState().sale).toMatchObject({ amountTiyn: 550, status: 'qr_shown' });
  });

  it('a cancel reply that comes after the cashier moved on to the next amount leaves its "-5" warning', async () => {
    const w = await cashierWindow();
    w.actions.setAmountText('500');
    await w.actions.chargeTyped();
    win.holdNext('payments.cancel');
    const cancelling = w.actions.cancelSale(); // Esc: the reply is slow…
    await waitFor(() => w.useCashier.getState().sale?.status === 'cancelled'); // …the event shows the result
    w.actions.newSale(); // "-5" typed over the result starts the next sale
    w.actions.typeAmountKey('-');
    w.actions.typeAmountKey('5');
    expect(w.useCashier.getState().error).toMatchObject({ key: 'sale.signsDropped' });
    await win.release('payments.cancel');
    await cancelling;
    expect(w.useCashier.getState()).toMatchObject({ sale: null, digits: '5', error: { key: 'sale.signsDropped' } });
  });

  it('a refund of "5," is not asked about: the same word', async () => {
    const sale = await charge();
    await buyer(sale.id, 'scan');
    await buyer(sale.id, 'confirm');
    const paid = await cashier<SaleView>(core, 'payments.get', { saleId: sale.id });
    const w = await cashierWindow();
    w.refunds.openRefund(paid);
    await settle();
    w.refunds.setRefundAmount('5,');
    expect(w.refunds.refundAmountToAsk(paid)).toBeNull();
    expect(w.useRefund.getState().error).toEqual({ kind: 'message', key: 'amount.unfinishedTiyn' });
    w.refunds.setRefundAmount('5,50');
    expect(w.refunds.refundAmountToAsk(paid)).toBe(550);
  });
});

describe('paid-late notices and payments.current', () => {
  /** A sale the cashier cancelled, then the buyer paid after all (its notice 'unseen' at main). */
  async function paidAfterCancel(amountTiyn: number): Promise<string> {
    const sale = await charge(amountTiyn);
    await cashier(core, 'payments.cancel', { saleId: sale.id });
    await cashier(core, 'demo.scan', { saleId: sale.id }); // a QR photographed before the cancel
    await buyer(sale.id, 'confirm');
    return sale.id;
  }
  /** payments.current answered by main at once, its reply held while `meanwhile` happens. */
  async function refreshWith(w: Awaited<ReturnType<typeof cashierWindow>>, meanwhile: () => Promise<unknown>): Promise<void> {
    win.holdNext('payments.current');
    const refreshing = w.actions.refreshCurrent();
    await settle();
    await meanwhile();
    await settle();
    await win.release('payments.current');
    await refreshing;
  }

  it('a notice heard while the reply travelled is kept; one seen meanwhile does not come back; others follow the reply', async () => {
    const w = await cashierWindow();
    let a = '';
    await refreshWith(w, async () => (a = await paidAfterCancel(150_000))); // the reply has none
    expect(w.useCashier.getState().paidLate.map((s) => s.id)).toEqual([a]);

    const b = await paidAfterCancel(250_000);
    await refreshWith(w, () => cashier(core, 'payments.ackPaidLate', { saleId: a })); // the reply has both
    expect(w.useCashier.getState().paidLate.map((s) => s.id)).toEqual([b]);

    await cashier(core, 'payments.ackPaidLate', { saleId: b });
    await refreshWith(w, async () => {});
    expect(w.useCashier.getState().paidLate).toEqual([]);
  });
});

describe('the customer display', () => {
  it('of two reads at start, the older landing last does not take the QR off', async () => {
    win = windowOverCore(core, 'customer');
    const { readCustomerView, useCustomer } = await import('../../../renderer/src/state/customer-store.js');
    win.holdNext('customer.view');
    win.holdNext('customer.view');
    const first = readCustomerView(); // at start: no sale yet
    await settle();
    win.mute(); // the QR's event is lost: the stream is not open yet
    await charge();
    win.unmute();
    const second = readCustomerView(); // at the stream's opening: the QR
    await settle();
    await win.release('customer.view', { newestFirst: true });
    expect(useCustomer.getState().view?.sale?.status).toBe('qr_shown');
    await win.release('customer.view');
    await Promise.all([first, second]);
    expect(useCustomer.getState().view?.sale?.status).toBe('qr_shown');
  });
});
