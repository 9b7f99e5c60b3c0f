// A refund QR whose QrCodeScanEventPollingInterval is absurd (an hour): its first read, like every
// later one, comes within the 30 s cap, so its scan deadline still ends it and frees the display.
import { describe, expect, it } from 'vitest';
import { cashier } from '../../helpers/live-core.js';
import { waitFor } from '../../helpers/wait-for.js';
import { liveRefundEnv, paidLiveSale, refundsOf } from './live-refund-core.js';

const t = liveRefundEnv('r2', 3600);

describe('live r2: a refund QR announced with a one-hour polling interval', () => {
  it('is read within 30 s and ends at its scan deadline; the till can charge again', async () => {
    const sale = await paidLiveSale(t.core, t.sim, t.clock, 500_000, 'buyer-a');
    const started = await cashier(t.core, 'refunds.start', { saleId: sale.id, amountTiyn: 50_000 });
    expect(started).toMatchObject({ status: 'qr_shown' });
    const ended = await waitFor(async () => {
      await t.clock.advance(10_000);
      const refund = (await refundsOf(t.core, sale.id)).find((r) => r.id === started.id)!;
      return refund.status !== 'qr_shown' && refund;
    });
    expect(ended).toMatchObject({ status: 'failed', errorCode: 'refund_scan_timeout' });
    expect(Date.parse(ended.finishedAt!) - Date.parse(started.createdAt)).toBeLessThan(240_000);
    expect((await cashier(t.core, 'payments.charge', { amountTiyn: 1000 })).status).toBe('qr_shown');
  });
});
