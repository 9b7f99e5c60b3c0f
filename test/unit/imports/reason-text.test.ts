// Every reason code has a sentence (`import.reason.<code>`) in the shared ru, kk and en catalogues,
// and reasonText fills them in (amounts as tenge, missing params as "?").
import { describe, expect, it } from 'vitest';
import { IMPORT_REASON_CODES } from '../../../main/services/imports/reason-codes.js';
import { catalogues } from '../../../shared/i18n/messages.js';
import { reasonText } from '../../../main/services/imports/reason-text.js';
import { formatTenge } from '../../../shared/money.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('import reason messages', () => {
  it('cover exactly the reason codes, in every language, with the same placeholders', () => {
    const keys = IMPORT_REASON_CODES.map((c) => `import.reason.${c}`).sort();
    for (const locale of ['ru', 'kk', 'en'] as const) {
      const catalogue = catalogues[locale] as Record<string, string>;
      expect(Object.keys(catalogue).filter((k) => k.startsWith('import.reason.')).sort()).toEqual(keys);
      for (const key of keys) {
        expect(catalogue[key]!.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(catalogue[key]!), `${locale} ${key}`).toEqual(placeholders((catalogues.ru as Record<string, string>)[key]!));
      }
    }
  });

  it('the import services\' error codes have messages', () => {
    for (const code of ['import_upload_not_found', 'import_batch_not_found', 'import_busy', 'import_closed']) {
      expect(Object.keys(catalogues.en)).toContain(`error.${code}`);
    }
  });

  it('fills in params, formats amounts, marks what is missing', () => {
    expect(reasonText({ code: 'bad_date', params: { field: 'Дата операции', value: '31.02.2025' } })).toBe(
      'Дата операции: not a real date "31.02.2025".',
    );
    expect(reasonText({ code: 'turnover_mismatch', params: { account: 'KZ1', kind: 'credits', declaredTiyn: 1_627_500, actualTiyn: 100 } })).toBe(
      `KZ1 declares credits of ${formatTenge(1_627_500)}, the documents add up to 1 ₸.`,
    );
    expect(reasonText({ code: 'missing_value' })).toBe('?: value missing.');
    expect(reasonText({ code: 'no_such_code' })).toBe('no_such_code');
    expect(reasonText({ code: 'bad_date', params: { field: 'Дата', value: 'x' } }, 'ru')).toBe('Дата: несуществующая дата «x».');
  });
});
