// A refund QR's deadline, as the screens get it, is the time Kaspi's timer really ends in the wall
// clock as it reads now: a clock corrected while the buyer looks at it moves neither.
import { beforeEach, expect, it } from 'vitest';
import type { RefundService } from '../../../main/services/refunds/refund-service.js';
import { testHarness, type Harness } from '../../helpers/payments-harness.js';
import { perTest } from '../../helpers/per-test.js';
import { JumpingClock } from '../kaspi/jumping-clock.js';
import { lostReturnKaspi, paidDemoSale, refundService } from './lost-return.js';

const t = perTest();
let h: Harness;
let refunds: RefundService;
let clock: JumpingClock;
beforeEach(() => {
  clock = new JumpingClock();
  h = testHarness(t, { clock });
  // an r2 Kaspi: the refund QR is made and waits for its buyer
  const qr = { qrToken: 'RETURN-TOKEN', qrReturnId: '77', expireDate: '2099-01-01T00:00:00+05:00', pollIntervalS: 5, scanTimeoutS: 180 };
  refunds = t.closing(refundService(h, { ...lostReturnKaspi(h).port, refundMethod: 'qr', returnCreate: async () => qr, returnStatus: async () => 'QrTokenCreated' }));
});

it('a refund QR counts down to when Kaspi really lets it go, whatever the wall clock did', async () => {
  const sale = await paidDemoSale(h, 10_000);
  const started = await refunds.start(sale.id, 5_000);
  expect(started, JSON.stringify(started)).toMatchObject({ status: 'qr_shown' });
  const left = () => Date.parse(refunds.list(sale.id)[0]!.deadline!) - clock.now();
  const full = left();
  expect(full).toBe(180_000);
  await clock.advance(2_000);
  clock.jumpMs = 7 * 60_000;
  expect(left()).toBe(full - 2_000);
  clock.jumpMs = -60 * 60_000;
  expect(left()).toBe(full - 2_000);
});
