// Kaspi as its document describes it, not as kindly as the simulator: real KaspiClient + PaymentService
// on real SQLite against a local HTTP server, on a hand-moved clock. A cancel asks Kaspi once more (a
// buyer who scanned since the last read is confirming); a token that died unscanned is the buyer's
// timeout even when the read at the deadline failed (Kaspi need never say Error for it); the scan
// countdown starts when Kassa asked Kaspi for the QR, not when the answer came.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';
import { CREATED, livePayments, startFakeKaspi, statusAnswer, type FakeKaspi, type LivePayments } from './fake-kaspi.js';

let kaspi: FakeKaspi | null = null;
let live: LivePayments | null = null;
let cleanup = () => {};
afterEach(async () => {
  live?.close();
  await kaspi?.close();
  cleanup();
  kaspi = live = null;
});

function open(answer: Parameters<typeof startFakeKaspi>[0]) {
  return startFakeKaspi(answer).then((fake) => {
    kaspi = fake;
    const dir = tempDir();
    cleanup = dir.cleanup;
    live = livePayments(dir.dir, fake.url);
    return live;
  });
}

it('Esc a few seconds after the buyer scanned, before the next status read: refused, the buyer is confirming', async () => {
  let createdAt = 0;
  const l = await open((req) => {
    if (req.url!.endsWith('/qr/create')) {
      createdAt = l.clock.now();
      return { body: CREATED() };
    }
    return statusAnswer({ Status: l.clock.now() - createdAt < 1_000 ? 'QrTokenCreated' : 'Wait' }); // scanned at +1 s
  });
  const sale = await l.payments.charge(450_000, null);
  await l.step(4_000); // the first read is due at +5 s
  expect(l.row(sale.id).status).toBe('qr_shown');
  await expect(l.payments.cancel(sale.id)).rejects.toMatchObject({ code: 'buyer_confirming' });
  expect(l.row(sale.id).status).toBe('scanned');
  await expect(l.payments.charge(450_000, null)).rejects.toMatchObject({ code: 'sale_in_progress' });
});

it('Esc while Kaspi does not answer the extra read: the cancel goes on (after a brief wait)', async () => {
  const l = await open((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : { status: 503, body: '<html>busy</html>' }));
  const sale = await l.payments.charge(450_000, null);
  await l.step(2_000);
  expect(await l.payments.cancel(sale.id)).toMatchObject({ status: 'cancelled' });
});

it('Esc when Kaspi has just paid it: the answer is the payment, not a cancel', async () => {
  let paid = false;
  const l = await open((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : statusAnswer(paid ? { Status: 'Processed', TransactionId: '777' } : { Status: 'QrTokenCreated' })));
  const sale = await l.payments.charge(450_000, null);
  await l.step(2_000);
  paid = true;
  expect(await l.payments.cancel(sale.id)).toMatchObject({ status: 'paid' });
});

it('the read at the scan deadline fails, the next still says QrTokenCreated: the buyer did not scan (charge again), not "unknown"', async () => {
  let start = 0;
  const l = await open((req) => {
    if (req.url!.endsWith('/qr/create')) return { body: CREATED() };
    const since = l.clock.now() - start;
    if (since >= 178_000 && since <= 182_000) return { status: 503, body: '<html>503</html>' }; // one blip at the deadline
    return statusAnswer({ Status: 'QrTokenCreated' }); // Kaspi never says Error for a token nobody scanned
  });
  start = l.clock.now();
  const sale = await l.payments.charge(1000, null);
  await l.step(180_000);
  expect(l.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'kaspi_no_answer' });
  await l.step(5_000);
  expect(l.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'scan_timeout' });
  expect(l.payments.get(sale.id).errorCode).toBe('scan_timeout');
});

it('a qr/create answered 20 s late: the countdown shown counts from the asking; "did not scan" waits for the answer plus 180 s, when Kaspi\'s timer is surely over', async () => {
  const l = await open((req) => {
    if (req.url!.endsWith('/qr/create')) {
      (l.clock as unknown as { t: number }).t += 20_000; // Kaspi's answer took 20 s
      return { body: CREATED() };
    }
    return statusAnswer({ Status: 'QrTokenCreated' });
  });
  const asked = l.clock.now();
  const sale = await l.payments.charge(1000, null);
  expect(Date.parse(sale.deadline!)).toBe(asked + 180_000);
  await l.step(165_000); // 185 s after the asking: Kaspi may have started its 180 s as late as the answer
  expect(l.row(sale.id)).toMatchObject({ status: 'qr_shown' });
  await l.step(20_000); // 205 s after the asking, 185 s after the answer
  expect(l.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'scan_timeout' });
});

