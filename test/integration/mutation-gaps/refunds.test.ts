// Refund behaviour that mutation testing found unpinned: what a drop bigger than ours means while Kassa
// still checks, a verdict taken from the state after its Kaspi read, the app refund's amount checked,
// Kaspi's success answer landing after another core took the refund for lost, a refund interrupted
// while the scheme lost its refund API, a failed refund on the customer display, and the repository's
// guards (all-or-nothing audit, no "cancelled" for a refund that may have gone through, a stale verdict
// recording nothing). Real SQLite, the in-process simulator, a manual clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import type { KaspiRefundPort } from '../../../main/services/kaspi/kaspi-port.js';
import type { RefundService } from '../../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { showsRefund } from '../../../shared/customer-refund.js';
import type { SaleView } from '../../../shared/domain.js';
import type { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { lostReturnKaspi, paidDemoSale, refundService, type LostReturnKaspi, unconfirmedRefund } from '../refunds/lost-return.js';

const t = perTest();
let h: Harness;
let kaspi: LostReturnKaspi;
let refunds: RefundService;
let repo: RefundsRepo;

beforeEach(() => {
  open();
});

/** Opens (or, after a crash, reopens) the till on the same database; `port` replaces the refund API (null: the scheme has none). */
function open(clock?: ManualScheduler, port?: KaspiRefundPort | null): void {
  h = testHarness(t, clock ? { clock } : {});
  kaspi = lostReturnKaspi(h);
  refunds = t.closing(port === undefined ? refundService(h, kaspi.port) : refundService(h, kaspi.port, { port: () => port }));
  repo = new RefundsRepo(h.db);
  refunds.resume();
}

const refundedInApp = (sale: SaleView, amountTiyn: number) => new DemoKaspi(h.simulator).paymentReturn({ qrPaymentId: sale.qrPaymentId!, amountTiyn });
const kaspiRefunded = (sale: SaleView) => h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn;
const manualRefunds = (sale: SaleView) => refunds.list(sale.id).filter((r) => r.method === 'manual');

const unconfirmed = () => unconfirmedRefund(h, kaspi, refunds);

describe('a lost payment/return while Kassa still checks it', () => {
  it('AvailableReturnAmount down by more than ours (ours and another refund): done, but flagged for review with what Kaspi said', async () => {
    const sale = await paidDemoSale(h, 10000);
    kaspi.loseNext();
    const { id } = await refunds.start(sale.id, 3000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unknown' });
    await kaspi.applyLost();
    await refundedInApp(sale, 1000);
    await h.clock.advance(5_000);
    expect(repo.require(id)).toMatchObject({ status: 'done', error_code: 'refund_needs_review', settled: 1 });
    expect(JSON.parse(repo.require(id).error_params!)).toEqual({ available: 6000 });
    expect(kaspiRefunded(sale)).toBe(4000);
  });

  it('down by exactly ours: done, nothing to review', async () => {
    const sale = await paidDemoSale(h, 10000);
    kaspi.loseNext();
    const { id } = await refunds.start(sale.id, 3000);
    await kaspi.applyLost();
    await h.clock.advance(5_000);
    expect(repo.require(id)).toMatchObject({ status: 'done', error_code: null, error_params: null, settled: 1 });
  });
});

describe("the manager's verdict", () => {
  it('"refunded in Kaspi Pay instead" while the periodic check sees that drop: the verdict applies to the refund as it is after its own Kaspi read', async () => {
    const { sale, id } = await unconfirmed();
    await refundedInApp(sale, 3000);
    // The manager's read of AvailableReturnAmount is slow; the periodic check runs meanwhile and
    // takes the drop for one to review (refund_late_drop).
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const direct = kaspi.port.paymentDetails;
    kaspi.port.paymentDetails = async (qr) => {
      await slow;
      return direct(qr);
    };
    const verdict = refunds.resolve(id, 'refunded_in_app', 3000);
    kaspi.port.paymentDetails = direct;
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop' });
    release();
    expect(await verdict).toMatchObject({ id, status: 'unknown', errorCode: 'refund_unconfirmed' });
    expect(manualRefunds(sale).map((r) => [r.amountTiyn, r.status])).toEqual([[3000, 'done']]);
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
  });

  it('"refunded in Kaspi Pay instead" needs a whole positive amount of tiyn: anything else is refused, nothing recorded', async () => {
    const { sale, id } = await unconfirmed();
    await refundedInApp(sale, 3000);
    for (const amount of [0, -3000, 1500.5, Number.NaN, undefined]) {
      await expect(refunds.resolve(id, 'refunded_in_app', amount), String(amount)).rejects.toMatchObject({ code: 'invalid_request', params: { field: 'amountTiyn' } });
    }
    expect(manualRefunds(sale)).toEqual([]);
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(0);
  });
});

describe('two cores on one database', () => {
  it("Kaspi's success answer arrives after the other core took the refund for lost: done at once, with Kaspi's operation id, sent once", async () => {
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    let reached!: () => void;
    const atKaspi = new Promise<void>((resolve) => (reached = resolve));
    let answer!: () => void;
    const slowAnswer = new Promise<void>((resolve) => (answer = resolve));
    let sent = 0;
    refunds.close();
    refunds = t.closing(refundService(h, {
      ...kaspi.port,
      paymentDetails: (id) => demo.paymentDetails(id),
      paymentReturn: async (r) => {
        sent += 1;
        reached();
        await slowAnswer;
        return demo.paymentReturn(r);
      },
    }));
    const started = refunds.start(sale.id, 3000);
    await atKaspi;
    const [row] = repo.forSale(sale.id);
    expect(row).toMatchObject({ status: 'returning' });

    // The second core starts now: it finds the refund returning and takes it for lost.
    const second = t.closing(refundService(h, { ...kaspi.port, paymentDetails: (id) => demo.paymentDetails(id) }));
    second.resume();
    await h.clock.advance(0);
    expect(repo.require(row!.id)).toMatchObject({ status: 'unknown', error_code: 'refund_unknown' });

    answer();
    expect(await started).toMatchObject({ id: row!.id, status: 'done', errorCode: null });
    expect(repo.require(row!.id)).toMatchObject({ status: 'done', settled: 1, return_operation_id: expect.stringMatching(/\d/) });
    await h.clock.advance(600_000);
    expect(repo.require(row!.id)).toMatchObject({ status: 'done' });
    expect(sent + kaspi.sent).toBe(1);
    expect(kaspiRefunded(sale)).toBe(3000);
  });
});

describe('no refund API at restart (the scheme lost it, or its settings are being changed)', () => {
  it('a refund stopped before payment/return went out ends as interrupted; the sale can then be refunded by hand', async () => {
    const sale = await paidDemoSale(h, 10000);
    kaspi.holdDetails(); // the till dies while Kaspi's AvailableReturnAmount is being read
    void refunds.start(sale.id, 3000);
    await h.clock.advance(0);
    const [row] = repo.forSale(sale.id);
    expect(row).toMatchObject({ status: 'created' });
    refunds.close();
    h.close();
    open(h.clock, null);
    await h.clock.advance(0);
    expect(repo.require(row!.id)).toMatchObject({ status: 'failed', error_code: 'refund_interrupted', settled: 1 });
    expect(refunds.recordManual(sale.id, 3000)).toMatchObject({ status: 'done', method: 'manual' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(3000);
    expect(kaspiRefunded(sale)).toBe(0);
  });
});

describe('no refund API for a moment around a refund QR\'s deadline (live settings being changed)', () => {
  it('the buyer scanned just before the deadline: the QR is not ended at the deadline, and once the API is back within the grace payment/return goes out', async () => {
    const sale = await paidDemoSale(h, 10000);
    const demo = new DemoKaspi(h.simulator);
    let returnStatus = 'QrTokenCreated';
    let up = true;
    const qrPort: KaspiRefundPort = {
      refundMethod: 'qr',
      paymentDetails: (id) => demo.paymentDetails(id),
      paymentReturn: (r) => demo.paymentReturn(r),
      returnCreate: async () => ({ qrToken: '5192837465019283746501928374650192837465', qrReturnId: '17000000001', expireDate: '2026-11-27T12:03:00+05:00', pollIntervalS: 5, scanTimeoutS: 180 }),
      returnStatus: async () => returnStatus,
      returnOperations: async () => [{ qrPaymentId: sale.qrPaymentId!, amountTiyn: 10000, transactionDate: null }],
    };
    refunds.close();
    refunds = t.closing(refundService(h, qrPort, { port: () => (up ? qrPort : null) }));
    const { id } = await refunds.start(sale.id, 3000);
    expect(repo.require(id)).toMatchObject({ status: 'qr_shown' });
    await h.clock.advance(176_000);
    up = false;
    returnStatus = 'CustomerIdentityObtained'; // the buyer scans at the last moment
    await h.clock.advance(4_000); // the step at the scan deadline finds no refund API
    expect(repo.require(id)).toMatchObject({ status: 'qr_shown', settled: 0 });
    up = true;
    await h.clock.advance(120_000);
    expect(repo.require(id)).toMatchObject({ status: 'done', settled: 1 });
    expect(kaspiRefunded(sale)).toBe(3000);
  });
});

describe('the customer display', () => {
  it('a Kaspi refund that failed is shown for a moment (the buyer sees it did not go through), then let go', async () => {
    const sale = await paidDemoSale(h, 10000);
    await refundedInApp(sale, 8000); // refunded outside Kassa: Kaspi has 2 000 left
    const refund = await refunds.start(sale.id, 3000);
    expect(refund).toMatchObject({ status: 'failed', errorCode: 'refund_too_much' });
    expect(refunds.showing()).toMatchObject({ id: refund.id, status: 'failed' });
    await h.clock.advance(21_000);
    expect(refunds.showing()).toBeNull();
  });

  it('a refund done, then the clock set back: its «done» is not kept on the display for as long as the jump', async () => {
    const sale = await paidDemoSale(h, 10000);
    const refund = await refunds.start(sale.id, 1500);
    expect(refund).toMatchObject({ status: 'done' });
    const finished = Date.parse(repo.require(refund.id).finished_at!);
    expect(repo.showing(new Date(finished + 5_000).toISOString(), 20_000)).toMatchObject({ id: refund.id });
    expect(repo.showing(new Date(finished - 30 * 60_000).toISOString(), 20_000)).toBeNull();
  });

  it('the clock set back an hour between two refunds: the new refund QR is the one on the display (the newest made, not the latest dated)', async () => {
    const first = await paidDemoSale(h, 10000);
    expect(await refunds.start(first.id, 1500)).toMatchObject({ status: 'done' });
    const second = await paidDemoSale(h, 20000);
    const earlier = new Date(h.clock.now() - 3_600_000).toISOString(); // the clock corrected back since
    let row = repo.insert({ id: 'r-after-jump', saleId: second.id, amountTiyn: 2000, method: 'qr', status: 'created', at: earlier });
    row = repo.transition(row.id, row, 'qr_shown', { qr_token: '123', qr_shown_at: earlier, scan_timeout_s: 180 }, earlier)!;
    expect(repo.showing(earlier, 20_000)).toMatchObject({ id: 'r-after-jump', status: 'qr_shown' });
  });

  it("a refund cancelled right after another was done: the buyer sees neither, never the other one's «done»", async () => {
    const first = await paidDemoSale(h, 10000);
    expect(await refunds.start(first.id, 1500)).toMatchObject({ status: 'done' });
    expect(refunds.showing()).toMatchObject({ status: 'done' });
    await h.clock.advance(5_000);
    const second = await paidDemoSale(h, 20000);
    const at = new Date(h.clock.now()).toISOString();
    const row = repo.insert({ id: 'r-cancelled', saleId: second.id, amountTiyn: 12000, method: 'qr', status: 'created', at });
    expect(repo.transition(row.id, row, 'cancelled', { settled: 1, finished_at: at }, at)).toMatchObject({ status: 'cancelled' });
    // the newest is the cancelled one (it takes the sale's "paid" off the display), never the other's «done»
    const shown = refunds.showing();
    expect(shown).toMatchObject({ id: 'r-cancelled', status: 'cancelled' });
    expect(showsRefund(refunds.view(shown!))).toBe(false);
  });
});

describe('the refunds repository', () => {
  const at = () => new Date(h.clock.now()).toISOString();

  it('a move and its audit row are written together: the audit row refused (disk full), the move is not written either', async () => {
    const sale = await paidDemoSale(h, 10000);
    const read = repo.insertChecked({ id: 'r-audit', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at: at() }, 10000);
    const returning = repo.transition('r-audit', read, 'returning', { available_before_tiyn: 10000 }, at())!;
    h.db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON refund_events WHEN NEW.to_status = 'done'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => repo.transition('r-audit', returning, 'done', { settled: 1, finished_at: at() }, at())).toThrow(/disk is full/);
    h.db.exec('DROP TRIGGER disk_full');
    expect(repo.require('r-audit')).toMatchObject({ status: 'returning', settled: 0, finished_at: null });
    expect(repo.events('r-audit').map((e) => `${e.from_status}->${e.to_status}`)).toEqual(['null->created', 'created->returning']);
  });

  it('a refund of unknown outcome can never be cancelled (Kaspi may still apply it): refused, nothing written', async () => {
    const sale = await paidDemoSale(h, 10000);
    const read = repo.insertChecked({ id: 'r-unknown', saleId: sale.id, amountTiyn: 2500, method: 'api', status: 'created', at: at() }, 10000);
    const returning = repo.transition('r-unknown', read, 'returning', { available_before_tiyn: 10000 }, at())!;
    const unknown = repo.transition('r-unknown', returning, 'unknown', { error_code: 'refund_unknown' }, at())!;
    expect(() => repo.transition('r-unknown', unknown, 'cancelled', { settled: 1 }, at())).toThrow(/refund_illegal_transition/);
    expect(repo.require('r-unknown')).toMatchObject({ status: 'unknown', settled: 0 });
    expect(repo.committedTiyn(sale.id)).toBe(2500);
  });

  it('a verdict recording an app refund from a stale read (ours moved on meanwhile) records nothing', async () => {
    const { sale, id } = await unconfirmed();
    const stale = repo.require(id);
    repo.transition(id, stale, 'unknown', { error_code: 'refund_late_drop' }, at()); // another core, first
    const recorded = repo.recordAppRefund(
      { id: 'app-1', saleId: sale.id, amountTiyn: 3000, method: 'manual', status: 'done', at: at() },
      { id, from: stale, to: 'unknown', patch: { error_code: 'refund_unconfirmed' } },
      { actor: 'manager' },
      10000,
    );
    expect(recorded).toBeNull();
    expect(repo.get('app-1')).toBeNull();
    expect(repo.require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_late_drop' });
    expect(h.payments.get(sale.id).refundedTiyn).toBe(0);
  });
});
