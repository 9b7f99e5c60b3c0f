// A payment/return whose answer was lost and that Kaspi does not show applied within the check
// window: never failed by Kassa (a late one would refund the buyer twice on a retry), resolved by a
// later drop of AvailableReturnAmount or by the manager — across restarts.
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import type { RefundService } from '../../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import type { SaleView } from '../../../shared/domain.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { lostReturnKaspi, paidDemoSale, refundService, type LostReturnKaspi } from './lost-return.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { diskFullError } from '../../helpers/sqlite-errors.js';

const t = perTest();
let h: Harness;
let kaspi: LostReturnKaspi;
let refunds: RefundService;
let repo: RefundsRepo;
beforeEach(() => {
  open();
});

/** Opens (or, after a crash, reopens) the till on the same database and resumes its refunds. */
function open(): void {
  h = testHarness(t);
  kaspi = lostReturnKaspi(h);
  refunds = t.closing(refundService(h, kaspi.port));
  repo = new RefundsRepo(h.db);
  refunds.resume();
}

/** Like kill -9: timers and pending calls are dropped without any cleanup write. */
function crashAndRestart(): void {
  refunds.close();
  h.close();
  open();
}

/** A paid 10 000 sale and a 3 000 refund whose payment/return answer is lost, past the check window. */
async function unconfirmedRefund(): Promise<{ sale: SaleView; id: string }> {
  const sale = await paidDemoSale(h, 10000);
  kaspi.loseNext();
  const refund = await refunds.start(sale.id, 3000);
  expect(refund).toMatchObject({ status: 'unknown', errorCode: 'refund_unknown' });
  await h.clock.advance(130_000);
  expect(repo.require(refund.id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed', settled: 0 });
  return { sale, id: refund.id };
}

const kaspiRefunded = (sale: SaleView) => h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn;

describe('a refund Kaspi never confirmed', () => {
  it('is applied late: no second refund in between; the drop is left to the manager (amount still reserved), whose "applied" ends it — Kaspi and Kassa agree', async () => {
    const { sale, id } = await unconfirmedRefund();
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    await expect(refunds.start(sale.id, 10000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    expect(kaspi.sent).toBe(1);
    await kaspi.applyLost();
    await h.clock.advance(60_000);
    // A refund in the Kaspi Pay app would look the same: not taken as ours.
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    expect(JSON.parse(repo.require(id).error_params!)).toEqual({ availableTiyn: 7000, droppedTiyn: 3000 });
    await expect(refunds.start(sale.id, 1000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done', errorCode: 'refund_marked_applied' });
    expect(kaspiRefunded(sale)).toBe(3000);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
    expect(refunds.showing()).toBeNull(); // not news for whoever stands at the till now
    expect(await refunds.start(sale.id, 7000)).toMatchObject({ status: 'done' });
    expect(kaspiRefunded(sale)).toBe(10000);
  });

  it('cannot be resolved by hand while Kassa still checks it, nor once it ended', async () => {
    const sale = await paidDemoSale(h, 10000);
    kaspi.loseNext();
    const refund = await refunds.start(sale.id, 3000);
    await expect(refunds.resolve(refund.id, 'not_applied')).rejects.toMatchObject({ code: 'refund_still_checking' });
    await expect(refunds.resolve(refund.id, 'applied')).rejects.toMatchObject({ code: 'refund_still_checking' });
    const done = await refunds.start((await paidDemoSale(h, 500)).id, 100);
    await expect(refunds.resolve(done.id, 'applied')).rejects.toMatchObject({ code: 'refund_not_unconfirmed' });
  });

  it('"not applied" is refused once Kaspi shows a drop by its amount; the refund is then left to the manager, amount reserved', async () => {
    const { sale, id } = await unconfirmedRefund();
    await kaspi.applyLost();
    await expect(refunds.resolve(id, 'not_applied')).rejects.toMatchObject({ code: 'refund_already_applied', params: { availableTiyn: 7000 } });
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    expect(repo.events(id).filter((e) => e.actor === 'manager')).toEqual([]);
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    expect(kaspiRefunded(sale)).toBe(3000);
  });

  it('"not applied" after a smaller drop (not ours: Kaspi applies a refund whole) goes through and records the drop as an app refund in the same move: Kassa equals Kaspi', async () => {
    const { sale, id } = await unconfirmedRefund();
    // Meanwhile someone refunded 2 000 of this sale in the Kaspi Pay app.
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2000 });
    expect(await refunds.resolve(id, 'not_applied')).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied', errorParams: { availableTiyn: 8000 } });
    expect(repo.events(id).at(-1)).toMatchObject({ from_status: 'unknown', to_status: 'failed', actor: 'manager' });
    expect(JSON.parse(repo.events(id).at(-1)!.detail!)).toEqual({ outcome: 'not_applied', availableTiyn: 8000, appRefundTiyn: 2000 });
    expect(refunds.list(sale.id).filter((r) => r.method === 'manual')).toMatchObject([{ amountTiyn: 2000, status: 'done' }]);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(2000);
    expect(kaspiRefunded(sale)).toBe(2000);
    // The sale and the live identity are free again; the recorded app refund is no late drop of ours.
    expect(refunds.unconfirmedLiveParams()).toBeNull();
    await h.clock.advance(5 * 60_000);
    expect(repo.require(id).error_code).toBe('refund_marked_not_applied');
    await expect(refunds.start(sale.id, 8001)).rejects.toMatchObject({ code: 'refund_too_much', params: { availableTiyn: 8000 } });
    expect(await refunds.start(sale.id, 3000)).toMatchObject({ status: 'done' });
    expect(kaspiRefunded(sale)).toBe(5000);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(5000);
  });

  it('the app refund recorded by "not applied" is no refund of ours to the check after the verdict: a late application of ours is still flagged', async () => {
    const { sale, id } = await unconfirmedRefund();
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 2000 });
    await refunds.resolve(id, 'not_applied');
    await kaspi.applyLost();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_applied_after_verdict' });
    expect(JSON.parse(repo.require(id).error_params!)).toEqual({ availableTiyn: 5000, droppedTiyn: 3000 });
  });

  it('"not applied" without a drop: failed by the manager, audited, the amount free again', async () => {
    const { sale, id } = await unconfirmedRefund();
    const resolved = await refunds.resolve(id, 'not_applied');
    expect(resolved).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied', errorParams: { availableTiyn: 10000 } });
    expect(repo.events(id).at(-1)).toMatchObject({ from_status: 'unknown', to_status: 'failed', actor: 'manager', error_code: 'refund_marked_not_applied' });
    expect(JSON.parse(repo.events(id).at(-1)!.detail!)).toEqual({ outcome: 'not_applied', availableTiyn: 10000 });
    expect(await refunds.start(sale.id, 10000)).toMatchObject({ status: 'done' });
    expect(kaspiRefunded(sale)).toBe(10000);
  });

  it('"applied" where Kaspi shows no trace of the refund is refused (it would be counted for good); Kaspi down: said so', async () => {
    const { sale, id } = await unconfirmedRefund();
    await expect(refunds.resolve(id, 'applied')).rejects.toMatchObject({ code: 'refund_not_seen_at_kaspi', params: { amountTiyn: 3000, availableTiyn: 10000 } });
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed', settled: 0 });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(0);
  });

  it('"applied": done by the manager, audited; the resolution and the trail survive a restart', async () => {
    const { sale, id } = await unconfirmedRefund();
    await kaspi.applyLost(); // what the manager saw in Kaspi Pay
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done', errorCode: 'refund_marked_applied' });
    crashAndRestart();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'done', error_code: 'refund_marked_applied', settled: 1 });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
    expect(repo.events(id).map((e) => [e.from_status, e.to_status, e.error_code, e.actor])).toEqual([
      [null, 'created', null, 'kassa'],
      ['created', 'returning', null, 'kassa'],
      ['returning', 'unknown', 'refund_unknown', 'kassa'],
      ['unknown', 'unknown', 'refund_unconfirmed', 'kassa'],
      ['unknown', 'done', 'refund_marked_applied', 'manager'],
    ]);
    await expect(refunds.start(sale.id, 7001)).rejects.toMatchObject({ code: 'refund_too_much' });
  });
});