it('the 20 s of a slow qr/create spent before it reached Kaspi: a buyer who scans within Kaspi\'s 180 s pays this sale — never "did not scan" first, inviting a second charge', async () => {
  let createdAt = 0;
  let scannedAt = 0;
  const l = await open((req) => {
    if (req.url!.endsWith('/qr/create')) {
      (l.clock as unknown as { t: number }).t += 20_000; // 20 s to reach Kaspi, which creates the purchase on arrival
      createdAt = l.clock.now();
      return { body: CREATED() };
    }
    const now = l.clock.now();
    if (scannedAt) return statusAnswer({ Status: now - scannedAt > 3_000 ? 'Processed' : 'Wait', TransactionId: '1' });
    return statusAnswer({ Status: now - createdAt < 180_000 ? 'QrTokenCreated' : 'Error' });
  });
  const sale = await l.payments.charge(450_000, null);
  await l.step(165_000); // Kaspi: 165 s of its 180 s gone
  expect(l.row(sale.id)).toMatchObject({ status: 'qr_shown', error_code: null });
  scannedAt = createdAt + 170_000;
  (l.clock as unknown as { t: number }).t = scannedAt;
  await l.step(10_000);
  expect(l.row(sale.id)).toMatchObject({ status: 'paid', paid_late: null });
});

/** A Kaspi whose status answers are held `delay(n)` ms (n: the status read's number, from 1). */
async function slowKaspi(status: () => Record<string, unknown>, delay: (n: number) => number): Promise<{ url: string; reads: () => number }> {
  let reads = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = (body: unknown) => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url!.endsWith('/qr/create')) return answer(CREATED());
      const n = ++reads;
      const data = status(); // what Kaspi knows when the request reaches it
      setTimeout(() => answer({ StatusCode: 0, Message: 'OK', Data: data }), delay(n));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reads: () => reads };
}
let closeServer = async () => {};
afterEach(async () => {
  await closeServer();
  closeServer = async () => {};
});

function liveOn(url: string): LivePayments {
  const dir = tempDir();
  cleanup = dir.cleanup;
  return (live = livePayments(dir.dir, url, { client: { timeoutMs: 20_000 } }));
}

it("a cancel's read answered after a poll heard 'Processed' does not reopen the paid sale", async () => {
  let paid = false;
  const kaspi = await slowKaspi(() => (paid ? { Status: 'Processed', TransactionId: '777' } : { Status: 'Wait' }), (n) => (n === 1 ? 1_500 : 0));
  const l = liveOn(kaspi.url);
  const sale = await l.payments.charge(450_000, null);
  await l.step(4_000);
  const cancel = l.payments.cancel(sale.id).catch((error: unknown) => error); // Kaspi's "Wait" is on its way back
  await new Promise((resolve) => setTimeout(resolve, 200));
  paid = true;
  await l.clock.advance(1_000); // the poll reads "Processed"
  await waitFor(() => l.row(sale.id).status === 'paid');
  await cancel;
  expect(l.row(sale.id)).toMatchObject({ status: 'paid', settled: 1, kaspi_status: 'Processed' });
  expect(l.repo.hasUnsettledLive()).toBe(false);
});

it('a cancel while Kaspi is slow but answering: the cancel goes on, and Kaspi is not said to be gone', async () => {
  const kaspi = await slowKaspi(() => ({ Status: 'QrTokenCreated' }), () => 3_500);
  const l = liveOn(kaspi.url);
  const sale = await l.payments.charge(450_000, null);
  expect(await l.payments.cancel(sale.id)).toMatchObject({ status: 'cancelled' });
  expect(l.payments.connectionState().online).toBe(true);
});

it('Esc pressed five times while the first cancel asks Kaspi: one read, one answer for all', async () => {
  const kaspi = await slowKaspi(() => ({ Status: 'QrTokenCreated' }), () => 500);
  const l = liveOn(kaspi.url);
  const sale = await l.payments.charge(450_000, null);
  const answers = await Promise.all(Array.from({ length: 5 }, () => l.payments.cancel(sale.id)));
  expect(answers.map((a) => a.status)).toEqual(Array(5).fill('cancelled'));
  expect(kaspi.reads()).toBe(1);
});

it('a status Kassa cannot read (not one of the four documented) until past both timers is no verdict: "Kaspi did not answer", then "never said" — not "the customer did not confirm"', async () => {
  let says = 'QrTokenCreated';
  const l = await open((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED() } : statusAnswer({ Status: says })));
  const sale = await l.payments.charge(1000, null);
  says = 'Wait';
  await l.step(5_000);
  expect(l.row(sale.id).status).toBe('scanned');
  says = 'Completed'; // Kassa cannot tell paid from unpaid by it
  for (let i = 0; i < 16; i++) await l.step(5_000);
  expect(l.row(sale.id)).toMatchObject({ status: 'expired', error_code: 'kaspi_no_answer' });
  for (let i = 0; i < 30; i++) await l.step(30_000);
  expect(l.row(sale.id)).toMatchObject({ settled: 1, error_code: 'kaspi_no_final' });
});

it('qr/create answered with a purchase id another sale has (a simulator started anew): failed as that, its QR never shown — not "Kaspi did not answer"', async () => {
  const l = await open((req) => (req.url!.endsWith('/qr/create') ? { body: CREATED(13000000101) } : statusAnswer({ Status: 'QrTokenCreated' })));
  const first = await l.payments.charge(1000, null);
  expect(first.status).toBe('qr_shown');
  await l.payments.cancel(first.id).catch(() => undefined);
  const second = await l.payments.charge(2000, null);
  expect(second).toMatchObject({ status: 'failed', errorCode: 'kaspi_id_reused', qrToken: null });
});
