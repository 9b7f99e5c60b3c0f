// A refund service over the payments harness (real SQLite, the in-process simulator) whose Kaspi
// loses payment/return answers on demand: the request is kept, so a test decides whether and when
// Kaspi applies it — the "answer lost, applied late" case no API lets Kassa tell apart.
import { expect } from 'vitest';
import { EventBus } from '../../../main/services/event-bus.js';
import { DemoKaspi } from '../../../main/services/kaspi/demo-kaspi.js';
import { KaspiError, type KaspiRefundPort, type PaymentDetails } from '../../../main/services/kaspi/kaspi-port.js';
import { silentLogger, type Logger } from '../../../main/services/logger.js';
import { RefundService, type RefundServiceOptions } from '../../../main/services/refunds/refund-service.js';
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { SalesRepo } from '../../../main/store/sales-repo.js';
import type { SaleView } from '../../../shared/domain.js';
import type { Harness } from '../../helpers/payments-harness.js';

export interface LostReturnKaspi {
  port: KaspiRefundPort;
  /** The next payment/return reaches Kaspi's door but neither is applied nor answered. */
  loseNext(): void;
  /** Kaspi applies the lost payment/return now. */
  applyLost(): Promise<void>;
  /** The next payment/details call waits until the returned function is called (a till killed mid-call). */
  holdDetails(): () => void;
  /** payment/return calls that reached Kaspi. */
  sent: number;
}

export function lostReturnKaspi(h: Harness): LostReturnKaspi {
  const demo = new DemoKaspi(h.simulator);
  let lose = false;
  let lost: (() => Promise<unknown>) | null = null;
  let hold: Promise<void> | null = null;
  const kaspi: LostReturnKaspi = {
    sent: 0,
    port: {
      refundMethod: 'api',
      paymentDetails: async (id): Promise<PaymentDetails> => {
        if (hold) await hold;
        return demo.paymentDetails(id);
      },
      returnCreate: () => demo.returnCreate(),
      returnStatus: () => demo.returnStatus(),
      returnOperations: () => demo.returnOperations(),
      paymentReturn: async (r) => {
        kaspi.sent += 1;
        if (!lose) return demo.paymentReturn(r);
        lose = false;
        lost = () => demo.paymentReturn(r);
        throw new KaspiError('unknown_outcome', null, 'timeout after send');
      },
    },
    loseNext: () => void (lose = true),
    applyLost: async () => {
      if (!lost) throw new Error('no lost payment/return');
      await lost();
      lost = null;
    },
    holdDetails: () => {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
  return kaspi;
}

/** `extra`: a logger, a bus or an onChange hook of the test's own (the till's are built the same way). */
export function refundService(h: Harness, port: KaspiRefundPort, extra: Partial<RefundServiceOptions> = {}): RefundService {
  return new RefundService({
    refunds: new RefundsRepo(h.db),
    sales: new SalesRepo(h.db),
    port: () => port,
    bus: new EventBus(),
    scheduler: h.clock,
    log: silentLogger,
    ...extra,
  });
}

/** A logger that keeps what it was told, for tests that check an error reached the log. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: object) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export async function paidDemoSale(h: Harness, amountTiyn: number): Promise<SaleView> {
  const sale = await h.payments.charge(amountTiyn, null);
  await h.payments.demoAction(sale.id, 'scan');
  await h.clock.advance(1000);
  await h.payments.demoAction(sale.id, 'confirm');
  await h.clock.advance(1000);
  return h.payments.get(sale.id);
}

/**
 * A 30 ₸ refund of a paid 100 ₸ demo sale whose payment/return answer is lost, left unconfirmed once
 * its check window has passed (the manager's verdict is what ends it).
 */
export async function unconfirmedRefund(h: Harness, kaspi: LostReturnKaspi, refunds: RefundService): Promise<{ sale: SaleView; id: string }> {
  const sale = await paidDemoSale(h, 10000);
  kaspi.loseNext();
  const { id } = await refunds.start(sale.id, 3000);
  await h.clock.advance(130_000);
  expect(new RefundsRepo(h.db).require(id)).toMatchObject({ status: 'unknown', error_code: 'refund_unconfirmed' });
  return { sale, id };
}
