// A sale status as translated text, with the raw status in data-status and how it reads (saleLabel:
// "being checked", "refunded" ...) in data-label, for styling and tests.
import type { Locale, SaleStatus } from '../../../shared/domain.js';
import { translate } from '../../../shared/i18n/messages.js';
import type { SaleLabel } from '../../../shared/sale-label.js';

interface StatusTextProps {
  status: SaleStatus;
  /** How the sale reads when not just its status (default: the status). */
  label?: SaleLabel;
  locale: Locale;
  testId?: string;
  className?: string;
  text?: string;
}

export function StatusText({ status, label = status, locale, testId, className, text }: StatusTextProps) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      data-label={label}
      className={`status status--${label}${className ? ` ${className}` : ''}`}
    >
      {text ?? translate(locale, `status.${label}`)}
    </span>
  );
}
