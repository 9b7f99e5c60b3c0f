import { describe, expect, it } from 'vitest';
import { KaspiError, type KaspiPort } from '../../main/services/kaspi/kaspi-port.js';
import { countOrders, testHarness, type Harness } from '../helpers/payments-harness.js';
import { ManualScheduler } from '../helpers/manual-scheduler.js';
import { perTest } from '../helpers/per-test.js';
import { JumpingClock } from './kaspi/jumping-clock.js';

const t = perTest();
let h: Harness;

const salesAtKaspi = (harness: Harness) =>
  (harness.db.prepare('SELECT COUNT(*) AS n FROM demo_purchases').get() as { n: number }).n;

/** A Kaspi whose purchase status the test sets; purchases are created by the simulator. */
function scriptedKaspi(status: () => string) {
  return (): Partial<KaspiPort> => ({
    paymentStatus: async () => ({ status: status() }),
  });
}

/** Whether the Kaspi of openWithReachability answers status reads. */
const kaspi = { up: true };

/** The demo harness, its status reads failing (Kaspi unreachable) while `kaspi.up` is false. */
function openWithReachability(): Harness {
  kaspi.up = true;
  return testHarness(t, {
    kaspi: (demo) => ({
      paymentStatus: async (id) => {
        if (!kaspi.up) throw new KaspiError('unavailable', null, 'offline');
        return demo.paymentStatus(id);
      },
    }),
  });
}

