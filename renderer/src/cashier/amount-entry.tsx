// Amount (and optional note) entry: a real input, grouped as the cashier types ("4 500"); Charge
// (a QR) or a pay link for a buyer on the phone.
import type { RefObject } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import { useTranslate } from '../i18n/i18n.js';
import { chargeTyped, setAmountText, setDescription } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';
import { AmountInput } from './amount-input.js';
import { displayAmountText } from './amount-text.js';

interface AmountEntryProps {
  locale: Locale;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function AmountEntry({ locale, inputRef }: AmountEntryProps) {
  const digits = useCashier((s) => s.digits);
  const description = useCashier((s) => s.description);
  const busy = useCashier((s) => s.busy);
  // A live till that cannot sell (a key missing: the keyring not opened at start, say) says so before the
  // cashier rings anything up — not "ready".
  const liveGap = useCashier((s) => (s.settings?.mode === 'live' && !s.settings.kaspi.ready ? (s.settings.kaspi.gaps[0] ?? null) : null));
  const t = useTranslate(locale);

  return (
    <section className="entry" aria-label={t('tabs.sale')}>
      {liveGap === null ? (
        <p className="entry__idle" data-testid="sale-idle">
          {t('status.idle')}
        </p>
      ) : (
        <p className="entry__not-ready" data-testid="sale-not-ready" data-gap={liveGap} role="alert">
          {errorMessage(locale, 'live_not_ready', { missing: liveGap })}
        </p>
      )}
      <label className="entry__label" htmlFor="amount-input">
        {t('sale.amountLabel')}
      </label>
      <div className="entry__amount">
        <AmountInput
          id="amount-input"
          inputRef={inputRef}
          data-testid="amount-input"
          className="entry__input"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          placeholder="0"
          aria-describedby="amount-hint"
          text={digits}
          data-long={displayAmountText(digits).length > 10 || undefined}
          onText={setAmountText}
        />
        <span className="entry__currency" aria-hidden="true">
          ₸
        </span>
      </div>
      <p id="amount-hint" className="hint">
        {t('sale.amountHint')}
      </p>
      <label className="field">
        <span className="field__label">{t('sale.descriptionLabel')}</span>
        <input
          data-testid="description-input"
          className="field__input"
          type="text"
          maxLength={200}
          autoComplete="off"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <div className="entry__actions">
        <button
          type="button"
          data-testid="charge-button"
          className="btn btn--primary btn--xl entry__charge"
          disabled={busy}
          onClick={() => void chargeTyped()}
        >
          {t('sale.charge')} <kbd>Enter</kbd>
        </button>
        <button
          type="button"
          data-testid="charge-link-button"
          className="btn btn--ghost btn--xl entry__link"
          disabled={busy}
          title={t('sale.chargeLinkHint')}
          onClick={() => void chargeTyped('link')}
        >
          {t('sale.chargeLink')}
        </button>
      </div>
    </section>
  );
}
