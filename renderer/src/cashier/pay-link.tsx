// A pay-link sale: the Kaspi link, selectable, with Copy (when the clipboard is available), shown
// to the cashier instead of the QR; the cashier sends it to a buyer who is not at the till.
import { useEffect, useState } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';

type CopyState = 'idle' | 'copied' | 'failed';

export function PayLink({ link, locale }: { link: string | null; locale: Locale }) {
  const t = useTranslate(locale);
  const [copy, setCopy] = useState<CopyState>('idle');
  const canCopy = typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';

  useEffect(() => setCopy('idle'), [link]);

  async function copyLink(): Promise<void> {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  if (!link) {
    return (
      <div className="pay-link pay-link--waiting" data-testid="pay-link-waiting">
        <span className="spinner" aria-hidden="true" />
        <span>{t('sale.payLinkWaiting')}</span>
      </div>
    );
  }
  return (
    <div className="pay-link">
      <span className="pay-link__title">{t('sale.payLinkTitle')}</span>
      <output className="pay-link__text" data-testid="pay-link" data-link={link}>
        {link}
      </output>
      {canCopy && (
        <button type="button" data-testid="pay-link-copy" className="btn btn--ghost" onClick={() => void copyLink()}>
          {t('sale.copy')}
        </button>
      )}
      {copy !== 'idle' && (
        <span className={`pay-link__copied pay-link__copied--${copy}`} data-testid="pay-link-copied" role="status">
          {t(copy === 'copied' ? 'sale.copied' : 'sale.copyFailed')}
        </span>
      )}
    </div>
  );
}
