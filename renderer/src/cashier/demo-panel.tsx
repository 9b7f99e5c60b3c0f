// Demo mode only: the cashier plays the customer's part against the Kaspi simulator.
import type { Locale, SaleView } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';
import { demoAction } from '../state/cashier-actions.js';
import { useCashier } from '../state/cashier-store.js';

interface DemoPanelProps {
  sale: SaleView;
  locale: Locale;
}

export function DemoPanel({ sale, locale }: DemoPanelProps) {
  const busy = useCashier((s) => s.busy);
  const t = useTranslate(locale);
  // Highlight the step that comes next; every button stays usable (main decides what is legal).
  const next = sale.status === 'scanned' ? 'confirm' : 'scan';
  const button = (action: 'scan' | 'confirm' | 'fail') => (
    <button
      type="button"
      data-testid={`demo-${action}`}
      className={`btn ${action === 'fail' ? 'btn--danger-outline' : action === next ? 'btn--demo' : 'btn--ghost'}`}
      disabled={busy}
      onClick={() => void demoAction(action)}
    >
      {t(`demo.${action}`)}
    </button>
  );
  return (
    <aside className="demo-panel" data-testid="demo-panel" aria-label={t('demo.title')}>
      <h3 className="demo-panel__title">{t('demo.title')}</h3>
      <div className="demo-panel__buttons">
        {button('scan')}
        {button('confirm')}
        {button('fail')}
      </div>
    </aside>
  );
}
