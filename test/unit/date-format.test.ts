// Dates on screen are all numbers and written as Kazakhstan writes them, in every language: the
// same dd.mm.yyyy the period fields take (English included — not 28/11/2026).
import { describe, expect, it } from 'vitest';
import { formatAlmatyDateTime, formatDay } from '../../renderer/src/i18n/i18n.js';

describe('dates for people', () => {
  it.each(['ru', 'kk', 'en'] as const)('%s: dd.mm.yyyy, times in Almaty on a 24-hour clock', (locale) => {
    expect(formatDay(locale, '2025-03-01')).toBe('01.03.2025');
    expect(formatAlmatyDateTime(locale, '2025-03-01T18:15:02Z')).toMatch(/^01\.03\.2025,? 23:15:02$/);
    expect(formatAlmatyDateTime(locale, '2025-03-01T19:15:02Z')).toMatch(/^02\.03\.2025,? 00:15:02$/); // Almaty's day, not UTC's
  });
});
