// What the History tab reads: the sales of an Almaty day (or of all days), newest first, a page at a
// time; and that day's takings in the till's current mode — paid sales and the refunds sent that day that Kaspi confirmed.
import { MAX_DAY_REFUNDS, type DaySummary, type Mode, type SaleView } from '../../../shared/domain.js';
import { formatOrderNumber } from '../../../shared/sale-label.js';
import { toAlmatyIso } from '../../../shared/almaty-time.js';
import type { RefundsRepo } from '../../store/refunds-repo.js';
import type { SalesRepo } from '../../store/sales-repo.js';
import { AppError } from '../app-error.js';
import { isYmd, utcBoundsOfDays } from '../reconcile/almaty-days.js';
import { toSaleView } from './sale-view.js';

export interface SalesHistoryOptions {
  sales: SalesRepo;
  refunds: RefundsRepo;
  /** Epoch ms: which day "today" is. */
  now: () => number;
  mode: () => Mode;
}

export const HISTORY_PAGE = 100;

export class SalesHistory {
  constructor(private readonly o: SalesHistoryOptions) {}

  /** `limit` sales before `beforeId` (of `day` when given); `more` when older ones follow. */
  page(request: { limit?: number; beforeId?: string; day?: string }): { sales: SaleView[]; more: boolean } {
    const limit = request.limit ?? HISTORY_PAGE;
    const bounds = request.day === undefined ? {} : this.bounds(request.day);
    const rows = this.o.sales.list(limit + 1, { beforeId: request.beforeId, ...bounds });
    return { sales: rows.slice(0, limit).map((row) => toSaleView(row)), more: rows.length > limit };
  }

  daySummary(day = this.today()): DaySummary {
    const { start, end } = this.bounds(day);
    const mode = this.o.mode();
    const paid = this.o.sales.paidBetween(start, end, mode);
    return {
      day,
      mode,
      paid: { count: paid.count, tiyn: paid.tiyn },
      refunded: this.o.refunds.doneBetween(start, end, mode),
      refunds: this.o.refunds
        .doneListBetween(start, end, mode, MAX_DAY_REFUNDS)
        .map(({ orderNumber, ...refund }) => ({ ...refund, orderNumber: orderNumber === null ? null : formatOrderNumber(orderNumber) })),
      otherModeSales: paid.otherMode,
    };
  }

  private today(): string {
    return toAlmatyIso(this.o.now()).slice(0, 10);
  }

  private bounds(day: string): { start: string; end: string } {
    if (!isYmd(day)) throw new AppError('invalid_request', { field: 'day' });
    return utcBoundsOfDays(day, day);
  }
}
