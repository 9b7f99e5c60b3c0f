// History's "today" is read again a second after the Almaty day it shows ends — not at the UTC
// midnight, not at the computer's own zone's.
import { describe, expect, it } from 'vitest';
import { untilDayEnds } from '../../renderer/src/cashier/day-end.js';

describe('untilDayEnds', () => {
  it('waits until a second past midnight in Almaty (UTC+5: 19:00 UTC)', () => {
    expect(untilDayEnds('2026-11-28', Date.parse('2026-11-28T18:59:00Z'))).toBe(61_000);
    expect(untilDayEnds('2026-11-28', Date.parse('2026-11-27T19:00:00Z'))).toBe(86_401_000);
  });

  it('across a month and a year end', () => {
    expect(untilDayEnds('2026-12-31', Date.parse('2026-12-31T18:00:00Z'))).toBe(3_601_000);
    expect(untilDayEnds('2026-02-28', Date.parse('2026-02-28T18:00:00Z'))).toBe(3_601_000);
  });

  it('a day already over (a clock ahead of main): a second, never a busy loop; never past what a timer takes', () => {
    expect(untilDayEnds('2026-11-27', Date.parse('2026-11-28T12:00:00Z'))).toBe(1_000);
    expect(untilDayEnds('2026-11-28', Date.parse('2020-01-01T00:00:00Z'))).toBe(2 ** 31 - 1);
  });
});
