// Time left until a Kaspi deadline, ticking every second; null when there is no deadline.
// Main sends the deadline in the wall clock as it read when the view was made; from then on the
// countdown runs on this page's monotonic clock (performance.now), so a system clock corrected while
// the buyer looks at the QR moves neither Kaspi's timer nor this countdown.
import { useEffect, useMemo, useState } from 'react';

/** When each deadline seen ends on the monotonic clock, from the first sight of it: a countdown shown
 * again later (back from another tab) keeps counting from then, whatever the wall clock did meanwhile. */
const endsOf = new Map<string, number>();
const REMEMBERED = 50;

function endOf(deadline: string): number {
  let end = endsOf.get(deadline);
  if (end === undefined) {
    end = performance.now() + (Date.parse(deadline) - Date.now());
    endsOf.set(deadline, end);
    if (endsOf.size > REMEMBERED) endsOf.delete(endsOf.keys().next().value!);
  }
  return end;
}

export function useCountdown(deadline: string | null): number | null {
  const endsAt = useMemo(() => (deadline ? endOf(deadline) : Number.NaN), [deadline]);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    if (Number.isNaN(endsAt)) return;
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);

  return Number.isNaN(endsAt) ? null : Math.max(0, endsAt - now);
}

/** 125000 ms -> "02:05" (rounded up, so "00:00" means the time is really up). */
export function formatMmSs(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
