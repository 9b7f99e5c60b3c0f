// What main found in the file, before anything is written: its name and format (the detected one,
// or the manager's choice), the mapping form for a CSV, the counts and the sum, what is new and
// what was imported before, invalid lines with their reasons, file-wide problems, possible
// duplicates under another id (shown, never merged) and a sample of the rows.
import { useRef } from 'react';
import { IMPORT_FORMATS, type FileHeader, type ImportFormat, type ImportPreview } from '../../../shared/import-domain.js';
import type { Locale } from '../../../shared/domain.js';
import { formatTenge } from '../../../shared/money.js';
import { formatCount, formatDay, formatDayOrTime, useTranslate, type Translate } from '../i18n/i18n.js';
import { reasonText } from '../i18n/reason-text.js';
import { chooseFormat } from '../state/import-actions.js';
import { useCashier } from '../state/cashier-store.js';
import { effectiveFormat, useImport } from '../state/import-store.js';
import { ImportCommit } from './import-commit.js';
import { ImportMapping } from './import-mapping.js';
import { InvalidRows } from './invalid-rows.js';
import { useFocusWhenLost } from '../hooks/use-focus-when-lost.js';
import { TableHead } from '../components/table-head.js';

function FormatSelect({ preview, t }: { preview: ImportPreview; t: Translate }) {
  const format = useImport((s) => s.format);
  const running = useImport((s) => s.job !== null);
  const shown = effectiveFormat({ format, preview });
  const detected = preview.detectedFormat;
  return (
    <div className="import-format">
      <label className="field">
        <span className="field__label">{t('import.format')}</span>
        <select
          className="field__input field__select"
          data-testid="import-format"
          data-detected={detected ?? ''}
          value={shown ?? ''}
          disabled={running}
          onChange={(event) => {
            const value = event.target.value as ImportFormat | '';
            // Picking what detection found is "as detected" again.
            chooseFormat(value === '' || value === detected ? null : value);
          }}
        >
          {shown === null && (
            <option value="" disabled>
              {t('import.formatChoose')}
            </option>
          )}
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`import.format.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="hint" data-testid="import-detected" data-format={detected ?? ''}>
        {detected === null
          ? t('import.detectedNone')
          : format === null
            ? t('import.detectedAuto', { format: t(`import.format.${detected}`) })
            : t('import.detectedOther', { format: t(`import.format.${detected}`) })}
      </p>
    </div>
  );
}

function Figure({ testId, label, value, data, tone }: { testId: string; label: string; value: string; data: number; tone?: string }) {
  return (
    <div className={`import-figure${tone ? ` import-figure--${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-value={data}>
        {value}
      </dd>
    </div>
  );
}

function Problems({ preview, locale, t }: { preview: ImportPreview; locale: Locale; t: Translate }) {
  if (preview.problems.length === 0) return null;
  // Nothing readable at all: the problem is why (the file is refused), not a side note.
  const refused = preview.rows === 0 && !preview.recordsPeriod;
  return (
    <div className={refused ? 'import-problems import-problems--refused' : 'import-problems'} data-testid="import-problems" role={refused ? 'alert' : 'note'}>
      <h3 className="import-section__title">{t(refused ? 'import.refused' : 'import.problems')}</h3>
      <ul>
        {preview.problems.map((problem, i) => (
          <li key={`${problem.code}-${i}`} data-testid="import-problem" data-code={problem.code} data-line={lineOf(problem) ?? ''}>
            {lineOf(problem) !== null && <span className="import-invalid__line">{t('import.line', { line: lineOf(problem)! })}: </span>}
            {reasonText(locale, problem)}
          </li>
        ))}
      </ul>
    </div>
  );
}


function NearDuplicates({ preview, locale, t }: { preview: ImportPreview; locale: Locale; t: Translate }) {
  if (preview.nearDuplicates.length === 0) return null;
  return (
    <div className="import-near" data-testid="import-near-duplicates" data-count={preview.nearDuplicates.length}>
      <h3 className="import-section__title">{t('import.nearTitle', { count: preview.nearDuplicates.length })}</h3>
      <p className="hint">{t('import.nearHint')}</p>
      <div className="table-scroll table-scroll--tall">
        <table className="data-table">
          <TableHead
            columns={[
              { label: t('import.col.line') },
              { label: t('import.col.date') },
              { label: t('import.col.amount'), num: true },
              { label: t('import.col.newRow') },
              { label: t('import.col.existingRow') },
            ]}
          />
          <tbody>
            {preview.nearDuplicates.map((near) => (
              <tr key={`${near.line}-${near.externalId}`} data-testid="import-near-duplicate" data-line={near.line}>
                <td>{near.line}</td>
                <td className="nowrap">{formatDayOrTime(locale, near.date)}</td>
                <td className="num nowrap">{formatTenge(near.amountTiyn)}</td>
                <td title={near.externalId}>{near.label || '—'}</td>
                <td title={near.existingExternalId}>{near.existingLabel || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Sample({ preview, locale, t }: { preview: ImportPreview; locale: Locale; t: Translate }) {
  if (preview.sample.length === 0) return null;
  return (
    <div className="import-sample">
      <h3 className="import-section__title">
        {preview.sample.length < preview.rows ? t('import.sampleFirst', { count: preview.sample.length }) : t('import.sampleAll')}
      </h3>
      <div className="table-scroll table-scroll--tall">
        <table className="data-table" data-testid="import-sample">
          <TableHead
            columns={[
              { label: t('import.col.line') },
              { label: t('import.col.date') },
              { label: t('import.col.label') },
              { label: t('import.col.amount'), num: true },
              { label: t('import.col.state') },
            ]}
          />
          <tbody>
            {preview.sample.map((row) => (
              <tr key={`${row.line}-${row.externalId}`} data-testid="import-sample-row" data-line={row.line} data-duplicate={row.duplicate}>
                <td>{row.line}</td>
                <td className="nowrap">{formatDayOrTime(locale, row.date)}</td>
                <td className="import-sample__label">{row.label || '—'}</td>
                <td className={`num nowrap${row.amountTiyn < 0 ? ' amount--negative' : ''}`}>{formatTenge(row.amountTiyn)}</td>
                <td>
                  <span className={`pill pill--${row.duplicate ? 'muted' : 'new'}`}>{t(row.duplicate ? 'import.rowDuplicate' : 'import.rowNew')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** What the file says about itself: period, BIN and name, accounts — is this the right shop and month? */
function FileHeaderLine({ header, locale, t }: { header: FileHeader; locale: Locale; t: Translate }) {
  // [text, kept on one line]: a period or a BIN never breaks; a long shop name may
  const parts: [string, boolean][] = [];
  if (header.periodFrom !== null || header.periodTo !== null) {
    const from = header.periodFrom ?? header.periodTo!;
    parts.push([t('import.header.period', { from: formatDay(locale, from), to: formatDay(locale, header.periodTo ?? from) }), true]);
  }
  if (header.name !== null) parts.push([header.name, false]);
  if (header.bin !== null) parts.push([t('import.header.bin', { bin: header.bin }), true]);
  if (header.accounts.length > 0) {
    const key = header.accounts.length === 1 ? 'import.header.account' : 'import.header.accounts';
    parts.push([t(key, { accounts: header.accounts.join(', ') }), false]);
  }
  return (
    <p
      className="hint import-preview__header"
      data-testid="import-header"
      data-period-from={header.periodFrom ?? ''}
      data-period-to={header.periodTo ?? ''}
      data-bin={header.bin ?? ''}
    >
      {parts.map(([text, whole]) => (
        <span key={text} className={whole ? 'import-preview__fact import-preview__fact--whole' : 'import-preview__fact'}>
          {text}
        </span>
      ))}
    </p>
  );
}

/**
 * A file made for another BIN than the shop's — the one in the Kaspi settings (r3), else the one the
 * files imported so far were made for: most likely another organization's file (a sister shop's).
 */
function BinMismatch({ fileBin, knownBin, t }: { fileBin: string; knownBin: string | null; t: Translate }) {
  const settingsBin = useCashier((s) => s.settings?.kaspi.organizationBin ?? null)?.replace(/\s/g, '') ?? '';
  // only two real BINs are compared (main gives the file's as 12 digits when it holds one)
  const inSettings = /^\d{12}$/.test(settingsBin);
  const theirs = inSettings ? settingsBin : (knownBin ?? '');
  if (!/^\d{12}$/.test(fileBin) || !/^\d{12}$/.test(theirs) || theirs === fileBin) return null;
  return (
    <p className="feedback feedback--error import-preview__mismatch" data-testid="import-bin-mismatch" role="alert">
      {inSettings ? t('import.header.binMismatch', { file: fileBin, settings: theirs }) : t('import.header.binMismatchImported', { file: fileBin, known: theirs })}
    </p>
  );
}

const isFileField = (active: Element) => active instanceof HTMLInputElement && active.type === 'file';

export function ImportPreviewPanel({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const preview = useImport((s) => s.preview);
  const format = useImport((s) => s.format);
  const stale = useImport((s) => s.stale);
  const busy = useImport((s) => s.busy);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(title, preview?.uploadId, isFileField); // the file chosen: its preview takes the focus (from the file field too)
  if (!preview) return null;
  const chosen = effectiveFormat({ format, preview });
  const csv = chosen === 'csv';
  const waiting = stale || busy === 'preview';
  // The figures and reasons on hand were found reading the file as another format: not shown as this one's.
  const otherFormat = chosen !== null && chosen !== preview.format;

  return (
    <section className="import-card import-preview" data-testid="import-preview" data-format={preview.format} data-stale={waiting} aria-busy={waiting}>
      <div className="import-preview__head">
        <div className="import-preview__title">
          <h2 ref={title} tabIndex={-1} className="import-card__title" data-testid="import-preview-title">
            <span className="visually-hidden">{t('import.file')}: </span>
            <span data-testid="import-file-name">{preview.fileName}</span>
          </h2>
          {preview.header && <FileHeaderLine header={preview.header} locale={locale} t={t} />}
          {preview.header?.bin && <BinMismatch fileBin={preview.header.bin} knownBin={preview.knownBin} t={t} />}
        </div>
        <FormatSelect preview={preview} t={t} />
      </div>
      {csv && <ImportMapping locale={locale} />}
      <div
        className={waiting ? 'import-preview__body import-preview__body--stale' : 'import-preview__body'}
        data-testid="import-preview-body"
        hidden={otherFormat}
      >
        <dl className="import-figures">
          <Figure testId="import-rows" label={t('import.rows')} value={formatCount(preview.rows)} data={preview.rows} />
          <Figure testId="import-sum" label={t('import.sum')} value={formatTenge(preview.sumTiyn)} data={preview.sumTiyn} />
          <Figure testId="import-new" label={t('import.new')} value={formatCount(preview.newRows)} data={preview.newRows} tone="ok" />
          <Figure
            testId="import-duplicates"
            label={t('import.duplicates')}
            value={formatCount(preview.duplicates)}
            data={preview.duplicates}
            tone={preview.duplicates > 0 ? 'muted' : undefined}
          />
          {preview.updatedRows > 0 && (
            <Figure testId="import-updated" label={t('import.updated')} value={formatCount(preview.updatedRows)} data={preview.updatedRows} tone="ok" />
          )}
          <Figure
            testId="import-invalid-count"
            label={t('import.invalid')}
            value={formatCount(preview.invalidCount)}
            data={preview.invalidCount}
            tone={preview.invalidCount > 0 ? 'bad' : undefined}
          />
        </dl>
        <Problems preview={preview} locale={locale} t={t} />
        {preview.invalidCount > 0 && (
          <InvalidRows invalid={preview.invalid} count={preview.invalidCount} title={t('import.invalidTitle', { count: formatCount(preview.invalidCount) })} locale={locale} t={t} />
        )}
        <NearDuplicates preview={preview} locale={locale} t={t} />
        <Sample preview={preview} locale={locale} t={t} />
      </div>
      <ImportCommit locale={locale} />
    </section>
  );
}

/** A file-level reason may still point at a line (a record too long, broken JSON, a bad balance). */
function lineOf(problem: ImportPreview['problems'][number]): number | null {
  const line = problem.params?.line;
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : null;
}
