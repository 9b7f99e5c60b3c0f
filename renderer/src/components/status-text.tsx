// A sale status as translated text, with the raw status in data-status for styling and tests.
import type { Locale, SaleStatus } from '../../../shared/domain.js';
import { statusLabel } from '../i18n/i18n.js';

interface StatusTextProps {
  status: SaleStatus;
  locale: Locale;
  testId?: string;
  className?: string;
  text?: string;
}

export function StatusText({ status, locale, testId, className, text }: StatusTextProps) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`status status--${status}${className ? ` ${className}` : ''}`}
    >
      {text ?? statusLabel(locale, status)}
    </span>
  );
}
