// A file's lines with errors and why, as main read them (the first ones; how many there are in all):
// in the preview before an import, and in the result of one that imported the valid rows only.
import type { ImportPreview } from '../../../shared/import-domain.js';
import type { Locale } from '../../../shared/domain.js';
import { formatCount, type Translate } from '../i18n/i18n.js';
import { reasonText } from '../i18n/reason-text.js';

export function InvalidRows({ invalid, count, title, locale, t }: { invalid: ImportPreview['invalid']; count: number; title: string; locale: Locale; t: Translate }) {
  return (
    <div className="import-invalid" data-testid="import-invalid" data-count={count}>
      <h3 className="import-section__title">{title}</h3>
      <ul className="import-invalid__list">
        {invalid.map((entry, i) => (
          <li key={`${entry.line ?? 'x'}-${i}`} data-testid="import-invalid-row" data-line={entry.line ?? ''} data-code={entry.reason.code}>
            <span className="import-invalid__line">{entry.line === null ? t('import.noLine') : t('import.line', { line: entry.line })}</span>
            <span>{reasonText(locale, entry.reason)}</span>
          </li>
        ))}
      </ul>
      {invalid.length < count && <p className="hint">{t('import.invalidMore', { shown: formatCount(invalid.length), count: formatCount(count) })}</p>}
    </div>
  );
}
