// Imports this window did not start — another Kassa window's, or its own from before a reload — with
// their progress and Cancel (until their write has begun). Their end refreshes the history.
import type { Locale } from '../../../shared/domain.js';
import { useTranslate } from '../i18n/i18n.js';
import { cancelOther } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';
import { ProgressBar, progressText } from './import-commit.js';

export function ImportOthers({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const others = useImport((s) => s.others);
  if (others.length === 0) return null;
  return (
    <ul className="import-others" data-testid="import-others">
      {others.map((progress) => {
        const expected = progress.expectedRows ?? 0;
        const text = progressText(t, progress, expected);
        return (
          <li key={progress.jobId} className="import-progress" data-testid="import-other" data-phase={progress.phase} data-rows={progress.rows}>
            <p className="import-others__title">{t('import.other.title', { file: progress.fileName })}</p>
            <ProgressBar progress={progress} expectedRows={expected} text={text} t={t} />
            <div className="import-progress__line">
              <span role="status">{text}</span>
              <button
                type="button"
                className="btn btn--danger-outline btn--small"
                data-testid="import-other-cancel"
                disabled={progress.phase === 'writing'}
                title={progress.phase === 'writing' ? t('import.cancelTooLate') : undefined}
                onClick={() => void cancelOther(progress.jobId)}
              >
                {t('import.cancel')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
