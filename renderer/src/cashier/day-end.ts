// When History's "today" must be read again: a second after the Almaty day it shows ends.
import { almatyDayEndMs } from '../../../shared/almaty-time.js';

/** Longest wait a timer takes (about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds from `nowMs` until just after `day` (yyyy-mm-dd) ends in Almaty; at least a second. */
export function untilDayEnds(day: string, nowMs: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(1_000, almatyDayEndMs(day) - nowMs + 1_000));
}