describe('a crash around an unconfirmed refund', () => {
  it('after a restart it is still unconfirmed and reserved, checked at once; a late drop is left to the manager', async () => {
    const { sale, id } = await unconfirmedRefund();
    await kaspi.applyLost(); // Kaspi applies it while the till is down
    crashAndRestart();
    await expect(refunds.start(sale.id, 1000)).rejects.toMatchObject({ code: 'refund_unconfirmed' });
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop', settled: 0 });
    expect(await refunds.resolve(id, 'applied')).toMatchObject({ status: 'done' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
  });

  it('restarted within the check window: the window starts over, it ends unconfirmed, never failed', async () => {
    const sale = await paidDemoSale(h, 10000);
    kaspi.loseNext();
    const { id } = await refunds.start(sale.id, 3000);
    await h.clock.advance(60_000);
    crashAndRestart();
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unknown' });
    await h.clock.advance(70_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed', settled: 0 });
  });

  it('killed mid-return (r2) and restarted without a Kaspi client: "answer lost" at once, so the till is not held by a refund QR that is gone; checked once a client is back', async () => {
    const sale = await paidDemoSale(h, 10000);
    // what kill -9 leaves while payment/return is out: 'returning', its baseline written before sending
    const available = (await kaspi.port.paymentDetails(sale.qrPaymentId!)).availableReturnTiyn;
    const at = new Date(h.clock.now()).toISOString();
    let row = repo.insert({ id: 'mid-return', saleId: sale.id, amountTiyn: 3000, method: 'qr', status: 'created', at });
    for (const to of ['qr_shown', 'identified', 'returning'] as const) row = repo.transition(row.id, row, to, to === 'returning' ? { available_before_tiyn: available } : {}, at)!;
    await new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn: 3000 }); // it reached Kaspi
    refunds.close();
    h.close();
    h = testHarness(t);
    repo = new RefundsRepo(h.db);
    refunds = t.closing(refundService(h, kaspi.port, { port: () => null })); // the keyring still locked, say
    refunds.resume();
    await h.clock.advance(0);
    expect(repo.require(row.id)).toMatchObject({ status: 'unknown', error_code: 'refund_unknown', settled: 0 });
    expect(repo.hasQrRefundRunning()).toBe(false);
    await h.clock.advance(600_000);
    expect(repo.require(row.id)).toMatchObject({ status: 'unknown', settled: 0 }); // never failed without Kaspi's word
    crashAndRestart(); // the client is back
    await h.clock.advance(0);
    expect(repo.require(row.id)).toMatchObject({ status: 'done', settled: 1 });
    expect(kaspiRefunded(sale)).toBe(3000);
  });

  it('the disk fills while payment/return is at Kaspi: the cashier is told it was sent but not recorded (never "nothing was written"), and it is recorded once the disk takes writes', async () => {
    const sale = await paidDemoSale(h, 10000);
    let full = true;
    class FullDisk extends RefundsRepo {
      override transition(...args: Parameters<RefundsRepo['transition']>): ReturnType<RefundsRepo['transition']> {
        if (full && args[2] === 'done') throw diskFullError();
        return super.transition(...args);
      }
    }
    refunds.close();
    refunds = t.closing(refundService(h, kaspi.port, { refunds: new FullDisk(h.db) }));
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_sent_not_recorded' });
    expect(kaspiRefunded(sale)).toBe(3000);
    const [row] = repo.forSale(sale.id);
    expect(row).toMatchObject({ status: 'returning' });
    await expect(refunds.start(sale.id, 3000)).rejects.toMatchObject({ code: 'refund_in_progress' });
    full = false;
    await h.clock.advance(60_000);
    expect(repo.require(row!.id)).toMatchObject({ status: 'done', settled: 1 });
    expect(kaspiRefunded(sale)).toBe(3000);
    for (const locale of ['ru', 'kk', 'en'] as const) expect(errorMessage(locale, 'refund_sent_not_recorded')).not.toMatch(/error\./);
  });

  it('killed while "not applied" reads payment/details: nothing recorded; after the restart it can be resolved', async () => {
    const { sale, id } = await unconfirmedRefund();
    const release = kaspi.holdDetails();
    const resolving = refunds.resolve(id, 'not_applied');
    crashAndRestart(); // the old process never gets to write its verdict
    release();
    await resolving.catch(() => undefined);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed', settled: 0 });
    expect(repo.events(id).some((e) => e.actor === 'manager')).toBe(false);
    expect(await refunds.resolve(id, 'not_applied')).toMatchObject({ status: 'failed', errorCode: 'refund_marked_not_applied' });
    expect(kaspiRefunded(sale)).toBe(0);
  });
});