describe('demo sale flow (real SQLite, in-process simulator)', () => {
  it('charge -> QR -> scan -> confirm -> paid with one order, polling at Kaspi\'s interval', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(450000, null);
    expect(sale).toMatchObject({ status: 'qr_shown', amountTiyn: 450000, paymentMethods: ['Gold', 'Red', 'Loan'] });
    expect(Date.parse(sale.deadline!) - h.clock.now()).toBe(180_000);
    await h.payments.demoAction(sale.id, 'scan');
    expect(h.payments.get(sale.id).status).toBe('qr_shown'); // only Kaspi's status, read on the next tick, moves it
    await h.clock.advance(999);
    expect(h.payments.get(sale.id).status).toBe('qr_shown');
    await h.clock.advance(1);
    const scanned = h.payments.get(sale.id);
    expect(scanned.status).toBe('scanned');
    expect(Date.parse(scanned.deadline!) - h.clock.now()).toBe(65_000);
    await h.payments.demoAction(sale.id, 'confirm');
    await h.clock.advance(1000);
    const paid = h.payments.get(sale.id);
    expect(paid).toMatchObject({ status: 'paid', orderNumber: '000001', kaspiStatus: 'Processed', qrToken: null });
    expect(countOrders(h.db, sale.id)).toBe(1);
    expect(h.events.map((e) => e.status)).toEqual(['created', 'qr_shown', 'scanned', 'paid']);
    await h.clock.advance(60_000);
    expect(h.clock.pending()).toBeLessThanOrEqual(1); // nothing keeps polling a settled sale
  });

  it('buyer refuses before and after scanning -> failed, no order', async () => {
    h = testHarness(t);
    const a = await h.payments.charge(1000, null);
    await h.payments.demoAction(a.id, 'fail');
    await h.clock.advance(1000);
    expect(h.payments.get(a.id)).toMatchObject({ status: 'failed', errorCode: 'kaspi_payment_error' });
    const b = await h.payments.charge(2000, null);
    await h.payments.demoAction(b.id, 'scan');
    await h.clock.advance(1000);
    await h.payments.demoAction(b.id, 'fail');
    await h.clock.advance(1000);
    expect(h.payments.get(b.id).status).toBe('failed');
    expect(countOrders(h.db, a.id) + countOrders(h.db, b.id)).toBe(0);
  });

  it('no cancel while the buyer confirms in Kaspi (a second purchase could be paid too); past the deadline the till is free, Kaspi reachable or not', async () => {
    h = openWithReachability();
    const sale = await h.payments.charge(1000, null);
    await h.payments.demoAction(sale.id, 'scan');
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await expect(h.payments.cancel(sale.id)).rejects.toMatchObject({ code: 'buyer_confirming', params: { seconds: 65 } });
    await expect(h.payments.charge(2000, null)).rejects.toMatchObject({ code: 'sale_in_progress' });
    expect(salesAtKaspi(h)).toBe(1);

    kaspi.up = false;
    await h.clock.advance(66_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' }); // the till is free; no buyer's timeout claimed
    expect((await h.payments.charge(2000, null)).status).toBe('qr_shown');
  });

  it('a day-long confirmation timeout from Kaspi holds a cancel three minutes at most', async () => {
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: async (request) => ({ ...(await demo.createQr(request)), confirmTimeoutS: 86_400 }),
        paymentStatus: async () => ({ status: kaspiSays }),
      }),
    });
    const sale = await h.payments.charge(1000, null);
    kaspiSays = 'Wait'; // and Kaspi keeps saying so
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await expect(h.payments.cancel(sale.id)).rejects.toMatchObject({ code: 'buyer_confirming', params: { seconds: 180 } });
    await h.clock.advance(180_000);
    expect((await h.payments.cancel(sale.id)).status).toBe('cancelled');
  });

  it('an hour-long StatusPollingInterval from Kaspi: read every 30 s, and the scan deadline applied on time', async () => {
    let reads = 0;
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: async (request) => ({ ...(await demo.createQr(request)), pollIntervalS: 3600 }),
        paymentStatus: async (id) => {
          reads += 1;
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.clock.advance(30_000);
    expect(reads).toBe(1);
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(30_000);
    expect(h.payments.get(sale.id).status).toBe('paid'); // a minute after, not an hour

    const unpaid = await h.payments.charge(2000, null);
    await h.clock.advance(180_000);
    expect(h.payments.get(unpaid.id)).toMatchObject({ status: 'expired', errorCode: 'scan_timeout' });
  });

  it('a purchase Kaspi created but the database could not record (writes refused) is watched, not left blocking the till', async () => {
    let refuseWrites = () => {};
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: async (request) => {
          const qr = await demo.createQr(request);
          refuseWrites(); // Kaspi created it; now the disk refuses every write
          return qr;
        },
      }),
    });
    refuseWrites = () => h.db.pragma('query_only = ON');
    await expect(h.payments.charge(1000, null)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_READONLY/) });
    refuseWrites = () => {};
    h.db.pragma('query_only = OFF'); // the disk takes writes again
    await h.clock.advance(5_000);
    const [stuck] = h.db.prepare('SELECT status, error_code FROM sales').all() as { status: string; error_code: string }[];
    expect(stuck).toEqual({ status: 'unknown', error_code: 'create_unknown' }); // never re-sent, never shown
    expect((await h.payments.charge(2000, null)).status).toBe('qr_shown');
  });

  it('a deadline passed unheard, then Kaspi says the purchase failed: the sale is closed unpaid by Kaspi (no "did not scan" claimed: a scan may have gone unheard), and the screens hear of it', async () => {
    h = openWithReachability();
    const sale = await h.payments.charge(1000, null);
    kaspi.up = false;
    await h.clock.advance(181_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    const before = h.events.length;
    h.simulator.testHook('scanerror', sale.qrPaymentId!); // Kaspi's final word: not paid
    kaspi.up = true;
    await h.clock.advance(60_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_closed_unpaid' });
    expect(h.events.slice(before)).toContainEqual(expect.objectContaining({ id: sale.id, errorCode: 'kaspi_closed_unpaid' }));
  });

  it('Kaspi heard again after an unheard deadline but never final: the watch ends "unknown — check in Kaspi Pay", no longer "still checking"', async () => {
    let up = true;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (!up) throw new KaspiError('unavailable', null, 'offline');
          return { ...(await demo.paymentStatus(id)), status: 'Wait' }; // the buyer confirming, for ever
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    up = false;
    await h.clock.advance(181_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    up = true;
    await h.clock.advance(20 * 60_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_final' });
    expect(h.db.prepare('SELECT settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ settled: 1 });
    expect(h.events.at(-1)).toMatchObject({ id: sale.id, errorCode: 'kaspi_no_final' });
  });

  it('a scan heard, then the confirmation deadline passed unheard, then Kaspi says failed: the confirmation timeout it was', async () => {
    h = openWithReachability();
    const sale = await h.payments.charge(1000, null);
    h.simulator.testHook('scan', sale.qrPaymentId!);
    await h.clock.advance(1_000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    kaspi.up = false;
    await h.clock.advance(66_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    h.simulator.testHook('scanerror', sale.qrPaymentId!);
    kaspi.up = true;
    await h.clock.advance(60_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'confirm_timeout' });
  });

  it('"purchase not found" at the scan deadline is no buyer\'s timeout either', async () => {
    let notFound = false;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (notFound) throw new KaspiError('rejected', -1601, 'purchase not found');
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.clock.advance(170_000);
    notFound = true;
    await h.clock.advance(11_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
  });

  it('a buyer paid while Kaspi could not be heard for long: one "purchase not found" after the outage does not end the watch', async () => {
    let up = true;
    let glitch = false;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (glitch) {
            glitch = false;
            throw new KaspiError('rejected', -1601, 'purchase not found');
          }
          if (!up) throw new KaspiError('unavailable', null, 'offline');
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    up = false;
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!); // paid at Kaspi; the till hears nothing
    await h.clock.advance(20 * 60_000); // far past Kaspi's timers and the grace after them
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    glitch = true; // Kaspi's first answer after the outage: a passing "not found"
    up = true;
    await h.clock.advance(2 * 60_000);
    expect(h.payments.get(sale.id).status).toBe('paid');
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 1 });
  });

  it('two "purchase not found" ten minutes apart with an outage between are no verdict either', async () => {
    let mode: 'up' | 'down' | 'glitch' = 'up';
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (mode === 'glitch') {
            mode = 'down';
            throw new KaspiError('rejected', -1601, 'purchase not found');
          }
          if (mode === 'down') throw new KaspiError('unavailable', null, 'offline');
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    mode = 'down';
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(20 * 60_000);
    mode = 'glitch';
    await h.clock.advance(11 * 60_000);
    mode = 'glitch';
    await h.clock.advance(60_000);
    mode = 'up';
    await h.clock.advance(2 * 60_000);
    expect(h.payments.get(sale.id).status).toBe('paid');
  });

  it('"purchase not found" said for ten minutes past the timers ends the watch: it is bounded', async () => {
    let reads = 0;
    h = testHarness(t, {
      kaspi: () => ({
        paymentStatus: async () => {
          reads += 1;
          throw new KaspiError('rejected', -1601, 'purchase not found');
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.clock.advance(60 * 60_000);
    expect(h.db.prepare('SELECT settled, status FROM sales WHERE id = ?').get(sale.id)).toEqual({ settled: 1, status: 'expired' });
    const after = reads;
    await h.clock.advance(60 * 60_000);
    expect(reads).toBe(after);
  });

  it('one sale at a time; demo actions refuse a finished sale', async () => {
    h = testHarness(t);
    const a = await h.payments.charge(1000, null);
    await expect(h.payments.charge(1000, null)).rejects.toMatchObject({ code: 'sale_in_progress' });
    await h.payments.cancel(a.id);
    await expect(h.payments.demoAction(a.id, 'confirm')).rejects.toMatchObject({ code: 'demo_action_refused' });
    const b = await h.payments.charge(1000, null);
    expect(b.status).toBe('qr_shown');
    // Confirm before Scan gets its own words (what to press first), not a status name
    await expect(h.payments.demoAction(b.id, 'confirm')).rejects.toMatchObject({ code: 'demo_scan_first' });
    await h.payments.demoAction(b.id, 'scan');
    await h.clock.advance(1_000);
    expect((await h.payments.demoAction(b.id, 'confirm')).id).toBe(b.id);
  });

  it('scan timeout: after the last read past the deadline the sale expires; Kaspi later says Error', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    await h.clock.advance(179_000);
    expect(h.payments.get(sale.id).status).toBe('qr_shown');
    await h.clock.advance(1_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'scan_timeout' });
    await h.clock.advance(5_000);
    const row = h.db.prepare('SELECT settled, kaspi_status FROM sales WHERE id = ?').get(sale.id);
    expect(row).toEqual({ settled: 1, kaspi_status: 'Error' });
  });

  it('confirmation timeout while in Wait: Kaspi cancels first (its timer started at the scan), we close it as the timeout it is', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    await h.payments.demoAction(sale.id, 'scan');
    await h.clock.advance(1000);
    await h.clock.advance(63_000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await h.clock.advance(1_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'confirm_timeout' });
  });

  it('confirmation timeout on our side when Kaspi keeps saying Wait -> expired after the last read', async () => {
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => ({ status: (await demo.paymentStatus(id)).status === 'QrTokenCreated' ? 'QrTokenCreated' : 'Wait' }),
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.payments.demoAction(sale.id, 'scan');
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await h.clock.advance(65_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'confirm_timeout' });
  });

  it('a buyer who pays after the cashier cancelled (the QR photographed before) is recorded as paid (Kaspi wins), with one order', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    expect((await h.payments.cancel(sale.id)).status).toBe('cancelled');
    h.simulator.testHook('scan', sale.qrPaymentId!);
    await h.clock.advance(1000);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
    expect(countOrders(h.db, sale.id)).toBe(1);
  });

  it('a sale paid after it was cancelled or timed out stays noticed until a cashier acknowledges it, across a restart', async () => {
    h = testHarness(t);
    const cancelled = await h.payments.charge(1000, null);
    await h.payments.cancel(cancelled.id);
    const normal = await h.payments.charge(2000, null);
    await h.payments.demoAction(normal.id, 'scan');
    await h.payments.demoAction(normal.id, 'confirm');
    await h.clock.advance(1000);
    expect(h.payments.get(normal.id)).toMatchObject({ status: 'paid', paidLate: null });
    const running = await h.payments.charge(1000, null); // the next buyer (or the same one, asked again)
    h.simulator.testHook('scan', cancelled.qrPaymentId!);
    h.simulator.testHook('confirm', cancelled.qrPaymentId!);
    await h.clock.advance(1000);
    expect(h.events.filter((e) => e.id === cancelled.id).at(-1)).toMatchObject({ status: 'paid', paidLate: 'unseen' });
    expect(h.payments.paidLate().map((s) => s.id)).toEqual([cancelled.id]);
    await h.payments.cancel(running.id);
    h.close();

    h = testHarness(t); // a restart: the notice is still owed
    expect(h.payments.paidLate().map((s) => [s.id, s.paidLate, s.orderNumber])).toEqual([[cancelled.id, 'unseen', '000002']]);
    expect(h.payments.acknowledgePaidLate(cancelled.id)).toMatchObject({ id: cancelled.id, paidLate: 'seen' });
    expect(h.events.at(-1)).toMatchObject({ id: cancelled.id, paidLate: 'seen' });
    expect(h.payments.paidLate()).toEqual([]);
    expect(h.payments.acknowledgePaidLate(cancelled.id)).toMatchObject({ paidLate: 'seen' }); // twice: nothing more

    h.close();

    // a sale whose timers ran out while Kaspi could not be reached, paid after all
    h = openWithReachability();
    const expired = await h.payments.charge(3000, null);
    await h.payments.demoAction(expired.id, 'scan');
    await h.clock.advance(1000);
    kaspi.up = false;
    await h.clock.advance(30_000);
    h.simulator.testHook('confirm', expired.qrPaymentId!); // paid at Kaspi, unheard
    await h.clock.advance(36_000);
    expect(h.payments.get(expired.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    kaspi.up = true;
    await h.clock.advance(31_000);
    expect(h.payments.get(expired.id)).toMatchObject({ status: 'paid', paidLate: 'unseen' });
  });

  it('qr/create with an unknown outcome is never retried: one purchase, sale unknown, then closed', async () => {
    let calls = 0;
    h = testHarness(t, {
      kaspi: (demo) => ({
        async createQr(request) {
          calls += 1;
          await demo.createQr(request); // Kaspi created it...
          throw new KaspiError('unknown_outcome', null, 'socket hang up'); // ...but the answer was lost
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    expect(sale).toMatchObject({ status: 'unknown', errorCode: 'create_unknown', qrToken: null });
    await h.clock.advance(300_000);
    expect(calls).toBe(1);
    expect(salesAtKaspi(h)).toBe(1);
    expect(h.payments.get(sale.id).status).toBe('expired');
    expect(countOrders(h.db, sale.id)).toBe(0);
  });

  it('Kaspi refusing the create fails the sale at once; a status outage is retried next tick', async () => {
    let down = false;
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: (r) => (r.amountTiyn === 13 ? Promise.reject(new KaspiError('rejected', 990000028, 'wrong amount')) : demo.createQr(r)),
        paymentStatus: (id) => (down ? Promise.reject(new KaspiError('unavailable', -999, 'down')) : demo.paymentStatus(id)),
      }),
    });
    expect(await h.payments.charge(13, null)).toMatchObject({ status: 'failed', errorCode: 'kaspi_rejected', kaspiStatus: '990000028' });
    const sale = await h.payments.charge(1000, null);
    down = true;
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(5000);
    expect(h.payments.get(sale.id).status).toBe('qr_shown');
    down = false;
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('paid');
  });

  it('a sale the buyer pays while Kassa is down, before any window is open again: the paid-late notice, not a "ready" till', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(450_000, null);
    expect(sale.status).toBe('qr_shown');
    h.close(); // kill -9
    h = testHarness(t);
    await h.payments.demoAction(sale.id, 'scan'); // the buyer, at Kaspi
    await h.payments.demoAction(sale.id, 'confirm');
    h.payments.resume();
    await h.clock.advance(1000);
    expect(h.payments.paidLate()).toMatchObject([{ id: sale.id, status: 'paid', paidLate: 'unseen', orderNumber: '000001' }]);
    expect(h.events.at(-1)).toMatchObject({ id: sale.id, paidLate: 'unseen' }); // the windows open meanwhile hear it
  });

  it('a buyer who scanned while Kassa was off and never confirmed: "closed unpaid while Kassa could not hear", not "did not scan"', async () => {
    const clock = new ManualScheduler();
    h = testHarness(t, { clock });
    const sale = await h.payments.charge(450_000, null);
    h.close(); // kill -9
    await clock.advance(10_000);
    h = testHarness(t, { clock }); // (its watch not resumed yet: Kassa still off)
    h.simulator.testHook('scan', sale.qrPaymentId!); // the buyer scans, then lets Kaspi's confirm timer run out
    await clock.advance(300_000);
    h.payments.resume();
    await clock.advance(1_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_closed_unpaid' });
  });

  it('a resumed sale a window shows again ends on that window: no paid-late notice beside it', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(450_000, null);
    h.close();
    h = testHarness(t);
    h.payments.resume();
    expect(h.payments.currentForWindow()).toMatchObject({ id: sale.id, status: 'qr_shown' }); // a window opened
    await h.payments.demoAction(sale.id, 'scan');
    await h.payments.demoAction(sale.id, 'confirm');
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', paidLate: null });
    expect(h.payments.paidLate()).toEqual([]);
  });

  it('a window opening while a sale\'s outcome is still asked of Kaspi is shown that sale ("result unknown"), not a ready till', async () => {
    let down = false;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (down) throw new KaspiError('unavailable', null, 'network');
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(450_000, null);
    down = true; // Kaspi cannot be read while the buyer pays
    await h.clock.advance(200_000); // past the scan timer
    expect(h.payments.current()).toBeNull(); // no sale runs (a mode switch may go ahead)…
    expect(h.payments.currentForWindow()).toMatchObject({ id: sale.id, status: 'expired', errorCode: 'kaspi_no_answer' }); // …but its outcome is open
    await h.clock.advance(5 * 60_000);
    expect(h.payments.currentForWindow()).toMatchObject({ id: sale.id, errorCode: 'kaspi_no_answer' });
    down = false; // Kaspi answers: not paid, the buyer's timer ran out
    await h.clock.advance(60_000);
    expect(h.payments.get(sale.id).errorCode).not.toBe('kaspi_no_answer');
    expect(h.payments.currentForWindow()).toBeNull(); // ended long ago
  });

  it('a crash between writing the sale and hearing from Kaspi resumes as unknown, never re-sent', async () => {
    h = testHarness(t);
    // Simulate the crash: a sale row left in `created`.
    h.db.prepare(
      `INSERT INTO sales (id, seq, amount_tiyn, status, mode, external_id, created_at, updated_at)
       VALUES ('crashed', 1, 5000, 'created', 'demo', 'POS-TEST-1', ?, ?)`,
    ).run(new Date(h.clock.now()).toISOString(), new Date(h.clock.now()).toISOString());
    h.payments.resume();
    await h.clock.advance(0);
    expect(h.payments.get('crashed')).toMatchObject({ status: 'unknown', errorCode: 'create_unknown' });
    await h.clock.advance(300_000);
    expect(h.payments.get('crashed').status).toBe('expired');
    expect(salesAtKaspi(h)).toBe(0);
  });

  it('a purchase Kaspi never settles is watched for a bounded time after its timers, then closed', async () => {
    let reads = 0;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async () => {
          reads += 1;
          return { status: 'QrTokenCreated' }; // Kaspi never moves on
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.payments.cancel(sale.id);
    await h.clock.advance(24 * 3600_000);
    expect(h.db.prepare('SELECT settled, status FROM sales WHERE id = ?').get(sale.id)).toEqual({ settled: 1, status: 'cancelled' });
    expect(reads).toBeLessThan(300); // ~4 min at the 1 s tick, then every 30 s for 10 min — not 24 h of polling
    expect(h.clock.pending()).toBeLessThanOrEqual(1);
  });

  it('a cancel while qr/create is in flight, then Kaspi refuses the create: the sale is settled, nothing left to watch', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: async () => {
          await gate;
          throw new KaspiError('rejected', 990000028, 'wrong amount');
        },
      }),
    });
    const charging = h.payments.charge(1000, null);
    await new Promise((r) => setImmediate(r));
    const id = h.payments.current()!.id;
    await h.payments.cancel(id);
    release();
    expect(await charging).toMatchObject({ status: 'cancelled', qrPaymentId: null });
    expect(h.db.prepare('SELECT status, settled, kaspi_status FROM sales WHERE id = ?').get(id)).toEqual({
      status: 'cancelled',
      settled: 1,
      kaspi_status: '990000028',
    });
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM sales WHERE settled = 0').get()).toEqual({ n: 0 });
    expect(h.payments.current()).toBeNull();
  });

  it('one failed watch step (the disk full while applying a status) does not end the sale\'s watch: retried, the payment lands', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    // A real SQLite failure, once: the move to `scanned` cannot be written.
    h.db.exec(`CREATE TRIGGER disk_full BEFORE UPDATE OF status ON sales WHEN NEW.status = 'scanned'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    h.simulator.testHook('scan', sale.qrPaymentId!);
    await h.clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('qr_shown');
    h.db.exec('DROP TRIGGER disk_full');
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(30_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
    expect(countOrders(h.db, sale.id)).toBe(1);
  });

  it('a watch step that keeps failing is retried with a backoff, not in a tight loop, until it can go on', async () => {
    let reads = 0;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: (id) => ((reads += 1), demo.paymentStatus(id)),
      }),
    });
    const sale = await h.payments.charge(1000, null);
    h.db.exec(`CREATE TRIGGER disk_full BEFORE UPDATE ON sales WHEN NEW.status = 'scanned'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    h.simulator.testHook('scan', sale.qrPaymentId!);
    await h.clock.advance(60_000);
    expect(reads).toBeGreaterThanOrEqual(3); // still watched...
    expect(reads).toBeLessThanOrEqual(6); // ...after 5, 10, 20 s — not at every 1 s tick
    h.db.exec('DROP TRIGGER disk_full');
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(30_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });

  it('a cancel while qr/create is in flight keeps Kaspi\'s purchase id and watches it: a payment still lands', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = testHarness(t, {
      kaspi: (demo) => ({
        createQr: async (r) => {
          await gate;
          return demo.createQr(r);
        },
      }),
    });
    const charging = h.payments.charge(1000, null);
    await new Promise((r) => setImmediate(r));
    const id = h.payments.current()!.id;
    await h.payments.cancel(id);
    release();
    const sale = await charging;
    expect(sale.status).toBe('cancelled');
    expect(sale.qrPaymentId).toMatch(/^\d+$/);
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(1000);
    expect(h.payments.get(id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });
});

describe('the till\'s wall clock jumping while a sale is watched', () => {
  it('a forward jump while the buyer is in Wait neither expires nor settles the sale; the payment lands', async () => {
    const clock = new JumpingClock();
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    kaspiSays = 'Wait';
    await clock.advance(1000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    clock.jumpMs = 20 * 60_000;
    await clock.advance(5_000);
    expect(h.db.prepare('SELECT status, settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'scanned', settled: 0 });
    kaspiSays = 'Processed';
    await clock.advance(1000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });

  it('the deadline the screens count down to stays the time Kaspi\'s timer really ends, in the wall clock as it reads now', async () => {
    const clock = new JumpingClock();
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => 'QrTokenCreated') });
    const sale = await h.payments.charge(1000, null);
    const left = () => Date.parse(h.payments.get(sale.id).deadline!) - clock.now();
    expect(left()).toBe(180_000);
    await clock.advance(2_000);
    clock.jumpMs = 7 * 60_000; // the system clock corrected by 7 minutes
    expect(left()).toBe(178_000); // not 0: the QR is good for 178 s more
    clock.jumpMs = -60 * 60_000;
    expect(left()).toBe(178_000); // not an hour
    expect(h.payments.current()!.deadline).toBe(h.payments.get(sale.id).deadline);
  });

  it('a clock set back after a sale finished does not keep it on the customer display for as long as the jump', async () => {
    const clock = new JumpingClock();
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    kaspiSays = 'Processed';
    await clock.advance(1000);
    expect(h.payments.displayed()).toMatchObject({ id: sale.id, status: 'paid' });
    clock.jumpMs = -30 * 60_000;
    await clock.advance(1000);
    expect(h.payments.displayed()).toBeNull(); // not for 30 minutes
  });

  it.each([
    ['qr_shown', 'scan_timeout'],
    ['scanned', 'confirm_timeout'],
  ] as const)('the till slept through Kaspi\'s timer (the wall clock moved on, the monotonic one did not): %s ends as %s, not "the buyer cancelled"', async (before, code) => {
    const clock = new JumpingClock();
    let kaspiSays = before === 'scanned' ? 'Wait' : 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    await clock.advance(3000);
    expect(h.payments.get(sale.id).status).toBe(before);
    clock.jumpMs = 10 * 60_000; // 10 min asleep
    kaspiSays = 'Error'; // Kaspi's timer ran out meanwhile
    await clock.advance(1000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: code });
  });

  it('a sale Kaspi refused at qr/create leaves nothing timed behind (a long day offline must not grow the till)', async () => {
    h = testHarness(t, { kaspi: () => ({ createQr: async () => { throw new KaspiError('unavailable', null, 'offline'); } }) });
    for (let i = 0; i < 50; i++) await h.payments.charge(1000 + i, null).catch(() => undefined);
    expect((h.payments as unknown as { steady: { size: number } }).steady.size).toBe(0);
  });

  it('after a forward jump Kaspi\'s timers still run their real length: confirm timeout, then the bounded watch', async () => {
    const clock = new JumpingClock();
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    kaspiSays = 'Wait';
    await clock.advance(1000);
    clock.jumpMs = 20 * 60_000;
    await clock.advance(63_000);
    expect(h.payments.get(sale.id).status).toBe('scanned');
    await clock.advance(2_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'confirm_timeout' });
    const settled = () => (h.db.prepare('SELECT settled FROM sales WHERE id = ?').get(sale.id) as { settled: number }).settled;
    await clock.advance(9 * 60_000);
    expect(settled()).toBe(0); // 180 + 65 s + 10 min after the QR were shown have not passed yet
    await clock.advance(10 * 60_000);
    expect(settled()).toBe(1);
  });

  it('a clock that jumped while the till was off: after the restart the sale is watched Kaspi\'s timers long again before giving up', async () => {
    const clock = new JumpingClock();
    let kaspiSays = 'QrTokenCreated';
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    const sale = await h.payments.charge(1000, null);
    await h.payments.cancel(sale.id);
    kaspiSays = 'Wait'; // the buyer scans a QR photographed before the cancel
    await clock.advance(1000);
    h.close();
    clock.jumpMs = 30 * 60_000; // the till was off for a moment and came back with its clock corrected
    h = testHarness(t, { clock, kaspi: scriptedKaspi(() => kaspiSays) });
    h.payments.resume();
    await clock.advance(0);
    expect(h.db.prepare('SELECT status, settled FROM sales WHERE id = ?').get(sale.id)).toEqual({ status: 'cancelled', settled: 0 });
    await clock.advance(60_000);
    kaspiSays = 'Processed'; // the buyer confirms within Kaspi's 65 s
    await clock.advance(30_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', orderNumber: '000001' });
  });
});
