// "CSV with mapping": which column holds the date, the amount (or credit and debit), and how the
// file is written. Column names are offered from the file's header row (read here, in the browser);
// any name may still be typed. Every change previews again once typing pauses. Mappings are saved
// and loaded by name.
import { useId, useMemo } from 'react';
import type { Locale } from '../../../shared/domain.js';
import { errorMessage, translate } from '../../../shared/i18n/messages.js';
import { useTranslate, type Translate } from '../i18n/i18n.js';
import { applyMapping, saveMapping, setMappingName, updateDraft } from '../state/import-actions.js';
import { useImport } from '../state/import-store.js';
import { headerColumns } from './file-head.js';
import {
  DATE_FORMATS,
  DECIMAL_SEPARATORS,
  DELIMITERS,
  ENCODINGS,
  headerRowNumber,
  toMapping,
  type MappingDraft,
} from './mapping-draft.js';

const DELIMITER_KEYS: Record<string, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'pipe' };

type ColumnField =
  | 'dateColumn'
  | 'timeColumn'
  | 'amountColumn'
  | 'creditColumn'
  | 'debitColumn'
  | 'idColumn'
  | 'descriptionColumn'
  | 'counterpartyColumn'
  | 'docNumberColumn';

function ColumnInput({
  field,
  label,
  testId,
  listId,
  required,
  t,
}: {
  field: ColumnField;
  label: string;
  testId: string;
  listId: string;
  required?: boolean;
  t: Translate;
}) {
  const value = useImport((s) => s.draft[field]);
  return (
    <label className="field">
      <span className="field__label">
        {label}
        {!required && <span className="import-mapping__optional"> ({t('import.mapping.optional')})</span>}
      </span>
      <input
        className="field__input"
        data-testid={testId}
        list={listId}
        maxLength={200}
        spellCheck={false}
        required={required}
        aria-required={required}
        value={value}
        onChange={(event) => updateDraft({ [field]: event.target.value } as Partial<MappingDraft>)}
      />
    </label>
  );
}

