// Where a file comes in: dropped on the zone, or picked with the button (a real file input, so the
// keyboard reaches it). While it uploads and while main reads it, the zone says so.
import { useEffect, useState, type DragEvent } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { FilePick } from '../components/file-pick.js';
import { formatCount, useTranslate } from '../i18n/i18n.js';
import { chooseFile } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';

/** What the picker offers; a dropped file of any other kind still goes to main, which says what it is. */
export const IMPORT_ACCEPT = '.csv,.xlsx,.txt,.json,.sta,.940';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function ImportDrop({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const busy = useImport((s) => s.busy);
  const uploadProgress = useImport((s) => s.uploadProgress);
  const previewProgress = useImport((s) => s.previewProgress);
  const running = useImport((s) => s.job !== null);
  const [over, setOver] = useState(false);
  const disabled = running || busy === 'upload';

  // A file dropped beside the zone must not replace the page (the browser would open it).
  useEffect(() => {
    const keep = (event: globalThis.DragEvent) => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  function drop(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) void chooseFile(file);
  }

  return (
    <div
      className={`import-drop${over ? ' import-drop--over' : ''}${disabled ? ' import-drop--disabled' : ''}`}
      data-testid="import-drop"
      data-busy={busy ?? ''}
      onDragEnter={(event) => {
        if (hasFiles(event)) setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={drop}
    >
      <p className="import-drop__title">{t('import.dropTitle')}</p>
      <FilePick label={t('import.pickFile')} testId="import-file" accept={IMPORT_ACCEPT} disabled={disabled} className="btn--primary" onFiles={([file]) => void chooseFile(file!)} />
      <p className="hint import-drop__hint">{t('import.dropHint')}</p>
      {busy === 'upload' && (
        <div className="import-drop__status" data-testid="import-uploading" role="status">
          <span>{t('import.uploading')}</span>
          <progress max={1} value={uploadProgress ?? undefined} aria-label={t('import.uploading')} />
        </div>
      )}
      {busy === 'preview' && (
        <div className="import-drop__status" data-testid="import-previewing" data-rows={previewProgress?.rows ?? 0} role="status">
          <span className="spinner spinner--small" aria-hidden="true" />
          <span>
            {previewProgress && previewProgress.totalBytes > 0
              ? t('import.progress.parsing', {
                  rows: formatCount(previewProgress.rows),
                  percent: Math.floor((100 * previewProgress.bytesRead) / previewProgress.totalBytes),
                })
              : t('import.reading')}
          </span>
          {previewProgress && previewProgress.totalBytes > 0 && (
            <progress max={previewProgress.totalBytes} value={previewProgress.bytesRead} aria-label={t('import.reading')} />
          )}
        </div>
      )}
    </div>
  );
}
