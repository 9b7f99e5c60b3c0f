// Confirm: the import as a job. A file with invalid lines imports nothing unless the manager ticks
// "import only the valid lines". While it runs: a progress bar from import.progress (bytes read while
// parsing, rows while writing) and Cancel (until the write has begun).
import type { Locale } from '../../../shared/domain.js';
import type { ImportProgress } from '../../../shared/import-domain.js';
import { formatCount, useTranslate, type Translate } from '../i18n/i18n.js';
import { cancelImport, commitImport, forgetJob, setAcceptValid } from '../state/import-actions.js';
import { effectiveFormat, useImport, type ImportJob } from '../state/import-store.js';
import { SoftButton } from '../components/soft-button.js';
import { toMapping } from './mapping-draft.js';

/** New rows from which the write may take long enough for the till to notice (¼–1 s here, more on a slow PC). */
const BIG_WRITE_ROWS = 50_000;

/** 0..1: bytes while parsing, rows while writing (against the preview's count). */
export function progressFraction(progress: ImportProgress | null, expectedRows: number): number | null {
  if (!progress) return null;
  if (progress.phase === 'parsing') return progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : null;
  if (progress.phase === 'writing') return expectedRows > 0 ? Math.min(1, progress.rows / expectedRows) : null;
  return 1;
}

/** What a progress bar says: bytes read while parsing, rows saved of `expectedRows` while writing. */
export function progressText(t: Translate, progress: ImportProgress | null, expectedRows: number): string {
  const fraction = progressFraction(progress, expectedRows);
  if (progress?.phase === 'parsing') return t('import.progress.parsing', { rows: formatCount(progress.rows), percent: Math.round((fraction ?? 0) * 100) });
  if (progress?.phase === 'writing') return t('import.progress.writing', { rows: formatCount(Math.min(progress.rows, expectedRows)), total: formatCount(expectedRows) });
  return t('import.progress.starting');
}

export function ProgressBar({ progress, expectedRows, text, t }: { progress: ImportProgress | null; expectedRows: number; text: string; t: Translate }) {
  const fraction = progressFraction(progress, expectedRows);
  return <progress className="import-progress__bar" max={1} value={fraction ?? undefined} aria-label={t('import.progress.label')} aria-valuetext={text} />;
}

function ProgressLine({ job, t }: { job: ImportJob; t: Translate }) {
  const { progress } = job;
  const phase = progress?.phase ?? 'starting';
  const writing = phase === 'writing' || job.cancelRefused;
  const text = progressText(t, progress, job.preview.rows);
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={phase} data-rows={progress?.rows ?? 0} tabIndex={-1}>
      <ProgressBar progress={progress} expectedRows={job.preview.rows} text={text} t={t} />
      <div className="import-progress__line">
        <span role="status">{text}</span>
        {/* stays focusable once the write begins: the keyboard focus would fall to the page for its whole length */}
        <SoftButton
          className="btn btn--danger-outline btn--small"
          data-testid="import-cancel"
          unavailable={job.jobId === null || writing || job.cancelling}
          title={writing ? t('import.cancelTooLate') : undefined}
          onClick={() => void cancelImport()}
        >
          {t('import.cancel')}
        </SoftButton>
      </div>
      {writing && <p className="hint">{t('import.cancelTooLate')}</p>}
      {job.interrupted && (
        <div className="import-progress__interrupted" data-testid="import-progress-interrupted" role="note">
          <span>{t('import.progress.interrupted')}</span>
          <button type="button" className="btn btn--ghost btn--small" data-testid="import-progress-forget" onClick={forgetJob}>
            {t('import.progress.forget')}
          </button>
        </div>
      )}
    </div>
  );
}

export function ImportCommit({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const preview = useImport((s) => s.preview);
  const uploadId = useImport((s) => s.uploadId);
  const stale = useImport((s) => s.stale);
  const busy = useImport((s) => s.busy);
  const acceptValid = useImport((s) => s.acceptValid);
  const job = useImport((s) => s.job);
  const mappingMissing = useImport((s) => effectiveFormat(s) === 'csv' && toMapping(s.draft) === null);
  if (!preview) return null;

  const invalid = preview.invalidCount > 0;
  let hint: string | null = null;
  if (!uploadId) hint = t('import.hint.chooseAgain');
  else if (mappingMissing) hint = t('import.mapping.incomplete');
  else if (stale || busy === 'preview') hint = t('import.hint.waitPreview');
  else if (preview.newRows === 0 && preview.recordsPeriod && !invalid) hint = t('import.hint.periodOnly');
  else if (preview.rows === 0) hint = t('import.hint.nothing');
  else if (invalid && !acceptValid) hint = t('import.hint.invalid', { count: formatCount(preview.invalidCount) });
  else if (preview.newRows === 0 && preview.updatedRows > 0) hint = t('import.hint.fills', { count: formatCount(preview.updatedRows) });
  else if (preview.newRows === 0) hint = t('import.hint.allKnown');
  const blocked = !uploadId || stale || busy !== null || (preview.rows === 0 && !preview.recordsPeriod) || (invalid && !acceptValid);
  // One transaction holds the database while it writes: the till waits that long (seconds at 10^5+ rows).
  const bigWrite = !blocked && preview.newRows >= BIG_WRITE_ROWS;

  return (
    <div className="import-commit">
      {invalid && preview.rows > 0 && (
        <label className="checkbox import-commit__accept">
          <input
            type="checkbox"
            data-testid="import-accept-valid"
            checked={acceptValid}
            disabled={job !== null}
            onChange={(event) => setAcceptValid(event.target.checked)}
          />
          <span>{t('import.acceptValid', { count: formatCount(preview.rows) })}</span>
        </label>
      )}
      {job ? (
        <ProgressLine job={job} t={t} />
      ) : (
        <div className="import-commit__actions">
          {/* reachable by Tab while blocked: its description says why, and what unblocks it */}
          <SoftButton
            className="btn btn--primary btn--lg"
            data-testid="import-confirm"
            unavailable={blocked}
            aria-describedby={hint ? 'import-confirm-hint' : undefined}
            onClick={() => void commitImport()}
          >
            {t('import.confirm', { count: formatCount(preview.newRows) })}
          </SoftButton>
          {hint && (
            <p className="hint" id="import-confirm-hint" data-testid="import-confirm-hint" role="status">
              {hint}
            </p>
          )}
          {bigWrite && (
            <p className="hint" data-testid="import-big-write">
              {t('import.hint.bigWrite', { count: formatCount(preview.newRows) })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
