// The cashier store's paid-late notices (renderer/src/state/cashier-actions.ts) over a stand-in for
// the preload's bridge: a sale's event heard while payments.current is on its way is newer than the
// reply's word on that sale — the reply must not wipe (or bring back) its notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView } from '../../shared/domain.js';

interface CashierActions {
  receiveSale(sale: SaleView): void;
  refreshCurrent(): Promise<void>;
}
interface CashierStore {
  useCashier: { getState(): { paidLate: SaleView[] } };
}
const RENDERER = '../../renderer/src';
let actions: CashierActions;
let store: CashierStore;
/** The answer payments.current gives next; it waits until `release` is called. */
let pending: { reply: unknown; release: () => void } | null = null;

const sale = (id: string, paidLate: SaleView['paidLate']): SaleView => ({
  id,
  amountTiyn: 150_000,
  description: null,
  status: 'paid',
  mode: 'demo',
  qrToken: null,
  qrPaymentId: '1',
  paymentMethods: [],
  deadline: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:01:00.000Z',
  orderNumber: '000001',
  errorCode: null,
  kaspiStatus: 'Processed',
  kind: 'qr',
  payLink: null,
  refundedTiyn: 0,
  paidLate,
});

beforeAll(async () => {
  const bridge = {
    transport: 'electron',
    on: () => () => {},
    files: { register: async () => ({ ok: false, error: { code: 'unknown_channel' } }) },
    payments: {
      current: () =>
        new Promise((resolve) => {
          const reply = pending!.reply;
          pending!.release = () => resolve({ ok: true, data: reply });
        }),
    },
  };
  (globalThis as { window?: unknown }).window = { kassa: bridge, location: { pathname: '/', hash: '' } };
  actions = (await import(`${RENDERER}/state/cashier-actions.js`)) as CashierActions;
  store = (await import(`${RENDERER}/state/cashier-store.js`)) as CashierStore;
});
afterAll(() => {
  delete (globalThis as { window?: unknown }).window;
});

async function refreshWith(reply: { sale: null; paidLate: SaleView[] }, meanwhile: () => void): Promise<void> {
  pending = { reply, release: () => {} };
  const refreshing = actions.refreshCurrent();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the call is on its way
  meanwhile();
  pending.release();
  await refreshing;
}

describe('paid-late notices and payments.current', () => {
  it('a notice heard while the reply travelled is kept; one seen meanwhile does not come back; others follow the reply', async () => {
    await refreshWith({ sale: null, paidLate: [] }, () => actions.receiveSale(sale('a', 'unseen')));
    expect(store.useCashier.getState().paidLate.map((s) => s.id)).toEqual(['a']);

    await refreshWith({ sale: null, paidLate: [sale('a', 'unseen'), sale('b', 'unseen')] }, () => actions.receiveSale(sale('a', 'seen')));
    expect(store.useCashier.getState().paidLate.map((s) => s.id)).toEqual(['b']);

    await refreshWith({ sale: null, paidLate: [] }, () => {});
    expect(store.useCashier.getState().paidLate).toEqual([]);
  });
});
