// The Kaspi payment methods a sale accepts (Gold, Red, Loan...), as small chips.
import type { Locale } from '../../../shared/domain.js';
import { translate } from '../../../shared/i18n/messages.js';
import { methodLabel } from '../i18n/i18n.js';

interface PaymentMethodsProps {
  methods: readonly string[];
  locale: Locale;
  testId: string;
  showTitle?: boolean;
}

export function PaymentMethods({ methods, locale, testId, showTitle = true }: PaymentMethodsProps) {
  if (methods.length === 0) return null;
  return (
    <div className="methods" data-testid={testId}>
      {showTitle && <span className="methods__title">{translate(locale, 'sale.methods')}</span>}
      <ul className="methods__list">
        {methods.map((method) => (
          <li key={method} className="methods__chip" data-method={method}>
            {methodLabel(locale, method)}
          </li>
        ))}
      </ul>
    </div>
  );
}
