// Status reads against Kaspi's timers, on a manual clock: never closer together than Kaspi's
// StatusPollingInterval (Kaspi enforces the gap), a deadline applied at the first read at or after
// it, and Kaspi's own timeout — which starts before we hear of the scan — named as the timeout it is.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { livePayments, startFakeKaspi, statusAnswer, type FakeKaspi, type LivePayments } from './fake-kaspi.js';

let kaspi: FakeKaspi | null = null;
let live: LivePayments | null = null;
let cleanup = () => {};
afterEach(async () => {
  live?.close();
  await kaspi?.close();
  cleanup();
  live = null;
  kaspi = null;
});

const created = (pollS: number) => ({
  body: {
    StatusCode: 0,
    Message: 'OK',
    Data: {
      QrToken: '73920461857302946185730294618573029461857',
      ExpireDate: '2026-11-27T12:03:00+05:00',
      QrPaymentId: 13000000101,
      PaymentMethods: ['Gold'],
      QrPaymentBehaviorOptions: { StatusPollingInterval: pollS, QrCodeScanWaitTimeout: 180, PaymentConfirmationTimeout: 65 },
    },
  },
});

/** A fake Kaspi whose status answer depends on the (manual) time since the sale began; the read times. */
async function kaspiAnswering(pollS: number, status: (sinceStartMs: number) => string): Promise<{ reads: number[]; start: () => number }> {
  const reads: number[] = [];
  let start = 0;
  kaspi = await startFakeKaspi((req) => {
    if (req.url!.endsWith('/qr/create')) return created(pollS);
    const since = live!.clock.now() - start;
    reads.push(since);
    return statusAnswer({ Status: status(since) });
  });
  const dir = tempDir();
  cleanup = dir.cleanup;
  live = livePayments(dir.dir, kaspi.url);
  start = live.clock.now();
  return { reads, start: () => start };
}

describe('status reads and Kaspi\'s timers', () => {
  it('an interval of 7 s: no two reads closer than 7 s, and the scan timeout applied at the first read past 180 s', async () => {
    const { reads } = await kaspiAnswering(7, () => 'QrTokenCreated');
    const sale = await live!.payments.charge(1000, null);
    for (let t = 0; t < 200_000; t += 1_000) await live!.step(1_000);
    const gaps = reads.slice(1).map((at, i) => at - reads[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(7_000);
    expect(live!.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'scan_timeout' });
  });

  it('Kaspi cancels an unconfirmed payment a few seconds before our confirm deadline: confirm_timeout, not "the buyer refused"', async () => {
    // The buyer scans at 21 s; we start our 65 s at the read that shows Wait (25 s): deadline 90 s.
    // Kaspi's timer started at the scan, by its own clock a little earlier still: it cancels at 83 s,
    // and its Error is read at 85 s, before our deadline.
    await kaspiAnswering(5, (since) => (since < 21_000 ? 'QrTokenCreated' : since < 83_000 ? 'Wait' : 'Error'));
    const sale = await live!.payments.charge(1000, null);
    for (let t = 0; t < 100_000; t += 1_000) await live!.step(1_000);
    expect(live!.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'confirm_timeout' });
  });

  it('a buyer who refuses early is no timeout', async () => {
    await kaspiAnswering(5, (since) => (since < 21_000 ? 'QrTokenCreated' : since < 40_000 ? 'Wait' : 'Error'));
    const sale = await live!.payments.charge(1000, null);
    for (let t = 0; t < 60_000; t += 1_000) await live!.step(1_000);
    expect(live!.row(sale.id)).toMatchObject({ status: 'failed', error_code: 'kaspi_payment_error' });
  });
});
