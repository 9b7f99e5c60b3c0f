// What a sale shows and keeps once it is over: no QR or pay link to scan, no timer, the error of a
// passing outage gone once Kaspi says paid; a refused create is settled
// (nothing left to watch); the customer display lets a finished sale go; no sale while a refund QR shows.
import { describe, expect, it } from 'vitest';
import { KaspiError } from '../../main/services/kaspi/kaspi-port.js';
import { DISPLAY_LINGER_MS } from '../../main/services/payments/payment-service.js';
import { testHarness, type Harness } from '../helpers/payments-harness.js';
import { perTest } from '../helpers/per-test.js';

const t = perTest();
let h: Harness;

const settled = (harness: Harness, id: string) => (harness.db.prepare('SELECT settled FROM sales WHERE id = ?').get(id) as { settled: number }).settled;

describe('a sale once it is over', () => {
  it('cancelled or expired: no QR, no pay link and no timer left to show', async () => {
    h = testHarness(t);
    const qr = await h.payments.charge(1000, null);
    expect(qr.qrToken).not.toBeNull();
    expect(qr.deadline).not.toBeNull();
    expect(await h.payments.cancel(qr.id)).toMatchObject({ status: 'cancelled', qrToken: null, deadline: null });

    const link = await h.payments.charge(2000, null, 'link');
    expect(link.payLink).not.toBeNull();
    expect(await h.payments.cancel(link.id)).toMatchObject({ status: 'cancelled', payLink: null, deadline: null });

    const expiring = await h.payments.charge(3000, null);
    await h.clock.advance(181_000);
    expect(h.payments.get(expiring.id)).toMatchObject({ status: 'expired', qrToken: null, deadline: null });
  });

  it('paid after Kaspi could not be heard: the outage\'s error is gone', async () => {
    let up = true;
    h = testHarness(t, {
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (!up) throw new KaspiError('unavailable', null, 'offline');
          return demo.paymentStatus(id);
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    up = false;
    h.simulator.testHook('scan', sale.qrPaymentId!);
    h.simulator.testHook('confirm', sale.qrPaymentId!);
    await h.clock.advance(200_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'expired', errorCode: 'kaspi_no_answer' });
    up = true;
    await h.clock.advance(60_000);
    expect(h.payments.get(sale.id)).toMatchObject({ status: 'paid', errorCode: null });
  });

  it('a create Kaspi refused is settled at once: nothing is left to watch', async () => {
    let reads = 0;
    h = testHarness(t, {
      kaspi: () => ({
        createQr: async () => {
          throw new KaspiError('rejected', 990000028, 'wrong amount');
        },
        paymentStatus: async () => {
          reads += 1;
          return { status: 'QrTokenCreated' };
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    expect(sale).toMatchObject({ status: 'failed', errorCode: 'kaspi_rejected' });
    expect(settled(h, sale.id)).toBe(1);
    await h.clock.advance(30 * 60_000);
    expect(reads).toBe(0);
    expect(h.clock.pending()).toBe(0);
  });

  it('the customer display lets a finished sale go after a short while', async () => {
    h = testHarness(t);
    const sale = await h.payments.charge(1000, null);
    await h.payments.demoAction(sale.id, 'scan');
    await h.payments.demoAction(sale.id, 'confirm');
    await h.clock.advance(1_000);
    expect(h.payments.displayed()).toMatchObject({ id: sale.id, status: 'paid' });
    await h.clock.advance(DISPLAY_LINGER_MS + 1_000);
    expect(h.payments.displayed()).toBeNull();
  });

  it('no new sale while a refund QR is on the customer display', async () => {
    let refundQr = true;
    h = testHarness(t, { refundQrShowing: () => refundQr });
    await expect(h.payments.charge(1000, null)).rejects.toMatchObject({ code: 'refund_qr_showing' });
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 });
    refundQr = false;
    expect((await h.payments.charge(1000, null)).status).toBe('qr_shown');
  });
});
