// Dates on screen are all numbers and written as Kazakhstan writes them, in every language: the
// same dd.mm.yyyy the period fields take (English included — not 28/11/2026).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/domain.js';

/** i18n.ts needs the DOM lib, which the tests' tsconfig leaves out (the renderer's checks it): loaded by path. */
interface DateFormats {
  formatDay(locale: Locale, ymd: string): string;
  formatAlmatyDateTime(locale: Locale, iso: string): string;
  formatAlmatyMoment(locale: Locale, iso: string, now?: number): string;
}
const I18N = '../../renderer/src/i18n/i18n.js';
let dates: DateFormats;
beforeAll(async () => {
  dates = (await import(/* @vite-ignore */ I18N)) as DateFormats;
});

describe('dates for people', () => {
  it.each(['ru', 'kk', 'en'] as const)('%s: dd.mm.yyyy, times in Almaty on a 24-hour clock', (locale) => {
    expect(dates.formatDay(locale, '2025-03-01')).toBe('01.03.2025');
    expect(dates.formatAlmatyDateTime(locale, '2025-03-01T18:15:02Z')).toMatch(/^01\.03\.2025,? 23:15:02$/);
    expect(dates.formatAlmatyDateTime(locale, '2025-03-01T19:15:02Z')).toMatch(/^02\.03\.2025,? 00:15:02$/); // Almaty's day, not UTC's
  });

  it('a moment of today is its time; of another Almaty day, with its date (a notice read the next morning)', () => {
    const now = Date.parse('2026-11-28T04:00:00Z'); // 09:00 on the 28th in Almaty
    expect(dates.formatAlmatyMoment('ru', '2026-11-28T03:30:00Z', now)).toBe('08:30');
    expect(dates.formatAlmatyMoment('ru', '2026-11-27T16:40:00Z', now)).toMatch(/^27\.11\.2026,? 21:40:00$/); // yesterday's evening
    expect(dates.formatAlmatyMoment('en', '2026-11-27T19:10:00Z', now)).toBe('00:10'); // after midnight in Almaty: today
  });
});
