// Sale behaviour that mutation testing found unpinned: Kaspi said back as soon as a create succeeds; a
// closed sale Kaspi calls final is no longer watched; a create of unknown outcome is held until its
// token is surely dead; the confirm timer starts on the sale's steady clock; the watch of a closed sale
// lasts ten minutes past BOTH Kaspi timers; a re-delivered status keeps its data; the audit trail says
// where each move came from. Real SQLite, the in-process simulator, a manual clock.
import { describe, expect, it } from 'vitest';
import { KaspiError, type KaspiPort } from '../../../main/services/kaspi/kaspi-port.js';
import { SalesRepo } from '../../../main/store/sales-repo.js';
import { countOrders, testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { CREATED, livePayments, startFakeKaspi, statusAnswer, type FakeKaspi } from '../kaspi/fake-kaspi.js';
import { JumpingClock } from '../kaspi/jumping-clock.js';
import { recordingLogger } from '../refunds/lost-return.js';

const t = perTest();
let h: Harness;

const settled = (harness: Harness, id: string) => (harness.db.prepare('SELECT settled FROM sales WHERE id = ?').get(id) as { settled: number }).settled;

/** Purchases are created by the simulator; their status is what the test says, and every read is counted. */
function scriptedKaspi(status: () => string, reads = { n: 0 }) {
  return (): Partial<KaspiPort> => ({
    paymentStatus: async () => {
      reads.n += 1;
      return { status: status() };
    },
  });
}

describe('Kaspi heard again', () => {
  it('a create that succeeds after an outage says Kaspi is back at once, not a status read later', async () => {
    let down = true;
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: (demo) => ({
        createQr: async (r) => {
          if (down) throw new KaspiError('unavailable', null, 'network');
          return demo.createQr(r);
        },
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'failed' });
    expect(h.payments.connectionState().online).toBe(false);
    down = false;
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'qr_shown' });
    expect(h.payments.connectionState().online).toBe(true);
  });
});

describe('the watch of a closed sale', () => {
  it('cancelled, then Kaspi says the purchase is over unpaid (Error): settled, Kaspi is asked no more', async () => {
    let kaspiSays = 'QrTokenCreated';
    const reads = { n: 0 };
    h = testHarness(t, { kaspi: scriptedKaspi(() => kaspiSays, reads) });
    const sale = await h.payments.charge(1000, null);
    await h.payments.cancel(sale.id);
    kaspiSays = 'Error';
    await h.clock.advance(1_000);
    expect(h.db.prepare('SELECT status, kaspi_status, settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'cancelled', kaspi_status: 'Error', settled: 1 });
    const before = reads.n;
    await h.clock.advance(20 * 60_000);
    expect(reads.n).toBe(before);
  });

  it('lasts ten minutes past the end of both Kaspi timers (scan + confirm): a payment Kaspi reports late in it is recorded', async () => {
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    await h.payments.cancel(sale.id);
    // 180 s + 65 s + 10 min = 845 s after the QR was shown; 815 s is still inside
    await h.clock.advance(815_000);
    expect(settled(h, sale.id)).toBe(0);
    kaspiSays = 'Processed';
    await h.clock.advance(60_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });
});

describe('a create whose outcome is unknown', () => {
  it('stays unknown (watched) until its QR token would surely be dead — 4 minutes — and is then closed', async () => {
    h = testHarness(t, {
      kaspi: () => ({
        createQr: async () => {
          throw new KaspiError('unknown_outcome', null, 'timeout after send');
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unknown' });
    await h.clock.advance(200_000);
    expect(h.db.prepare('SELECT status, settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'unknown', settled: 0 });
    await h.clock.advance(41_000);
    expect(h.db.prepare('SELECT status, settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'expired', settled: 1 });
  });
});

describe("the till's wall clock set back before the buyer scans", () => {
  it("the confirm timer still runs Kaspi's 65 s from the scan: the sale is not expired at once, the cashier cannot cancel it, the payment lands", async () => {
    const clock = new JumpingClock();
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    await clock.advance(5_000);
    clock.jumpMs = -20 * 60_000; // NTP, or the cashier fixing the time
    kaspiSays = 'Wait';
    await clock.advance(1_000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await clock.advance(30_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'scanned', errorCode: null });
    await expect(h!.payments.cancel(sale.id)).rejects.toMatchObject({ code: 'buyer_confirming' });
    kaspiSays = 'Processed';
    await clock.advance(1_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });
});

describe('the sales repository', () => {
  const at = '2026-11-27T07:00:00.000Z';

  it('a re-delivery of the status a sale already has writes its data (no second move, audit row or order)', () => {
    h = testHarness(t);
    const repo = new SalesRepo(h.db);
    repo.insert({ id: 's1', amountTiyn: 1000, description: null, mode: 'demo', externalIdPrefix: 'P', at });
    repo.transition('s1', 'qr_shown', { qr_payment_id: '1', qr_token: 't', qr_shown_at: at }, at);
    expect(repo.transition('s1', 'paid', { kaspi_status: 'Processed', settled: 1, finished_at: at }, at)).toMatchObject({ moved: true });
    const again = repo.transition('s1', 'paid', { kaspi_transaction_id: '35134863', product_type: 'Gold' }, at);
    expect(again).toMatchObject({ moved: false, row: { status: 'paid', kaspi_transaction_id: '35134863', product_type: 'Gold' } });
    expect(countOrders(h.db, 's1')).toBe(1);
    expect(h.db.prepare("SELECT COUNT(*) AS n FROM sale_events WHERE sale_id = 's1' AND to_status = 'paid'").get()).toEqual({ n: 1 });
  });

  it('the audit trail records each move from the status it left', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    await h.payments.demoAction(sale.id, 'scan');
    await h.clock.advance(1_000);
    await h.payments.demoAction(sale.id, 'confirm');
    await h.clock.advance(1_000);
    expect(h.payments.get(sale.id).status).toBe('paid');
    const trail = h.db.prepare('SELECT from_status, to_status FROM sale_events WHERE sale_id = ? ORDER BY id').all(sale.id) as { from_status: string | null; to_status: string }[];
    expect(trail.map((e) => `${e.from_status}->${e.to_status}`)).toEqual(['null->created', 'created->qr_shown', 'qr_shown->scanned', 'scanned->paid']);
  });
});

describe("Kaspi's own statuses in the log", () => {
  it('QrTokenCreated and Wait are known statuses: only a status Kaspi never documented is logged as one tolerated', async () => {
    let says = 'QrTokenCreated';
    const kaspi: FakeKaspi = await startFakeKaspi((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : statusAnswer({ Status: says })));
    const log = recordingLogger();
    const live = livePayments(t.dir, kaspi.url, { log });
    try {
      await live.payments.charge(1000, null);
      await live.step(5_000);
      says = 'Wait';
      await live.step(5_000);
      says = 'Refunding';
      await live.step(5_000);
      expect(log.lines.filter((l) => l.includes('unknown Kaspi status tolerated')).map((l) => JSON.parse(l.slice(l.indexOf('{'))).status)).toEqual(['Refunding']);
    } finally {
      live.close();
      await kaspi.close();
    }
  });
});
