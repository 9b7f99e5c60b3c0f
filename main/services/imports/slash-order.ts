// Slash dates in a sales report (3/1/2025) come from someone re-saving the file with a US-locale
// Excel ([M]); Kaspi itself writes dd.mm.yyyy or Excel dates ([H]). Their order is decided once per
// file, from the first date that tells: a first part above 12 → day-first; a second part above 12
// → month-first (warning `slash_dates_month_first`). Rows whose slash dates could be either are
// held back until then; if nothing tells by the end (or after MAX_HELD_ROWS), day-first is
// assumed (warning `ambiguous_slash_dates`). A file without slash dates never holds a row.
import { slashDateParts } from './date-text.js';
import type { ColumnMap } from './report-columns.js';
import type { Cell } from './report-row-mapper.js';

/** Rows held back at most (a re-saved file is small; memory stays bounded for any file). */
export const MAX_HELD_ROWS = 20_000;

export type SlashEvidence = 'day' | 'month' | 'either' | null;

/** What the row's date cells say about the order (null: no slash date in them). */
export function slashEvidence(cells: readonly Cell[], columns: ColumnMap): SlashEvidence {
  let found: SlashEvidence = null;
  for (const index of [columns.operationDate, columns.settlementDate]) {
    if (index === undefined) continue;
    const cell = cells[index];
    if (typeof cell !== 'string' || !cell.includes('/')) continue;
    const parts = slashDateParts(cell);
    if (parts === null) continue;
    const [first, second] = parts;
    if (first > 12 && second <= 12) return 'day';
    if (second > 12 && first <= 12) return 'month';
    if (first <= 12 && second <= 12) found = 'either';
  }
  return found;
}

export type SlashDecision = 'day' | 'month' | 'assumed-day';

/** The per-file state: undecided (holding rows) until a date tells or the table ends. */
export class SlashOrder {
  decided: 'day' | 'month' | null = null;
  held: { line: number; cells: Cell[] }[] = [];

  /**
   * Looks at a row while undecided. Returns 'hold' (the row was kept), 'pass' (map it now), or a
   * decision — the caller then maps the held rows and this one with it.
   */
  look(line: number, cells: readonly Cell[], columns: ColumnMap): 'hold' | 'pass' | SlashDecision {
    const evidence = slashEvidence(cells, columns);
    if (evidence === 'day' || evidence === 'month') return evidence;
    if (evidence === null && this.held.length === 0) return 'pass';
    this.held.push({ line, cells: cells.slice() });
    return this.held.length >= MAX_HELD_ROWS ? 'assumed-day' : 'hold';
  }

  /** Records the decision and hands out the held rows (in file order). */
  decide(decision: SlashDecision): { line: number; cells: Cell[] }[] {
    this.decided = decision === 'month' ? 'month' : 'day';
    const held = this.held;
    this.held = [];
    return held;
  }
}
