// Rows dated outside the period their file declares (a Kaspi report's "Период:", a 1C statement's
// ДатаНачала/ДатаКонца): kept and imported, but counted and named once as a problem — a report
// exported for another period than it says, or rows pasted in from another file, are what a manager
// must see before reconciling a month with it.
import { reason, type Reason } from './reason-codes.js';

export interface DeclaredPeriod {
  from: string;
  to: string;
}

export class OutsidePeriod {
  private count = 0;
  private firstLine = 0;
  private readonly period: DeclaredPeriod | null;

  /** `period`: yyyy-mm-dd ends as the file declares them (either order); null checks nothing. */
  constructor(period: DeclaredPeriod | null) {
    this.period = period && period.from > period.to ? { from: period.to, to: period.from } : period;
  }

  /** A row's day (yyyy-mm-dd) and line. */
  note(day: string, line: number): void {
    const p = this.period;
    if (p === null || (day >= p.from && day <= p.to)) return;
    if (this.count++ === 0) this.firstLine = line;
  }

  /** The problem to report, or null when every row lies within the period. */
  problem(): Reason | null {
    if (this.count === 0 || this.period === null) return null;
    return reason('outside_period', { count: this.count, line: this.firstLine, fromDay: this.period.from, toDay: this.period.to });
  }
}
