// Every import so far, newest first: file, format, rows, sum, when, and whether it was undone. Undo
// asks first (in the row itself, with what it would do: rows deleted, rows later imports keep, marks
// reopened, a statement's days), then takes that batch's rows out.
import { useEffect, useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import type { ImportBatch, UndoImpact } from '../../../shared/import-domain.js';
import { formatTenge } from '../../../shared/money.js';
import { formatAlmatyDateTime, formatCount, formatDay, useTranslate, type Translate } from '../i18n/i18n.js';
import { askUndo, confirmUndo, loadBatches } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';
import { TableHead } from '../components/table-head.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';

/**
 * The question before an undo: what it deletes; rows later imports had too stay with them; a closed
 * month reopens when pairs of its rows were marked reconciled; a statement's days lose their statement.
 * Until main has said (impact null), the batch's own figures.
 */
function undoQuestion(batch: ImportBatch, impact: UndoImpact | null, locale: Locale, t: Translate): string {
  const deleted = impact?.deleted ?? batch.rows;
  const pairs = impact?.reopenedPairs ?? batch.reconciledPairs;
  const parts = [
    pairs > 0
      ? t('import.batch.undoAskReconciled', { rows: formatCount(deleted), pairs: formatCount(pairs) })
      : deleted === 0
        ? t('import.batch.undoAskNoRows') // every row stays with later imports, or it only recorded a period / filled fields
        : t('import.batch.undoAsk', { rows: formatCount(deleted) }),
  ];
  const filled = impact?.filled ?? batch.updated; // main's count follows fills an earlier undo handed over
  if (filled > 0) parts.push(t('import.batch.undoFilled', { count: formatCount(filled) }));
  if (impact && impact.kept > 0) parts.push(t('import.batch.undoKept', { count: formatCount(impact.kept) }));
  if (impact?.periodFrom && impact.periodTo)
    parts.push(t('import.batch.undoPeriod', { from: formatDay(locale, impact.periodFrom), to: formatDay(locale, impact.periodTo) }));
  return parts.join(' ');
}

function UndoCell({ batch, locale, t }: { batch: ImportBatch; locale: Locale; t: Translate }) {
  const asking = useImport((s) => s.undoAsk === batch.id);
  const impact = useImport((s) => (s.undoImpact?.batchId === batch.id ? s.undoImpact : null));
  const undoing = useImport((s) => s.undoing);
  const keepButton = useRef<HTMLButtonElement>(null);
  const undonePill = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (asking) keepButton.current?.focus(); // the safe answer: Enter twice never undoes by accident
  }, [asking]);
  useFocusWhenLost(undonePill, batch.undoneAt); // "Yes, undo" is gone: the result takes the focus
  const undoButton = useRef<HTMLButtonElement>(null);
  useFocusWhenLost(undoButton, asking || batch.undoneAt !== null ? null : 'idle'); // "No" (or Esc): back to this batch's Undo

  if (batch.undoneAt !== null) {
    return (
      <span ref={undonePill} tabIndex={-1} className="pill pill--muted" data-testid="import-batch-undone">
        {t('import.batch.undoneAt', { time: formatAlmatyDateTime(locale, batch.undoneAt) })}
      </span>
    );
  }
  if (!asking) {
    return (
      <button
        ref={undoButton}
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="import-undo"
        disabled={undoing !== null}
        aria-label={t('import.batch.undoLabel', { file: batch.fileName })}
        onClick={() => askUndo(batch.id)}
      >
        {t('import.batch.undo')}
      </button>
    );
  }
  const question = undoQuestion(batch, impact, locale, t);
  return (
    // Esc anywhere in the question answers "No" (from "Yes, undo" too: one more Enter there would undo)
    <div className="import-undo-ask" role="group" aria-label={question} onKeyDown={(event) => event.key === 'Escape' && askUndo(null)}>
      <span className="import-undo-ask__text" data-testid="batch-undo-question">
        {question}
      </span>
      <button
        type="button"
        className="btn btn--danger-outline btn--small"
        data-testid="import-undo-confirm"
        disabled={undoing !== null}
        onClick={() => void confirmUndo(batch.id)}
      >
        {t('import.batch.undoYes')}
      </button>
      <button
        ref={keepButton}
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="import-undo-keep"
        disabled={undoing !== null}
        onClick={() => askUndo(null)}
      >
        {t('import.batch.undoNo')}
      </button>
    </div>
  );
}

export function ImportBatches({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const batches = useImport((s) => s.batches);
  const loading = useImport((s) => s.batchesLoading);

  return (
    <section className="import-card" aria-labelledby="import-batches-title">
      <div className="import-card__bar">
        <h2 id="import-batches-title" className="import-card__title">
          {t('import.batches')}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" data-testid="import-batches-refresh" disabled={loading} onClick={() => void loadBatches()}>
          {t('history.refresh')}
        </button>
      </div>
      {batches.length === 0 ? (
        <p className="hint" data-testid="import-batches-empty">
          {loading ? '…' : t('import.batches.empty')}
        </p>
      ) : (
        <div className="table-scroll table-scroll--tall">
          <table className="data-table" data-testid="import-batches">
            <TableHead
              columns={[
                { label: t('import.col.when') },
                { label: t('import.col.file') },
                { label: t('import.format') },
                { label: t('import.rows'), num: true },
                { label: t('import.sum'), num: true },
                { label: t('import.batch.undo'), hidden: true },
              ]}
            />
            <tbody>
              {batches.map((batch) => (
                <tr
                  key={batch.id}
                  data-testid="import-batch"
                  data-batch-id={batch.id}
                  data-undone={batch.undoneAt !== null}
                  className={batch.undoneAt !== null ? 'data-table__row--undone' : undefined}
                >
                  <td className="nowrap">
                    <time dateTime={batch.createdAt}>{formatAlmatyDateTime(locale, batch.createdAt)}</time>
                  </td>
                  <td className="data-table__file">{batch.fileName}</td>
                  <td>{t(`import.format.${batch.format}`)}</td>
                  <td className="num nowrap">
                    {formatCount(batch.rows)}
                    {batch.invalidRows > 0 && (
                      <span className="import-batch__left-out" data-testid="import-batch-left-out" data-count={batch.invalidRows}>
                        {t('import.batch.invalidLeftOut', { count: formatCount(batch.invalidRows) })}
                      </span>
                    )}
                  </td>
                  <td className="num nowrap">{formatTenge(batch.sumTiyn)}</td>
                  <td className="data-table__actions">
                    <UndoCell batch={batch} locale={locale} t={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
