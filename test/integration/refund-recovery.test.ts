// Refunds as persisted state machines: demo refunds end to end, and a restart in the middle of one.
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../main/services/kaspi/demo-kaspi.js';
import type { RefundService } from '../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../main/store/refunds-repo.js';
import { errorMessage } from '../../shared/i18n/messages.js';
import { testHarness, type Harness } from '../helpers/payments-harness.js';
import { perTest } from '../helpers/per-test.js';
import { JumpingClock } from './kaspi/jumping-clock.js';
import { paidDemoSale, recordingLogger, refundService } from './refunds/lost-return.js';

const t = perTest();
let h: Harness;
let refunds: RefundService;
beforeEach(() => {
  h = testHarness(t);
  refunds = t.closing(newRefundService(h));
});

const newRefundService = (harness: Harness): RefundService => refundService(harness, new DemoKaspi(harness.simulator));
/** The state a refund is inserted in, as a compare-and-set move expects it. */
const CREATED = { status: 'created', error_code: null } as const;

async function paidSale(amountTiyn: number) {
  const sale = await paidDemoSale(h, amountTiyn);
  expect(sale.status).toBe('paid');
  return sale;
}

describe('refunds', () => {
  it('demo: partial refunds until the total; never more; only paid sales', async () => {
    const sale = await paidSale(10000);
    expect(await refunds.start(sale.id, 3000)).toMatchObject({ status: 'done', method: 'api' });
    await expect(refunds.start(sale.id, 7001)).rejects.toMatchObject({ code: 'refund_too_much', params: { availableTiyn: 7000 } });
    expect(await refunds.start(sale.id, 7000)).toMatchObject({ status: 'done' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(10000);
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(10000);
    const unpaid = await h.payments.charge(500, null);
    await expect(refunds.start(unpaid.id, 100)).rejects.toMatchObject({ code: 'refund_not_paid' });
    expect(() => refunds.recordManual(unpaid.id, 100)).toThrow(expect.objectContaining({ code: 'refund_not_paid' }));
  });

  it('one Kaspi Pay refund confirmed on two till screens at once is recorded once: the screen that saw less is refused', async () => {
    const sale = await paidSale(100_000);
    expect(refunds.recordManual(sale.id, 30_000, 0)).toMatchObject({ status: 'done', method: 'manual' });
    expect(() => refunds.recordManual(sale.id, 30_000, 0)).toThrow(expect.objectContaining({ code: 'refund_recorded_meanwhile', params: { refundedTiyn: 30_000 } }));
    expect(h.payments.get(sale.id).refundedTiyn).toBe(30_000);
    expect(errorMessage('ru', 'refund_recorded_meanwhile', { refundedTiyn: 30_000 })).toMatch(/всего возвращено 300\s₸/);
    // a second refund seen as such goes in
    expect(refunds.recordManual(sale.id, 20_000, 30_000)).toMatchObject({ status: 'done' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(50_000);
  });

  it('a finished Kaspi refund stays on the customer display for a moment, a manual one never shows', async () => {
    const sale = await paidSale(10000);
    await refunds.start(sale.id, 1000);
    expect(refunds.showing()).toMatchObject({ status: 'done', amount_tiyn: 1000 });
    await h.clock.advance(21_000);
    expect(refunds.showing()).toBeNull();
    refunds.recordManual(sale.id, 500);
    expect(refunds.showing()).toBeNull();
  });

  it('an error after Kaspi refunded (publishing the update fails) is no failure: done, logged, nothing sent twice', async () => {
    const sale = await paidSale(10000);
    const log = recordingLogger();
    let failNext = true;
    refunds.close();
    refunds = t.closing(refundService(h, new DemoKaspi(h.simulator), {
      log,
      onChange: (row) => {
        if (row.status === 'done' && failNext) {
          failNext = false;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
      },
    }));
    const refund = await refunds.start(sale.id, 3000);
    expect(refund).toMatchObject({ status: 'done', errorCode: null });
    const repo = new RefundsRepo(h.db);
    expect(repo.events(refund.id).map((e) => e.to_status)).toEqual(['created', 'returning', 'done']);
    expect(log.lines.some((l) => l.startsWith('error refund update not published'))).toBe(true);
    await expect(refunds.start(sale.id, 8000)).rejects.toMatchObject({ code: 'refund_too_much', params: { availableTiyn: 7000 } });
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(3000);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
  });

  it('a move is a compare-and-set: a refund no longer in the state read is left alone, and the caller learns it', async () => {
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const at = new Date(h.clock.now()).toISOString();
    const read = repo.insertChecked({ id: 'r-cas', saleId: sale.id, amountTiyn: 2500, method: 'qr', status: 'created', at }, 10000);
    const shown = repo.transition('r-cas', read, 'qr_shown', {}, at)!;
    expect(repo.transition('r-cas', shown, 'identified', {}, at)).toMatchObject({ status: 'identified' });
    expect(repo.transition('r-cas', shown, 'identified', {}, at)).toBeNull(); // a second watcher, late
    expect(() => repo.transition('r-cas', { status: 'identified', error_code: null }, 'identified', {}, at)).toThrow(/illegal_transition/);
    const returning = repo.transition('r-cas', { status: 'identified', error_code: null }, 'returning', { available_before_tiyn: 10000 }, at)!;
    expect(repo.transition('r-cas', { status: 'identified', error_code: null }, 'returning', { available_before_tiyn: 1 }, at)).toBeNull();
    const unknown = repo.transition('r-cas', returning, 'unknown', { error_code: 'refund_unknown' }, at)!;
    expect(repo.transition('r-cas', unknown, 'unknown', { error_code: 'refund_unconfirmed' }, at)).toMatchObject({ error_code: 'refund_unconfirmed' });
    expect(repo.transition('r-cas', unknown, 'unknown', { error_code: 'refund_unconfirmed' }, at)).toBeNull(); // its reason moved on too
    expect(repo.require('r-cas')).toMatchObject({ status: 'unknown', available_before_tiyn: 10000 });
    expect(repo.events('r-cas').map((e) => `${e.from_status}->${e.to_status}`)).toEqual([
      'null->created', 'created->qr_shown', 'qr_shown->identified', 'identified->returning', 'returning->unknown', 'unknown->unknown',
    ]);
  });

  it('a restart after payment/return was sent (status returning) checks AvailableReturnAmount: done, not sent again', async () => {
    const sale = await paidSale(10000);
    // The crash: the refund row says "returning" and Kaspi did refund, but we never heard back.
    const repo = new RefundsRepo(h.db);
    const at = new Date(h.clock.now()).toISOString();
    const row = repo.insertChecked({ id: 'r-crash', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at }, 10000);
    repo.transition(row.id, row, 'returning', { available_before_tiyn: 10000 }, at);
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2500 });
    refunds.close();
    refunds = t.closing(newRefundService(h));
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require('r-crash')).toMatchObject({ status: 'done', settled: 1 });
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(2500);
  });

  it('a restart after the buyer was identified by the refund QR (r2) sends payment/return once: done', async () => {
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const at = new Date(h.clock.now()).toISOString();
    const created = repo.insertChecked({ id: 'r-identified', saleId: sale.id, amountTiyn: 4000, method: 'qr', status: 'created', at }, 10000);
    const shown = repo.transition(created.id, created, 'qr_shown', { qr_return_id: null, qr_shown_at: at }, at)!;
    repo.transition(shown.id, shown, 'identified', {}, at);
    refunds.close();
    refunds = t.closing(newRefundService(h));
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require('r-identified')).toMatchObject({ status: 'done', settled: 1 });
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(4000);
    await h.clock.advance(600_000);
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(4000); // sent once
  });

  it('an old refund of unknown outcome is watched for its window again after a restart: a drop seen then makes it done', async () => {
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const hourAgo = new Date(h.clock.now() - 3_600_000).toISOString();
    const created = repo.insertChecked({ id: 'r-old', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at: hourAgo }, 10000);
    const returning = repo.transition(created.id, created, 'returning', { available_before_tiyn: 10000 }, hourAgo)!;
    repo.transition(returning.id, returning, 'unknown', { error_code: 'refund_unknown' }, hourAgo);
    refunds.close();
    refunds = t.closing(newRefundService(h));
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require('r-old')).toMatchObject({ status: 'unknown', error_code: 'refund_unknown' }); // not yet left to the manager
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2500 }); // Kaspi applies it now
    await h.clock.advance(30_000);
    expect(repo.require('r-old')).toMatchObject({ status: 'done', settled: 1 });
  });

  it('one failed watch step (the disk full on resuming) does not end the refund\'s watch: retried, resolved from AvailableReturnAmount', async () => {
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const at = new Date(h.clock.now()).toISOString();
    repo.insertChecked({ id: 'r-disk', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at }, 10000);
    repo.transition('r-disk', CREATED, 'returning', { available_before_tiyn: 10000 }, at);
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2500 });
    // A real SQLite failure on the first write after the restart: returning -> unknown.
    h.db.exec(`CREATE TRIGGER disk_full BEFORE UPDATE ON refunds WHEN NEW.status = 'unknown'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require('r-disk')).toMatchObject({ status: 'returning', settled: 0 });
    h.db.exec('DROP TRIGGER disk_full');
    await h.clock.advance(30_000);
    expect(repo.require('r-disk')).toMatchObject({ status: 'done', settled: 1 });
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(2500);
  });

  it('a restart when payment/return never went out: Kaspi shows no drop, yet the refund is never failed — unconfirmed, amount reserved', async () => {
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const at = new Date(h.clock.now()).toISOString();
    repo.insertChecked({ id: 'r-lost', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at }, 10000);
    repo.transition('r-lost', CREATED, 'returning', { available_before_tiyn: 10000 }, at);
    repo.insertChecked({ id: 'r-early', saleId: (await paidSale(500)).id, amountTiyn: 100, method: 'api', status: 'created', at }, 500);
    refunds.close();
    refunds = t.closing(newRefundService(h));
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require('r-early')).toMatchObject({ status: 'failed', error_code: 'refund_interrupted' });
    expect(repo.require('r-lost').status).toBe('unknown');
    await h.clock.advance(130_000);
    expect(repo.require('r-lost')).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed', settled: 0 });
    expect(repo.committedTiyn(sale.id)).toBe(2500);
    await expect(refunds.start(sale.id, 1000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    expect(() => refunds.recordManual(sale.id, 1000)).toThrow(expect.objectContaining({ code: 'refund_unconfirmed' }));
    expect(h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn).toBe(0);
  });

  it('a wall clock moved forward while a lost payment/return is checked does not free the amount early', async () => {
    const clock = new JumpingClock();
    refunds.close();
    h.close();
    h = testHarness(t, { clock });
    refunds = t.closing(newRefundService(h));
    const sale = await paidSale(10000);
    const repo = new RefundsRepo(h.db);
    const at = new Date(clock.now()).toISOString();
    repo.insertChecked({ id: 'r-late', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at }, 10000);
    repo.transition('r-late', CREATED, 'returning', { available_before_tiyn: 10000 }, at);
    refunds.resume();
    await clock.advance(0);
    expect(repo.require('r-late').status).toBe('unknown');
    clock.jumpMs = 10 * 60_000;
    await clock.advance(30_000);
    expect(repo.require('r-late')).toMatchObject({ status: 'unknown', settled: 0 });
    // Kaspi applies the return a minute after it was sent: ours, not a second one to allow.
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2500 });
    await clock.advance(10_000);
    expect(repo.require('r-late')).toMatchObject({ status: 'done', settled: 1 });
  });
});
