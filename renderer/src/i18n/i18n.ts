// Small helpers over the shared catalogue: a bound translator, labels for statuses and Kaspi
// payment methods, and dates in the shop's time zone (Asia/Almaty), whatever the PC's zone is.
import { useEffect, useMemo } from 'react';
import type { Locale, SaleStatus } from '../../../shared/domain.js';
import { catalogues, translate, type MessageParams } from '../../../shared/i18n/messages.js';
import { groupDigits } from '../../../shared/money.js';
import { toAlmatyIso } from '../../../shared/almaty-time.js';

export type Translate = (key: string, params?: MessageParams) => string;

export function useTranslate(locale: Locale): Translate {
  return useMemo(() => (key: string, params?: MessageParams) => translate(locale, key, params), [locale]);
}

/** `<html lang>` and the window title follow the chosen language. */
export function useDocumentLocale(locale: Locale, title: string): void {
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = title;
  }, [locale, title]);
}

/** Known Kaspi methods get a translated name; anything new from Kaspi is shown as sent. */
export function methodLabel(locale: Locale, method: string): string {
  const key = `method.${method}`;
  return Object.hasOwn(catalogues.ru, key) ? translate(locale, key) : method;
}

// Dates are all numbers, written as Kazakhstan writes them in any language (28.11.2026, 14:05:09) —
// the way the day fields take them too. Chromium ships no `kk` locale data and would fall back to the
// root pattern (2026-11-28 14:05:09), and en-GB would write 28/11/2026: kk and en format through ru-KZ.
const INTL_TAGS: Record<Locale, string> = { ru: 'ru-RU', kk: 'ru-KZ', en: 'ru-KZ' };
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatAlmatyDateTime(locale: Locale, iso: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], {
      timeZone: 'Asia/Almaty',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "14:05" in the shop's time zone. */
export function formatAlmatyTime(locale: Locale, iso: string): string {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone: 'Asia/Almaty', hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/**
 * A moment of today (in Almaty) as its time, "21:40"; of another day with its date too — a notice read
 * the next morning must not pass for today's.
 */
export function formatAlmatyMoment(locale: Locale, iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return toAlmatyIso(at).slice(0, 10) === toAlmatyIso(now).slice(0, 10) ? formatAlmatyTime(locale, iso) : formatAlmatyDateTime(locale, iso);
}

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day "2025-03-01" (already an Almaty day) as "01.03.2025" — no time zone involved. */
export function formatDay(locale: Locale, ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return ymd;
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A day ("2025-03-01") or an instant ("2025-03-01T10:15:02+05:00") from an import, for people. */
export function formatDayOrTime(locale: Locale, text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(locale, text) : formatAlmatyDateTime(locale, text);
}

/** A count of rows or pairs, grouped like amounts ("400 000", with U+00A0). */
export function formatCount(n: number): string {
  return groupDigits(String(Math.trunc(n)));
}
