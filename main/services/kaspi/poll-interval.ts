// How often Kassa asks Kaspi about a purchase or a refund QR: at the interval Kaspi announced (never
// faster, at least 1 s), but at most MAX_POLL_MS apart — an hour's interval would leave the till blind.

export const MAX_POLL_MS = 30_000;

/** Kaspi's announced interval in seconds (5 when it gave none) as the delay to the next read. */
export function pollIntervalMs(announcedS: number | null): number {
  return Math.min(Math.max(announcedS ?? 5, 1) * 1000, MAX_POLL_MS);
}
