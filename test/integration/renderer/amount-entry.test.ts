// "5," then Enter: the tiyn after the comma were not typed yet (5,50 meant?) — the cashier is told so,
// and nothing is charged or refunded; typing on clears it. The window's real state modules over the
// real core (demo mode, real SQLite).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { KassaCore } from '../../../main/app-core.js';
import type { SaleView } from '../../../shared/domain.js';
import { openCore } from '../../helpers/core-harness.js';
import { cashier } from '../../helpers/live-core.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { settle, windowOverCore, type WindowOverCore } from '../../helpers/window-over-core.js';

let dir: string;
let cleanup: () => void;
let core: KassaCore;
let win: WindowOverCore;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = await openCore(dir);
  vi.resetModules();
  win = windowOverCore(core, 'cashier');
});
afterEach(async () => {
  win.close();
  await core.close();
  cleanup();
});

it('a sale of "5," is not charged: the cashier is told to finish the tiyn or erase the comma', async () => {
  const actions = await import('../../../renderer/src/state/cashier-actions.js');
  const { useCashier } = await import('../../../renderer/src/state/cashier-store.js');
  actions.setAmountText('5,');
  await actions.chargeTyped();
  expect(useCashier.getState().error).toEqual({ kind: 'message', key: 'amount.unfinishedTiyn' });
  expect(useCashier.getState().sale).toBeNull();
  actions.setAmountText('5,5');
  expect(useCashier.getState().error).toBeNull();
  await actions.chargeTyped();
  expect(useCashier.getState().sale).toMatchObject({ amountTiyn: 550, status: 'qr_shown' });
});

it('a refund of "5," is not asked about: the same word', async () => {
  const sale = await cashier(core, 'payments.charge', { amountTiyn: 150_000 });
  for (const action of ['scan', 'confirm'] as const) await cashier(core, `demo.${action}`, { saleId: sale.id });
  const paid = await waitFor(async () => {
    const s = await cashier<SaleView>(core, 'payments.get', { saleId: sale.id });
    return s.status === 'paid' && s;
  });
  const refunds = await import('../../../renderer/src/state/refund-actions.js');
  const { useRefund } = await import('../../../renderer/src/state/refund-store.js');
  refunds.openRefund(paid);
  await settle();
  refunds.setRefundAmount('5,');
  expect(refunds.refundAmountToAsk(paid)).toBeNull();
  expect(useRefund.getState().error).toEqual({ kind: 'message', key: 'amount.unfinishedTiyn' });
  refunds.setRefundAmount('5,50');
  expect(refunds.refundAmountToAsk(paid)).toBe(550);
});
