// Almaty calendar days ↔ the UTC instants the till stores (sales.created_at is UTC ISO). A range of
// Almaty days [from, to] becomes [start, end) in UTC, written without a zone suffix so that it
// compares correctly with stored strings whether they carry milliseconds or not.
import { almatyOffset, isValidYmd, nextDay, toAlmatyIso } from '../../../shared/almaty-time.js';

/** UTC start of an Almaty day, as 'yyyy-mm-ddTHH:MM:SS'. */
function dayStartUtc(date: string): string {
  return new Date(`${date}T00:00:00${almatyOffset(date)}`).toISOString().slice(0, 19);
}

/** [start, end) in UTC for the Almaty days from..to (inclusive). */
export function utcBoundsOfDays(from: string, to: string): { start: string; end: string } {
  return { start: dayStartUtc(from), end: dayStartUtc(nextDay(to)) };
}

/** A stored UTC ISO instant as an Almaty ISO string (+05:00, or +06:00 before 2024-03-01). */
export function almatyOfUtc(utcIso: string): string {
  const ms = Date.parse(utcIso);
  return Number.isFinite(ms) ? toAlmatyIso(ms) : utcIso;
}

/** A real calendar day written yyyy-mm-dd (Date.parse would let 2025-02-30 through). */
export function isYmd(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}
