// An r2 refund QR is sent on only while its buyer may still stand at the till. Scanned just before a
// crash and seen again only after a restart long past the QR's time, it is not sent: the cashier may
// well have refunded the waiting buyer in Kaspi Pay meanwhile, and a partial refund would then go out
// twice (AvailableReturnAmount cannot tell). A QR whose status Kaspi never gave is not blamed on the
// buyer. Real SQLite, the in-process simulator as Kaspi, a manual clock.
import { beforeEach, describe, expect, it } from 'vitest';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import { KaspiError, type KaspiRefundPort } from '../../../main/services/kaspi/kaspi-port.js';
import type { RefundService } from '../../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import type { SaleView } from '../../../shared/domain.js';
import { ManualScheduler } from '../../helpers/manual-scheduler.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { paidDemoSale, refundService } from './lost-return.js';

const t = perTest();
const clock = () => h.clock;
let h: Harness;
let refunds: RefundService;
let repo: RefundsRepo;
/** What Kaspi's return/status says (null: it cannot be reached); how many payment/return went out. */
let returnStatus: string | null;
let sent: number;

beforeEach(() => {
  returnStatus = 'QrTokenCreated';
  sent = 0;
  open(new ManualScheduler());
});

/** An r2 Kaspi: the refund QR (scan time 180 s, polled every 5 s) and the buyer's purchases. */
function qrPort(demo: DemoKaspi, sale: () => SaleView): KaspiRefundPort {
  return {
    refundMethod: 'qr',
    paymentDetails: (id) => demo.paymentDetails(id),
    paymentReturn: async (r) => {
      sent += 1;
      return demo.paymentReturn(r);
    },
    returnCreate: async () => ({ qrToken: '5192837465019283746501928374650192837465', qrReturnId: '17000000001', expireDate: '2099-01-01T00:00:00+05:00', pollIntervalS: 5, scanTimeoutS: 180 }),
    returnStatus: async () => {
      if (returnStatus === null) throw new KaspiError('unavailable', null, 'network');
      return returnStatus;
    },
    returnOperations: async () => [{ qrPaymentId: sale().qrPaymentId!, amountTiyn: 10000, transactionDate: null }],
  };
}

let sale: SaleView;
/** Opens (or, after a kill -9, reopens) the till on the same database and clock; its refunds resume. */
function open(at: ManualScheduler): void {
  h = testHarness(t, { clock: at });
  refunds = t.closing(refundService(h, qrPort(new DemoKaspi(h.simulator), () => sale)));
  repo = new RefundsRepo(h.db);
  refunds.resume();
}

function crash(): ManualScheduler {
  refunds.close();
  h.close();
  return clock();
}

async function refundQrShown(): Promise<string> {
  sale = await paidDemoSale(h, 10000);
  const { id } = await refunds.start(sale.id, 3000);
  expect(repo.require(id)).toMatchObject({ status: 'qr_shown' });
  return id;
}

const kaspiRefunded = () => h.simulator.purchase(sale.qrPaymentId!)!.refundedTiyn;

describe('a refund QR the buyer scanned just before a crash', () => {
  it('restarted long past the QR\'s time: nothing is sent, the refund ends saying it was seen too late', async () => {
    const id = await refundQrShown();
    returnStatus = 'CustomerIdentityObtained'; // the buyer scans…
    const at = crash(); // …and the till goes down before its next look
    await at.advance(10 * 60_000); // the cashier refunds the waiting buyer in Kaspi Pay meanwhile
    open(at);
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_qr_late', settled: 1 });
    await h.clock.advance(10 * 60_000);
    expect(sent).toBe(0);
    expect(kaspiRefunded()).toBe(0);
    // What the cashier did in Kaspi Pay can be recorded: the amount is free again.
    expect(refunds.recordManual(sale.id, 3000)).toMatchObject({ status: 'done', method: 'manual' });
  });

  it('stopped after the buyer was checked (identified), restarted long past the QR\'s time: nothing is sent', async () => {
    const id = await refundQrShown();
    const row = repo.require(id);
    expect(repo.transition(id, row, 'identified', {}, new Date(h.clock.now()).toISOString())).not.toBeNull();
    const at = crash();
    await at.advance(10 * 60_000);
    open(at);
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_qr_late', settled: 1 });
    expect(sent).toBe(0);
  });

  it('restarted while the buyer may still be there (within the QR\'s time): the refund goes out, once', async () => {
    const id = await refundQrShown();
    returnStatus = 'CustomerIdentityObtained';
    const at = crash();
    await at.advance(20_000);
    open(at);
    await h.clock.advance(0);
    expect(repo.require(id)).toMatchObject({ status: 'done', settled: 1 });
    expect(sent).toBe(1);
    expect(kaspiRefunded()).toBe(3000);
  });
});

describe('a refund QR whose status Kaspi does not give', () => {
  it('never read, not even a while past the deadline: ended without blaming the buyer, nothing sent', async () => {
    const id = await refundQrShown();
    returnStatus = null;
    await h.clock.advance(181_000);
    expect(repo.require(id)).toMatchObject({ status: 'qr_shown', settled: 0 }); // a late answer may still come
    await h.clock.advance(60_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_qr_unchecked', settled: 1 });
    expect(sent).toBe(0);
  });

  it('read again after the deadline and not scanned: the timeout it is', async () => {
    const id = await refundQrShown();
    returnStatus = null;
    await h.clock.advance(185_000);
    returnStatus = 'QrTokenCreated';
    await h.clock.advance(5_000);
    expect(repo.require(id)).toMatchObject({ status: 'failed', error_code: 'refund_scan_timeout', settled: 1 });
  });

  it('read again within the grace and scanned in time: the refund goes out', async () => {
    const id = await refundQrShown();
    returnStatus = null;
    await h.clock.advance(185_000);
    returnStatus = 'CustomerIdentityObtained';
    await h.clock.advance(5_000);
    expect(repo.require(id)).toMatchObject({ status: 'done', settled: 1 });
    expect(kaspiRefunded()).toBe(3000);
  });
});
