// CSV and XLSX of one leg for the period on screen, saved through a download.
import type { Locale } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';
import { exportLeg } from '../state/reconcile-actions.js';
import { useReconcile, type ExportFormat, type ReconcileLeg } from '../state/reconcile-store.js';
import { SoftButton } from '../components/soft-button.js';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export function ReconcileExport({ leg, locale }: { leg: ReconcileLeg; locale: Locale }) {
  const t = useTranslate(locale);
  const exporting = useReconcile((s) => s.exporting);
  const ready = useReconcile((s) => s.view !== null);
  const filter = useReconcile((s) => (leg === 'till-report' ? s.filter : 'all'));
  return (
    <div className="reconcile-export" role="group" aria-label={t('reconcile.export')}>
      {filter !== 'all' && (
        <span className="hint" data-testid="reconcile-export-filtered" data-status={filter}>
          {t('reconcile.exportFiltered', { status: t(`reconcile.status.${filter}`) })}
        </span>
      )}
      {FORMATS.map((format) => (
        <SoftButton
          key={format}
          className="btn btn--ghost btn--small"
          data-testid={`reconcile-export-${format}`}
          data-view={leg}
          unavailable={!ready || exporting !== null}
          aria-busy={exporting === `${leg}:${format}`}
          onClick={() => void exportLeg(leg, format)}
        >
          {t(`reconcile.export.${format}`)}
        </SoftButton>
      ))}
    </div>
  );
}
