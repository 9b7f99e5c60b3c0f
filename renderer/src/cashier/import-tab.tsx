// The Import tab: a file in (drop or pick), what main found in it (preview, format, CSV mapping),
// Confirm with progress and Cancel, imports other windows run, how it ended, and the history of imports with Undo.
import { useEffect, useRef } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { errorMessage, translate } from '../../../shared/i18n/messages.js';
import { useTranslate } from '../i18n/i18n.js';
import { openTab } from '../state/cashier-actions.js';
import { clearFile, openImportTab } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';
import { ImportBatches } from './import-batches.js';
import { ImportDrop } from './import-drop.js';
import { ImportOthers } from './import-others.js';
import { ImportPreviewPanel } from './import-preview.js';
import { ImportResult } from './import-result.js';

function ImportErrorLine({ locale }: { locale: Locale }) {
  const error = useImport((s) => s.error);
  if (!error) return null;
  const text = error.kind === 'api' ? errorMessage(locale, error.code, error.params) : translate(locale, error.key, error.params);
  return (
    <p className="feedback feedback--error import-error" data-testid="import-error" data-code={error.kind === 'api' ? error.code : error.key} role="alert">
      {text}
    </p>
  );
}

export function ImportTab({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const hasFile = useImport((s) => s.file !== null || s.preview !== null);
  const running = useImport((s) => s.job !== null);
  const hasResult = useImport((s) => s.result !== null);
  useEffect(() => openImportTab(), []);

  // What the manager acted on went away (the file cleared, the result closed, Import pressed and its
  // button replaced by the progress): the focus goes to what comes next rather than to the page.
  const stage = running ? 'running' : hasResult ? 'result' : hasFile ? 'file' : 'empty';
  const section = useRef<HTMLElement>(null);
  const shownStage = useRef(stage);
  useEffect(() => {
    const changed = shownStage.current !== stage;
    shownStage.current = stage;
    const active = document.activeElement;
    if (!changed || (active !== null && active !== document.body)) return;
    const next = stage === 'running' ? '[data-testid="import-progress"]' : stage === 'empty' ? '[data-testid="import-file"]' : null;
    if (next) section.current?.querySelector<HTMLElement>(next)?.focus();
  }, [stage]);

  return (
    <section className="import" data-testid="import" ref={section}>
      <div className="import__intro">
        <p className="hint">{t('import.intro')}</p>
        <p className="hint">
          {t('import.reconcileHint')}{' '}
          <button type="button" className="link-button" data-testid="import-open-reconcile" onClick={() => {
              openTab('reconcile');
              // the link goes with the tab it is on: the keyboard user is put on the tab now open
              setTimeout(() => document.getElementById('tab-reconcile')?.focus(), 0);
            }}
          >
            {t('tabs.reconcile')}
          </button>
        </p>
      </div>
      <ImportOthers locale={locale} />
      <ImportDrop locale={locale} />
      <ImportErrorLine locale={locale} />
      <ImportResult locale={locale} />
      <ImportPreviewPanel locale={locale} />
      {hasFile && !running && (
        <button type="button" className="btn btn--ghost import__clear" data-testid="import-clear" onClick={clearFile}>
          {t('import.clear')}
        </button>
      )}
      <ImportBatches locale={locale} />
    </section>
  );
}
