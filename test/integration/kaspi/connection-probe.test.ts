// The red "no connection to Kaspi" line goes once Kaspi answers again, also when nothing else asks it:
// a create that timed out, a sale given up. health/ping is asked while Kaspi is not heard and no sale
// reads it — never beside reads that already tell. The line is the live Kaspi's: a demo sale beside a
// live one Kaspi cannot answer does not flip it. Real SQLite, the in-process simulator (standing in for
// the live Kaspi), a manual clock.
import { describe, expect, it } from 'vitest';
import { KaspiError } from '../../../main/services/kaspi/kaspi-port.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';

const t = perTest();
let h: Harness;

describe('Kaspi not heard, nothing else asking', () => {
  it('a create that timed out turns the line red; a ping Kaspi answers 20 s later turns it back', async () => {
    const pings = { n: 0 };
    let createTimesOut = true;
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: (demo) => ({
        createQr: async (r) => {
          if (createTimesOut) throw new KaspiError('unknown_outcome', null, 'timeout');
          return demo.createQr(r);
        },
        ping: async () => {
          pings.n += 1;
        },
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'unknown', errorCode: 'create_unknown' });
    expect(h.payments.connectionState().online).toBe(false);
    await h.clock.advance(19_000);
    expect(pings.n).toBe(0);
    await h.clock.advance(1_000);
    expect(pings.n).toBe(1);
    expect(h.payments.connectionState().online).toBe(true);
    // heard: no more pings
    await h.clock.advance(120_000);
    expect(pings.n).toBe(1);
    createTimesOut = false;
  });

  it("a TLS handshake that fails once is the network's doing until it fails again; a refusal the line says gives way to 'no connection' when the network goes", async () => {
    let ping: 'tls' | 'network' | 'ok' = 'tls';
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: () => ({
        createQr: async () => {
          throw new KaspiError('unavailable', null, 'tls');
        },
        ping: async () => {
          if (ping !== 'ok') throw new KaspiError('unavailable', null, ping);
        },
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'failed', errorCode: 'kaspi_tls' });
    expect(h.payments.connectionState()).toMatchObject({ online: false, refused: false }); // once: maybe a dropped connection
    await h.clock.advance(20_000); // the ping's handshake fails too: Kaspi refuses this till
    expect(h.payments.connectionState()).toMatchObject({ online: false, refused: true });
    ping = 'network'; // then the network goes: waiting may mend that
    await h.clock.advance(20_000);
    expect(h.payments.connectionState()).toMatchObject({ online: false, refused: false });
    ping = 'ok';
    await h.clock.advance(20_000);
    expect(h.payments.connectionState()).toMatchObject({ online: true, refused: false });
  });

  it('a ping that fails keeps the line red and is asked again; the first answer turns it back', async () => {
    let pingsRefused = 3;
    const pings = { n: 0 };
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: () => ({
        createQr: async () => {
          throw new KaspiError('unavailable', null, 'network');
        },
        ping: async () => {
          pings.n += 1;
          if (pingsRefused-- > 0) throw new KaspiError('unavailable', null, 'network');
        },
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'failed' });
    const since = h.payments.connectionState().since;
    expect(h.payments.connectionState().online).toBe(false);
    await h.clock.advance(60_000);
    expect(pings.n).toBe(3);
    expect(h.payments.connectionState()).toEqual({ online: false, since, refused: false }); // still red, from when it went
    await h.clock.advance(20_000);
    expect(pings.n).toBe(4);
    expect(h.payments.connectionState().online).toBe(true);
  });

  it('no ping beside status reads that fail: they tell by themselves, and the first read answered turns the line back', async () => {
    let reads = 0;
    let readsFail = true;
    const pings = { n: 0 };
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          reads += 1;
          if (readsFail) throw new KaspiError('unavailable', null, 'network');
          return demo.paymentStatus(id);
        },
        ping: async () => {
          pings.n += 1;
        },
      }),
    });
    expect(await h.payments.charge(1000, null)).toMatchObject({ status: 'qr_shown' });
    await h.clock.advance(90_000);
    expect(reads).toBeGreaterThan(30);
    expect(h.payments.connectionState().online).toBe(false);
    expect(pings.n).toBe(0);
    readsFail = false;
    await h.clock.advance(2_000);
    expect(h.payments.connectionState().online).toBe(true);
    expect(pings.n).toBe(0);
  });

  it('a cancelled sale Kaspi never answers for is still read: no ping beside its reads, the line stays red', async () => {
    const pings = { n: 0 };
    let reads = 0;
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: () => ({
        paymentStatus: async () => {
          reads += 1;
          throw new KaspiError('unknown_outcome', null, 'timeout');
        },
        ping: async () => {
          pings.n += 1;
        },
      }),
    });
    const sale = await h.payments.charge(1000, null);
    await h.payments.cancel(sale.id);
    // Reads go on (Kaspi's word wins) at a slower pace after the timers, and never stop while none answers.
    await h.clock.advance(30 * 60_000);
    expect(reads).toBeGreaterThan(0);
    expect(pings.n).toBe(0);
    expect(h.payments.connectionState().online).toBe(false);
  });

  it('a demo sale beside a live sale Kaspi cannot answer: the line stays red, from when it went, without blinking', async () => {
    let mode: 'live' | 'demo' = 'live';
    let liveId = '';
    h = testHarness(t, {
      mode: () => mode,
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (id === liveId) throw new KaspiError('unavailable', null, 'network');
          return demo.paymentStatus(id);
        },
      }),
    });
    const live = await h.payments.charge(1000, null);
    liveId = live.qrPaymentId!;
    await h.clock.advance(2_000);
    const red = h.payments.connectionState();
    expect(red.online).toBe(false);
    await h.payments.cancel(live.id); // still watched: Kaspi's word wins
    mode = 'demo';
    expect(await h.payments.charge(2000, null)).toMatchObject({ status: 'qr_shown', mode: 'demo' });
    for (let second = 0; second < 30; second++) {
      await h.clock.advance(1_000);
      expect(h.payments.connectionState()).toEqual(red);
    }
  });

  it('status reads refused for the till\'s key (-10000, HTTP 401): said as such, from when Kaspi stopped being heard', async () => {
    let failure: KaspiError | null = new KaspiError('unavailable', null, 'network');
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: (demo) => ({
        paymentStatus: async (id) => {
          if (failure) throw failure;
          return demo.paymentStatus(id);
        },
      }),
    });
    await h.payments.charge(1000, null);
    await h.clock.advance(2_000);
    const { since } = h.payments.connectionState();
    expect(h.payments.connectionState()).toEqual({ online: false, since, refused: false });
    failure = new KaspiError('rejected', -10000, 'Неверный Api-Key');
    await h.clock.advance(2_000);
    expect(h.payments.connectionState()).toEqual({ online: false, since, refused: true });
    failure = new KaspiError('rejected', null, 'http_401');
    await h.clock.advance(2_000);
    expect(h.payments.connectionState()).toEqual({ online: false, since, refused: true });
    failure = null;
    await h.clock.advance(2_000);
    expect(h.payments.connectionState()).toMatchObject({ online: true, refused: false });
  });

  it('Kaspi answering "purchase not found" (-1601) after an outage is Kaspi heard: the line goes', async () => {
    let outage = true;
    h = testHarness(t, {
      mode: () => 'live',
      kaspi: () => ({
        paymentStatus: async () => {
          if (outage) throw new KaspiError('unavailable', null, 'network');
          throw new KaspiError('rejected', -1601, 'purchase not found');
        },
      }),
    });
    await h.payments.charge(1000, null);
    await h.clock.advance(3_000);
    expect(h.payments.connectionState().online).toBe(false);
    outage = false;
    await h.clock.advance(2_000);
    expect(h.payments.connectionState().online).toBe(true);
  });
  it('a probe round whose read of the sales the database refuses is tried again 20 s later: no unhandled failure, the line goes', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.prependListener('unhandledRejection', onRejection);
    try {
      const pings = { n: 0 };
      h = testHarness(t, {
        mode: () => 'live',
        kaspi: () => ({
          createQr: async () => {
            throw new KaspiError('unknown_outcome', null, 'timeout');
          },
          ping: async () => {
            pings.n += 1;
          },
        }),
      });
      await h.payments.charge(1000, null);
      expect(h.payments.connectionState().online).toBe(false);
      h.db.exec('ALTER TABLE sales RENAME TO sales_away'); // any read of the sales fails for a while
      await h.clock.advance(20_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      h.db.exec('ALTER TABLE sales_away RENAME TO sales');
      expect(pings.n).toBe(0);
      expect(h.payments.connectionState().online).toBe(false);
      await h.clock.advance(20_000);
      expect(pings.n).toBe(1);
      expect(h.payments.connectionState().online).toBe(true);
      expect(rejections).toEqual([]);
    } finally {
      process.removeListener('unhandledRejection', onRejection);
    }
  });
});
