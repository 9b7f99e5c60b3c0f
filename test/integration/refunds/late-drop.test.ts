// A drop of AvailableReturnAmount Kassa cannot tie to its own lost refund: first seen after the refund
// became unconfirmed (a refund made in the Kaspi Pay app looks the same), or after the manager's "not
// applied". Neither ends the watch silently: a later application of the lost payment/return is seen.
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/services/event-bus.js';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import type { RefundService } from '../../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import type { RefundView, SaleView } from '../../../shared/domain.js';
import type { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { lostReturnKaspi, paidDemoSale, recordingLogger, refundService, type LostReturnKaspi, unconfirmedRefund } from './lost-return.js';

const t = perTest();
let h: Harness;
let kaspi: LostReturnKaspi;
let refunds: RefundService;
let repo: RefundsRepo;
let log: ReturnType<typeof recordingLogger>;
let published: RefundView[];

beforeEach(() => {
  open();
});

/** Opens (or, after a crash, reopens) the till on the same database and resumes its refunds; time goes on. */
function open(clock?: ManualScheduler): void {
  h = testHarness(t, clock ? { clock } : {});
  kaspi = lostReturnKaspi(h);
  log = recordingLogger();
  published = [];
  const bus = new EventBus();
  bus.subscribe((name, payload) => void (name === 'refund.updated' && published.push(payload as RefundView)));
  refunds = t.closing(refundService(h, kaspi.port, { log, bus }));
  repo = new RefundsRepo(h.db);
  refunds.resume();
}

function crashAndRestart(): void {
  refunds.close();
  h.close();
  open(h.clock);
}

const unconfirmed = () => unconfirmedRefund(h, kaspi, refunds);

const refundedInApp = (sale: SaleView, amountTiyn: number) => new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn });
const kaspiRefunded = (sale: SaleView) => h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn;

