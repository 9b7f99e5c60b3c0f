// Kazakhstan time. Since 2024-03-01 00:00 local the whole country is UTC+5 (Asia/Almaty);
// before that Almaty was UTC+6. Kaspi writes dates with an offset ("+05:00"), sometimes without.

const SWITCH_UTC_MS = Date.UTC(2024, 1, 29, 18, 0, 0); // 2024-03-01 00:00 at +06:00

export function almatyOffsetMinutes(utcMs: number): number {
  return utcMs < SWITCH_UTC_MS ? 360 : 300;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2025-03-01T10:18:02+05:00" — the form Kaspi itself sends. */
export function toAlmatyIso(utcMs: number, withMillis = false): string {
  const offset = almatyOffsetMinutes(utcMs);
  const local = new Date(utcMs + offset * 60_000);
  const ms = withMillis ? `.${pad(local.getUTCMilliseconds(), 3)}` : '';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${ms}` +
    `+${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}