function SelectField<V extends string>({
  label,
  testId,
  value,
  options,
  onChange,
}: {
  label: string;
  testId: string;
  value: V;
  /** [value, text] pairs. */
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select className="field__input" data-testid={testId} value={value} onChange={(event) => onChange(event.target.value as V)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ImportMapping({ locale }: { locale: Locale }) {
  const t = useTranslate(locale);
  const draft = useImport((s) => s.draft);
  const head = useImport((s) => s.head);
  const mappings = useImport((s) => s.mappings);
  const mappingName = useImport((s) => s.mappingName);
  const feedback = useImport((s) => s.mappingFeedback);
  const listId = useId();
  const headerRow = headerRowNumber(draft);
  const columns = useMemo(
    () => (head && headerRow !== null ? headerColumns(head, draft.encoding, draft.delimiter, headerRow) : []),
    [head, draft.encoding, draft.delimiter, headerRow],
  );
  const complete = toMapping(draft) !== null;

  return (
    <fieldset className="import-mapping" data-testid="import-mapping" data-complete={complete}>
      <legend className="import-mapping__title">{t('import.mapping.title')}</legend>
      <datalist id={listId}>
        {columns.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {mappings.length > 0 && (
        <label className="field">
          <span className="field__label">{t('import.mapping.load')}</span>
          <select
            className="field__input field__select"
            data-testid="import-mapping-load"
            value=""
            onChange={(event) => {
              if (event.target.value) applyMapping(event.target.value);
            }}
          >
            <option value="">{t('import.mapping.choose')}</option>
            {mappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}

      <div className="import-mapping__grid">
        <SelectField
          label={t('import.mapping.delimiter')}
          testId="import-mapping-delimiter"
          value={draft.delimiter}
          options={DELIMITERS.map((d) => [d, t(`import.mapping.delimiter.${DELIMITER_KEYS[d]}`)] as const)}
          onChange={(delimiter) => updateDraft({ delimiter })}
        />
        <SelectField
          label={t('import.mapping.encoding')}
          testId="import-mapping-encoding"
          value={draft.encoding}
          options={ENCODINGS.map((e) => [e, e === 'utf-8' ? 'UTF-8' : 'Windows-1251'] as const)}
          onChange={(encoding) => updateDraft({ encoding })}
        />
        <label className="field">
          <span className="field__label">{t('import.mapping.headerRow')}</span>
          <input
            className="field__input"
            data-testid="import-mapping-header-row"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            aria-invalid={headerRow === null}
            value={draft.headerRow}
            onChange={(event) => updateDraft({ headerRow: event.target.value })}
          />
        </label>
        <SelectField
          label={t('import.mapping.decimalSeparator')}
          testId="import-mapping-decimal"
          value={draft.decimalSeparator}
          options={DECIMAL_SEPARATORS.map((d) => [d, t(d === ',' ? 'import.mapping.decimal.comma' : 'import.mapping.decimal.point')] as const)}
          onChange={(decimalSeparator) => updateDraft({ decimalSeparator })}
        />
      </div>

      <div className="import-mapping__grid">
        <ColumnInput field="dateColumn" label={t('import.mapping.dateColumn')} testId="import-mapping-date-column" listId={listId} required t={t} />
        <SelectField
          label={t('import.mapping.dateFormat')}
          testId="import-mapping-date-format"
          value={draft.dateFormat}
          options={DATE_FORMATS.map((f) => [f, translate(locale, `import.mapping.dateFormat.${f}`)] as const)}
          onChange={(dateFormat) => updateDraft({ dateFormat })}
        />
        <ColumnInput field="timeColumn" label={t('import.mapping.timeColumn')} testId="import-mapping-time-column" listId={listId} t={t} />
      </div>

      <div className="import-mapping__amount" role="radiogroup" aria-label={t('import.mapping.amountMode')}>
        <label className="checkbox">
          <input
            type="radio"
            name={`${listId}-amount`}
            data-testid="import-mapping-amount-single"
            checked={draft.amountMode === 'single'}
            onChange={() => updateDraft({ amountMode: 'single' })}
          />
          <span>{t('import.mapping.amountSingle')}</span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${listId}-amount`}
            data-testid="import-mapping-amount-split"
            checked={draft.amountMode === 'split'}
            onChange={() => updateDraft({ amountMode: 'split' })}
          />
          <span>{t('import.mapping.amountSplit')}</span>
        </label>
      </div>
      <div className="import-mapping__grid">
        {draft.amountMode === 'single' ? (
          <ColumnInput field="amountColumn" label={t('import.mapping.amountColumn')} testId="import-mapping-amount-column" listId={listId} required t={t} />
        ) : (
          <>
            <ColumnInput field="creditColumn" label={t('import.mapping.creditColumn')} testId="import-mapping-credit-column" listId={listId} required t={t} />
            <ColumnInput field="debitColumn" label={t('import.mapping.debitColumn')} testId="import-mapping-debit-column" listId={listId} required t={t} />
          </>
        )}
        <label className="checkbox import-mapping__invert">
          <input
            type="checkbox"
            data-testid="import-mapping-invert-sign"
            checked={draft.invertSign}
            onChange={(event) => updateDraft({ invertSign: event.target.checked })}
          />
          <span>{t('import.mapping.invertSign')}</span>
        </label>
      </div>

      <div className="import-mapping__grid">
        <ColumnInput field="idColumn" label={t('import.mapping.idColumn')} testId="import-mapping-id-column" listId={listId} t={t} />
        <ColumnInput field="descriptionColumn" label={t('import.mapping.descriptionColumn')} testId="import-mapping-description-column" listId={listId} t={t} />
        <ColumnInput field="counterpartyColumn" label={t('import.mapping.counterpartyColumn')} testId="import-mapping-counterparty-column" listId={listId} t={t} />
        <ColumnInput field="docNumberColumn" label={t('import.mapping.docNumberColumn')} testId="import-mapping-doc-number-column" listId={listId} t={t} />
        <label className="field import-mapping__account">
          <span className="field__label">
            {t('import.mapping.account')}
            <span className="import-mapping__optional"> ({t('import.mapping.optional')})</span>
          </span>
          <input
            className="field__input"
            data-testid="import-mapping-account"
            maxLength={64}
            spellCheck={false}
            placeholder="KZ…"
            value={draft.account}
            onChange={(event) => updateDraft({ account: event.target.value })}
          />
        </label>
      </div>
      {columns.length > 0 && (
        <p className="hint" data-testid="import-mapping-columns">
          {t('import.mapping.columnsFound', { columns: columns.slice(0, 12).join(' · ') })}
        </p>
      )}
      {!complete && (
        <p className="import-mapping__missing" data-testid="import-mapping-incomplete" role="status">
          {t(headerRow === null ? 'import.mapping.badHeaderRow' : 'import.mapping.incomplete')}
        </p>
      )}

      <div className="import-mapping__save">
        <label className="field">
          <span className="field__label">{t('import.mapping.name')}</span>
          <input
            className="field__input"
            data-testid="import-mapping-name"
            maxLength={100}
            value={mappingName}
            onChange={(event) => setMappingName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void saveMapping();
            }}
          />
        </label>
        <button type="button" className="btn btn--ghost" data-testid="import-mapping-save" disabled={!complete || mappingName.trim() === ''} onClick={() => void saveMapping()}>
          {t('import.mapping.save')}
        </button>
      </div>
      {feedback && (
        <p
          className={`feedback feedback--${feedback.ok ? 'ok' : 'error'}`}
          data-testid="import-mapping-feedback"
          data-ok={feedback.ok}
          data-code={'code' in feedback ? feedback.code : feedback.key}
          role={feedback.ok ? 'status' : 'alert'}
        >
          {'code' in feedback ? errorMessage(locale, feedback.code, feedback.params) : t(feedback.key, feedback.params)}
        </p>
      )}
    </fieldset>
  );
}
