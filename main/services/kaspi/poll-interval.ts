// How often Kassa asks Kaspi about a purchase or a refund QR: at the interval Kaspi announced (never
// faster, at least 1 s), but at most MAX_POLL_MS apart — an hour's interval would leave the till blind.

export const MAX_POLL_MS = 30_000;

/**
 * How much earlier than ours a Kaspi timer may end: Kaspi starts it (creation, the scan) up to a
 * poll and a round trip before we hear of it, so its Error that near our deadline is the timeout.
 */
export const KASPI_TIMER_SKEW_MS = 10_000;

/** Kaspi's announced interval in seconds (5 when it gave none) as the delay to the next read. */
export function pollIntervalMs(announcedS: number | null): number {
  return Math.min(Math.max(announcedS ?? 5, 1) * 1000, MAX_POLL_MS);
}
