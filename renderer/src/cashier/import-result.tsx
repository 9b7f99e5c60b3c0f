// How the last import ended: rows written, duplicates skipped and stored rows filled in, or why nothing was written
// (translated reason), or that it was cancelled.
import { useEffect, useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { importDoneKind } from '../../../shared/import-domain.js';
import { formatCount, useTranslate } from '../i18n/i18n.js';
import { reasonText } from '../i18n/reason-text.js';
import { dismissResult } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';
import { InvalidRows } from './invalid-rows.js';

export function ImportResult({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const result = useImport((s) => s.result);
  const box = useRef<HTMLDivElement>(null);
  // The result replaces the progress bar the focus may have been on: bring the eye (and reader) here.
  useEffect(() => {
    if (result) box.current?.focus();
  }, [result]);
  if (!result) return null;

  const leftOut = result.phase === 'done' ? (result.batch?.invalidRows ?? 0) : 0;
  let text: string;
  if (result.phase === 'done') {
    const updated = result.batch?.updated ?? 0;
    const kind = importDoneKind({ imported: result.imported, updated, batchId: result.batch?.id ?? null });
    text =
      kind === 'nothing_new'
        ? t('import.result.nothingNew', { duplicates: formatCount(result.duplicates) })
        : kind === 'period_only'
          ? t('import.result.periodRecorded')
          : t('import.result.done', { rows: formatCount(result.imported), duplicates: formatCount(result.duplicates) });
    if (updated > 0) text += ` ${t('import.result.updated', { count: formatCount(updated) })}`;
  } else if (result.phase === 'cancelled') text = t('import.result.cancelled');
  else text = result.failure ? reasonText(locale, result.failure) : t('import.result.failed');

  return (
    <div
      ref={box}
      tabIndex={-1}
      className={`import-result import-result--${result.phase}`}
      data-testid="import-result"
      data-phase={result.phase}
      data-imported={result.imported}
      data-duplicates={result.duplicates}
      data-updated={result.batch?.updated ?? 0}
      data-left-out={leftOut}
      data-code={result.failure?.code ?? ''}
      role={result.phase === 'failed' ? 'alert' : 'status'}
    >
      <div>
        <p className="import-result__title">
          {t(`import.result.title.${result.phase}`)} — <span className="import-result__file">{result.fileName}</span>
        </p>
        <p className="import-result__text">{text}</p>
        {leftOut > 0 && (
          <InvalidRows invalid={result.leftOut} count={leftOut} title={t('import.result.invalidLeftOut', { count: formatCount(leftOut) })} locale={locale} t={t} />
        )}
      </div>
      <button type="button" className="btn btn--ghost btn--small" data-testid="import-result-close" onClick={dismissResult}>
        {t('import.close')}
      </button>
    </div>
  );
}
