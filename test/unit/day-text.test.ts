// The Reconciliation tab's period fields: a day typed as dd.mm.yyyy (or yyyy-mm-dd), only a real one.
import { describe, expect, it } from 'vitest';
import { dayText, parseDayText } from '../../renderer/src/components/day-text.js';

describe('a day typed in the period fields', () => {
  it('reads 01.03.2025, 1.3.2025 and 2025-03-01 as the same day', () => {
    for (const text of ['01.03.2025', '1.3.2025', ' 2025-03-01 ']) expect(parseDayText(text)).toBe('2025-03-01');
    expect(dayText('2025-03-01')).toBe('01.03.2025');
  });
  it('refuses what is no real day, or not yet a whole one', () => {
    for (const text of ['31.02.2025', '29.02.2025', '01.13.2025', '01.03.25', '01.03', '', '2025-3-1', 'abc']) expect(parseDayText(text)).toBeNull();
    expect(parseDayText('29.02.2024')).toBe('2024-02-29');
    // a year outside what Kassa reads (a slip of one digit): no such day, said by the field itself
    for (const text of ['15.06.1026', '31.12.1989', '01.01.2101', '0000-01-01']) expect(parseDayText(text)).toBeNull();
    expect(parseDayText('01.01.1990')).toBe('1990-01-01');
  });
});
