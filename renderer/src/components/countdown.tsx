// "Осталось 01:42" until the sale's Kaspi deadline; nothing when no timer runs.
import type { Locale } from '../../../shared/domain.js';
import { translate } from '../../../shared/i18n/messages.js';
import { formatMmSs, useCountdown } from '../hooks/use-countdown.js';

interface CountdownProps {
  deadline: string | null;
  locale: Locale;
  testId: string;
  className?: string;
}

export function Countdown({ deadline, locale, testId, className }: CountdownProps) {
  const left = useCountdown(deadline);
  if (left === null) return null;
  const urgent = left < 30_000;
  return (
    <div
      data-testid={testId}
      className={`countdown${urgent ? ' countdown--urgent' : ''}${className ? ` ${className}` : ''}`}
      role="timer"
    >
      {translate(locale, 'sale.timeLeft', { time: formatMmSs(left) })}
    </div>
  );
}
