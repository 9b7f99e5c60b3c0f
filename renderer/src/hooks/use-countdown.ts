// Time left until a Kaspi deadline, ticking every second; null when there is no deadline.
import { useEffect, useState } from 'react';

export function useCountdown(deadline: string | null): number | null {
  const target = deadline ? Date.parse(deadline) : NaN;
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (Number.isNaN(target)) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target]);

  return Number.isNaN(target) ? null : Math.max(0, target - now);
}

/** 125000 ms -> "02:05" (rounded up, so "00:00" means the time is really up). */
export function formatMmSs(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