describe('a drop first seen after the refund became unconfirmed', () => {
  it('the cashier refunded in Kaspi Pay instead: not taken as ours; the manager records it, ours is still checked and its late application is seen', async () => {
    const { sale, id } = await unconfirmed();
    await refundedInApp(sale, 3000);
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    expect(log.lines.some((l) => l.startsWith('error refund unconfirmed, then a drop'))).toBe(true);
    expect(published.at(-1)).toMatchObject({ id, status: 'unknown', errorCode: 'refund_late_drop' });

    const kept = await refunds.resolve(id, 'refunded_in_app', 3000);
    expect(kept).toMatchObject({ status: 'unknown', errorCode: 'refund_unconfirmed' });
    const recorded = refunds.list(sale.id).find((r) => r.method === 'manual')!;
    expect(recorded).toMatchObject({ amountTiyn: 3000, status: 'done' });
    expect(JSON.parse(repo.events(id).at(-1)!.detail!)).toEqual({ outcome: 'refunded_in_app', availableTiyn: 7000, appRefundTiyn: 3000 });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
    await expect(refunds.start(sale.id, 1000)).rejects.toMatchObject({ code: 'refund_unconfirmed' }); // ours still reserved

    // Kaspi applies the lost payment/return after all: seen, left to the manager again.
    await kaspi.applyLost();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done' });
    expect(kaspiRefunded(sale)).toBe(6000);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(6000);
  });

  it('more than ours refunded in the app: left to the manager too, never done on its own', async () => {
    const { sale, id } = await unconfirmed();
    await refundedInApp(sale, 5000);
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    await h.clock.advance(600_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
  });

  it('the app refund AND ours both went through: only the amount the manager states is recorded, the rest of the drop is ours (done); Kassa equals Kaspi', async () => {
    for (const saleAmount of [10000, 8000]) {
      const sale = await paidDemoSale(h, saleAmount);
      kaspi.loseNext();
      const { id } = await refunds.start(sale.id, 3000);
      await h.clock.advance(130_000);
      await refundedInApp(sale, 3000);
      await kaspi.applyLost();
      await h.clock.advance(60_000);
      expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop' });
      expect(JSON.parse(repo.require(id).error_params!)).toMatchObject({ droppedTiyn: 6000 });

      await expect(refunds.resolve(id, 'refunded_in_app', 6001)).rejects.toMatchObject({ code: 'refund_app_refund_too_much', params: { droppedTiyn: 6000 } });
      // More than the sale has left next to ours: refused, nothing written.
      if (saleAmount === 8000) await expect(refunds.resolve(id, 'refunded_in_app', 5001)).rejects.toMatchObject({ code: 'refund_too_much', params: { availableTiyn: 5000 } });
      expect(refunds.list(sale.id).filter((r) => r.method === 'manual')).toEqual([]);

      expect(await refunds.resolve(id, 'refunded_in_app', 3000)).toMatchObject({ id, status: 'done', errorCode: 'refund_applied_late' });
      expect(refunds.list(sale.id).filter((r) => r.method === 'manual').map((r) => r.amountTiyn)).toEqual([3000]);
      expect(JSON.parse(repo.events(id).at(-1)!.detail!)).toEqual({ outcome: 'refunded_in_app', availableTiyn: saleAmount - 6000, appRefundTiyn: 3000 });
      expect(kaspiRefunded(sale)).toBe(6000);
      expect(h.payments.get(sale.id).refundedTiyn).toBe(6000);
    }
  });

  it('app refunds recorded one by one: the rest of the drop stays for review, then ours is unconfirmed from the moved baseline and its later application is still seen', async () => {
    const { sale, id } = await unconfirmed();
    await refundedInApp(sale, 1000);
    await refundedInApp(sale, 3500);
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop' });
    // One of the two app refunds recorded: the rest (3 500) is more than ours, still a drop to review.
    expect(await refunds.resolve(id, 'refunded_in_app', 1000)).toMatchObject({ status: 'unknown', errorCode: 'refund_late_drop', errorParams: { droppedTiyn: 3500 } });
    expect(await refunds.resolve(id, 'refunded_in_app', 3500)).toMatchObject({ status: 'unknown', errorCode: 'refund_unconfirmed' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(4500);
    await kaspi.applyLost();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop' });
    expect(JSON.parse(repo.require(id).error_params!)).toMatchObject({ droppedTiyn: 3000 });
  });

  it('"refunded in Kaspi Pay instead" needs a drop to record', async () => {
    const { id } = await unconfirmed();
    await expect(refunds.resolve(id, 'refunded_in_app', 1000)).rejects.toMatchObject({ code: 'refund_no_app_refund' });
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed' });
  });
});

describe('after the manager\'s "not applied"', () => {
  it('a check already waiting on Kaspi that comes back with the drop is recorded, logged and shown', async () => {
    const { id } = await unconfirmed();
    const release = kaspi.holdDetails();
    await h.clock.advance(60_000); // the periodic check now waits on payment/details
    const verdict = kaspi.port.paymentDetails; // the manager's own read must not wait behind the held one
    kaspi.port.paymentDetails = (qr) => new DemoKaspi(h.simulator).paymentDetails(qr);
    expect(await refunds.resolve(id, 'not_applied')).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied' });
    kaspi.port.paymentDetails = verdict;
    await kaspi.applyLost();
    const events = repo.events(id).length;
    release();
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict', settled: 1 });
    expect(repo.events(id).slice(events)).toMatchObject([{ from_status: 'failed', to_status: 'failed', error_code: 'refund_applied_after_verdict', actor: 'kassa' }]);
    expect(log.lines.some((l) => l.startsWith('error refund marked "not applied", then a drop'))).toBe(true);
    expect(published.at(-1)).toMatchObject({ id, status: 'failed', errorCode: 'refund_applied_after_verdict', errorParams: { availableTiyn: 7000, droppedTiyn: 3000 } });
  });

  it('it is still checked for a while — across a restart — and a late drop is flagged; a new refund of the sale explains its own drop', async () => {
    const { sale, id } = await unconfirmed();
    await refunds.resolve(id, 'not_applied');
    expect(await refunds.start(sale.id, 2000)).toMatchObject({ status: 'done' }); // Kassa's own: no flag
    await h.clock.advance(3_600_000);
    expect(repo.require(id).error_code).toBe('refund_marked_not_applied');
    await kaspi.applyLost(); // Kaspi applies it while the till is down
    crashAndRestart();
    await h.clock.advance(0); // checked at once on start
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(JSON.parse(repo.require(id).error_params!)).toEqual({ availableTiyn: 5000, droppedTiyn: 3000 });
  });

  it('the till was off past the 24 h window while Kaspi applied it: the start checks once more and flags it', async () => {
    const { sale, id } = await unconfirmed();
    await refunds.resolve(id, 'not_applied');
    expect(await refunds.start(sale.id, 3000)).toMatchObject({ status: 'done' }); // refunded again
    await h.clock.advance(3_600_000);
    await kaspi.applyLost(); // Kaspi applies the lost one as the till closes for the night
    refunds.close();
    h.close();
    await h.clock.advance(24 * 3_600_000);
    open(h.clock);
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(JSON.parse(repo.require(id).error_params!)).toEqual({ availableTiyn: 4000, droppedTiyn: 3000 });
    expect(kaspiRefunded(sale)).toBe(6000);
  });

  it('Kaspi unreachable for the whole window: checked on until it answers, and the drop is flagged then', async () => {
    const { id } = await unconfirmed();
    await refunds.resolve(id, 'not_applied');
    const details = kaspi.port.paymentDetails;
    kaspi.port.paymentDetails = async () => {
      throw new KaspiError('unavailable', null, 'connect ECONNREFUSED');
    };
    await kaspi.applyLost();
    await h.clock.advance(25 * 3_600_000);
    expect(repo.require(id).error_code).toBe('refund_marked_not_applied');
    kaspi.port.paymentDetails = details;
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
  });

  it('the check ends after 24 h', async () => {
    const { id } = await unconfirmed();
    await refunds.resolve(id, 'not_applied');
    await h.clock.advance(24 * 3_600_000 + 60_000);
    await kaspi.applyLost();
    await h.clock.advance(3_600_000);
    crashAndRestart();
    await h.clock.advance(3_600_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_marked_not_applied' });
  });
});

describe('the manager reviews a refund flagged after "not applied"', () => {
  /** Marked "not applied", then `drop` happens at Kaspi and the watch sees it: flagged. */
  async function flagged(drop: (sale: SaleView) => Promise<unknown>): Promise<{ sale: SaleView; id: string }> {
    const { sale, id } = await unconfirmed();
    await refunds.resolve(id, 'not_applied');
    await drop(sale);
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(h.payments.get(sale.id).refundToReview).toBe(true);
    return { sale, id };
  }

  it('ours went through after all: done, counted in what the sale has refunded, audited, and the History badge goes', async () => {
    const { sale, id } = await flagged(() => kaspi.applyLost());
    // "not applied" is what the drop contradicts: refused, nothing written
    await expect(refunds.resolve(id, 'not_applied')).rejects.toMatchObject({ code: 'refund_already_applied', params: { availableTiyn: 7000 } });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(0);
    // until the manager answers, no new refund of the sale: the buyer could get the money twice
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_to_review' });
    expect(() => refunds.recordManual(sale.id, 3000)).toThrow(expect.objectContaining({ code: 'refund_to_review' }));
    expect(kaspiRefunded(sale)).toBe(3000);

    expect(await refunds.resolve(id, 'applied')).toMatchObject({ id, status: 'done', errorCode: 'refund_marked_applied' });
    expect(repo.require(id)).toMatchObject({ status: 'done', settled: 1 });
    expect(repo.events(id).at(-1)).toMatchObject({ from_status: 'failed', to_status: 'done', error_code: 'refund_marked_applied', actor: 'manager' });
    expect(JSON.parse(repo.events(id).at(-1)!.detail!)).toEqual({ outcome: 'applied', availableTiyn: 7000, droppedTiyn: 3000 });
    expect(published.at(-1)).toMatchObject({ id, status: 'done' });
    expect(h.payments.get(sale.id)).toMatchObject({ refundedTiyn: 3000, refundToReview: false });
    expect(kaspiRefunded(sale)).toBe(3000);
    // reviewed once: a second answer (another window) is refused
    await expect(refunds.resolve(id, 'applied')).rejects.toMatchObject({ code: 'refund_not_unconfirmed' });
    await expect(refunds.start(sale.id, 7001)).rejects.toMatchObject({ code: 'refund_too_much', params: { availableTiyn: 7000 } });
  });

  it('the drop was a refund made in the app: recorded, ours is "not applied" again and still watched — its own late application is flagged anew', async () => {
    const { sale, id } = await flagged((s) => refundedInApp(s, 3000));
    await expect(refunds.resolve(id, 'refunded_in_app', 3001)).rejects.toMatchObject({ code: 'refund_app_refund_too_much', params: { droppedTiyn: 3000 } });
    expect(refunds.list(sale.id).filter((r) => r.method === 'manual')).toEqual([]);

    expect(await refunds.resolve(id, 'refunded_in_app', 3000)).toMatchObject({ id, status: 'failed', errorCode: 'refund_marked_not_applied' });
    expect(refunds.list(sale.id).filter((r) => r.method === 'manual').map((r) => [r.amountTiyn, r.status])).toEqual([[3000, 'done']]);
    expect(h.payments.get(sale.id)).toMatchObject({ refundedTiyn: 3000, refundToReview: false });
    expect(repo.events(id).at(-1)).toMatchObject({ from_status: 'failed', to_status: 'failed', error_code: 'refund_marked_not_applied', actor: 'manager' });

    await h.clock.advance(600_000);
    expect(repo.require(id).error_code).toBe('refund_marked_not_applied'); // the recorded app refund explains its drop
    await kaspi.applyLost();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(JSON.parse(repo.require(id).error_params!)).toMatchObject({ droppedTiyn: 3000 });
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(6000);
    expect(kaspiRefunded(sale)).toBe(6000);
  });

  it('only part of the drop recorded as the app refund: the rest still contradicts "not applied", so it stays flagged', async () => {
    const { sale, id } = await flagged(async (s) => {
      await refundedInApp(s, 1000);
      await kaspi.applyLost();
    });
    expect(JSON.parse(repo.require(id).error_params!)).toMatchObject({ droppedTiyn: 4000 });
    expect(await refunds.resolve(id, 'refunded_in_app', 1000)).toMatchObject({ status: 'failed', errorCode: 'refund_applied_after_verdict', errorParams: { droppedTiyn: 3000 } });
    expect(h.payments.get(sale.id)).toMatchObject({ refundedTiyn: 1000, refundToReview: true });
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(4000);
    expect(kaspiRefunded(sale)).toBe(4000);
  });

  it('the drop already recorded another way (a manual refund of the sale, by another core): "went through" is refused, as is recording it twice', async () => {
    const { sale, id } = await flagged((s) => refundedInApp(s, 3000));
    repo.insert({ id: 'recorded-elsewhere', saleId: sale.id, amountTiyn: 3000, method: 'manual', status: 'done', at: new Date(h.clock.now()).toISOString() });
    await expect(refunds.resolve(id, 'applied')).rejects.toMatchObject({ code: 'refund_not_seen_at_kaspi', params: { amountTiyn: 3000, availableTiyn: 7000 } });
    await expect(refunds.resolve(id, 'refunded_in_app', 3000)).rejects.toMatchObject({ code: 'refund_no_app_refund' });
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
  });

  it('Kaspi unreachable: the review waits for it and writes nothing', async () => {
    const { id } = await flagged(() => kaspi.applyLost());
    kaspi.port.paymentDetails = async () => {
      throw new KaspiError('unavailable', null, 'connect ECONNREFUSED');
    };
    await expect(refunds.resolve(id, 'applied')).rejects.toMatchObject({ code: 'kaspi_unavailable' });
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
  });

  it('the move out of failed is kept for that flag, and capped by what the sale has left', async () => {
    const { sale, id } = await flagged(() => kaspi.applyLost());
    const row = repo.require(id);
    const audit = { actor: 'manager' as const };
    expect(() => repo.doneAfterVerdict(id, { status: 'failed', error_code: 'refund_marked_not_applied' }, {}, row.updated_at, audit, sale.amountTiyn)).toThrow(
      expect.objectContaining({ code: 'refund_illegal_transition' }),
    );
    repo.insert({ id: 'other', saleId: sale.id, amountTiyn: 8000, method: 'manual', status: 'done', at: row.updated_at });
    expect(() => repo.doneAfterVerdict(id, row, { error_code: 'refund_marked_applied' }, row.updated_at, audit, sale.amountTiyn)).toThrow(
      expect.objectContaining({ code: 'refund_too_much', params: { availableTiyn: 2000 } }),
    );
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
  });
});
