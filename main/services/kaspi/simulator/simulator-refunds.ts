// Refund rules (KASPI_QR_API.md §5.8–5.10): details with AvailableReturnAmount = Total − refunded,
// payment/return with partial refunds allowed until the total is used up, and the buyer-scoped list
// of purchases behind an r2 refund QR. Whether Kaspi changes a purchase's status after a refund is
// unknown: the purchase stays `Processed`.
import { toAlmatyIso } from '../../../../shared/almaty-time.js';
import { parseSaleAmount, type KaspiSimulator } from './kaspi-simulator.js';
import type { SimPurchase } from './purchase-store.js';
import { int64, tenge } from './sim-json.js';
import { CODES, fail, ok, type Envelope } from './simulator-codes.js';

const FIRST_OPERATION_ID = 15_000_000_000;

export const availableTiyn = (p: SimPurchase): number => (p.status === 'Processed' ? p.amountTiyn - p.refundedTiyn : 0);

const transactionDate = (p: SimPurchase): string => toAlmatyIso(p.finishedAt ?? p.createdAt, true);

export class RefundDesk {
  private lastOperation = FIRST_OPERATION_ID;

  constructor(private readonly core: KaspiSimulator) {}

  /** GET payment/details. */
  details(purchase: SimPurchase): Envelope {
    return ok({
      QrPaymentId: int64(purchase.qrPaymentId),
      TotalAmount: tenge(purchase.amountTiyn),
      AvailableReturnAmount: tenge(availableTiyn(purchase)),
      TransactionDate: transactionDate(purchase),
    });
  }

  /** POST payment/return, after the caller checked the device and (r2) the buyer's refund QR. */
  refund(purchase: SimPurchase, deviceTradePointId: string, amount: unknown): Envelope {
    if (purchase.tradePointId !== deviceTradePointId) return fail(CODES.tradePointMismatch);
    if (purchase.status !== 'Processed') return fail(CODES.refundWrongStatus);
    const amountTiyn = parseSaleAmount(amount);
    if (amountTiyn === null) return fail(CODES.wrongAmount);
    if (amountTiyn > availableTiyn(purchase)) return fail(CODES.refundTooMuch);
    this.lastOperation += 1;
    const returnOperationId = String(this.lastOperation);
    purchase.refundedTiyn += amountTiyn;
    purchase.refunds = [...(purchase.refunds ?? []), { returnOperationId, amountTiyn, at: this.core.now() }];
    this.core.save(purchase);
    return ok({ ReturnOperationId: int64(returnOperationId) });
  }

  /** POST return/operations: the buyer's last processed purchases at this trade point, newest first. */
  operations(buyerId: string, tradePointId: string, maxResult: number | undefined): Envelope {
    const limit = maxResult === undefined || maxResult < 1 ? 10 : Math.min(maxResult, 10);
    const rows = this.core
      .purchases()
      .filter((p) => p.buyerId === buyerId && p.tradePointId === tradePointId && p.status === 'Processed')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || Number(b.qrPaymentId) - Number(a.qrPaymentId))
      .slice(0, limit)
      .map((p) => ({ QrPaymentId: int64(p.qrPaymentId), TransactionDate: transactionDate(p), Amount: tenge(p.amountTiyn) }));
    return ok(rows);
  }
}
