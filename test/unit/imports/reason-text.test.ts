// Every reason code has a sentence (`import.reason.<code>`) in the shared ru, kk and en catalogues,
// and reasonText fills them in (amounts as tenge, missing params as "?").
import { describe, expect, it } from 'vitest';
import { IMPORT_REASON_CODES, sizeLimit } from '../../../main/services/imports/reason-codes.js';
import { catalogues } from '../../../shared/i18n/messages.js';
import { reasonText } from '../../../main/services/imports/reason-text.js';
import { formatTenge } from '../../../shared/money.js';
import { failureFromError, SourceReadError } from '../../../main/services/imports/import-result.js';
import { readFailureMessage } from '../../../main/fs-error-text.js';

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

  it('a value too long says which field or column to fix', () => {
    expect(reasonText({ code: 'field_too_long', params: { field: 'status', length: 41, maxLength: 40 } }, 'ru')).toBe('status: слишком длинное значение — символов 41, допустимо не более 40.');
    expect(reasonText({ code: 'cell_too_long', params: { column: 13, length: 300, maxLength: 64 } }, 'en')).toBe('Column 13: the value is too long — 300 characters, at most 64.');
  });

  it('names what a param value means in the reader\'s language', () => {
    expect(reasonText({ code: 'json_not_array', params: { found: 'object' } }, 'ru')).toBe('JSON не содержит список платежей (найдено: объект).');
    expect(reasonText({ code: 'json_not_array', params: { found: 'string' } }, 'en')).toBe('The JSON holds no list of payments (found: a string).');
    expect(reasonText({ code: 'turnover_mismatch', params: { account: 'KZ1', kind: 'debits', declaredTiyn: 100, actualTiyn: 200 } }, 'ru')).toBe(
      'По KZ1 заявлено (списания) 1\u00a0₸, а по документам 2\u00a0₸.',
    );
    expect(reasonText({ code: 'balance_unchecked', params: { account: 'KZ1', which: 'opening' } }, 'kk')).toBe(
      'KZ1 бойынша қалдықтар тексерілмеді (дерек жоқ: бастапқы қалдық).',
    );
    expect(reasonText({ code: 'file_too_large', params: sizeLimit(100 * 1024 * 1024) }, 'ru')).toBe('Файл слишком большой (больше 100 МБ).');
    // field names Kassa itself gave (lines without headers) and validation issues are words, not identifiers
    expect(reasonText({ code: 'bad_date', params: { field: 'line_date', value: '31.02.2025' } }, 'ru')).toBe('Дата: несуществующая дата «31.02.2025».');
    // a column or key of the file itself is shown as it is named there
    expect(reasonText({ code: 'bad_date', params: { field: 'date', value: '31.02.2025' } }, 'ru')).toBe('date: несуществующая дата «31.02.2025».');
    expect(reasonText({ code: 'bad_mapping', params: { path: 'amountColumn', issue: 'amount_columns' } }, 'kk')).toBe(
      'Бағандарды сәйкестендіру қате (amountColumn: сома бағаны немесе кіріс пен шығыс бағандары қажет).',
    );
    expect(reasonText({ code: 'schema_violation', params: { path: 'currency', issue: 'too_big' } }, 'en')).toBe('The row failed validation (currency: a value too large or too long).');
    // a value without a word of its own is shown as it came
    expect(reasonText({ code: 'bad_value', params: { field: 'status', value: 'object' } }, 'ru')).toBe('status: неверное значение «object».');
  });

  it('has a word for every value the parsers put in a translated param', () => {
    const words = Object.keys(catalogues.ru).filter((k) => k.startsWith('import.param.'));
    for (const found of ['object', 'string', 'number', 'boolean', 'null']) expect(words).toContain(`import.param.found.${found}`);
    for (const kind of ['credits', 'debits']) expect(words).toContain(`import.param.kind.${kind}`);
    for (const which of ['section', 'opening', 'closing']) expect(words).toContain(`import.param.which.${which}`);
    for (const locale of ['kk', 'en'] as const) for (const key of words) expect(Object.keys(catalogues[locale])).toContain(key);
  });

  it('fills in params, formats amounts, marks what is missing', () => {
    expect(reasonText({ code: 'bad_date', params: { field: 'Дата операции', value: '31.02.2025' } })).toBe(
      'Дата операции: not a real date "31.02.2025".',
    );
    expect(reasonText({ code: 'turnover_mismatch', params: { account: 'KZ1', kind: 'credits', declaredTiyn: 1_627_500, actualTiyn: 100 } })).toBe(
      `KZ1 declares credits of ${formatTenge(1_627_500)}, the documents add up to ${formatTenge(100)}.`,
    );
    expect(reasonText({ code: 'missing_value' })).toBe('?: value missing.');
    expect(reasonText({ code: 'no_such_code' })).toBe('no_such_code');
    expect(reasonText({ code: 'bad_date', params: { field: 'Дата', value: 'x' } }, 'ru')).toBe('Дата: несуществующая дата «x».');
  });

  it('a file the system would not let Kassa read is said in the reader\'s words, not Node\'s "EACCES: permission denied, open …"', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/home/shop/march.csv'"), { code: 'EACCES', path: '/home/shop/march.csv' });
    const failure = failureFromError(new SourceReadError(denied.message, { cause: denied }));
    expect(failure).toMatchObject({ ok: false, code: 'read_failed', params: { message: 'EACCES' } });
    expect(reasonText(failure, 'ru')).toBe('Не удалось прочитать файл: нет прав доступа');
    expect(reasonText(failure, 'en')).toBe('The file could not be read: permission denied');
    // an error without words of its own is given as it came
    expect(reasonText(failureFromError(new SourceReadError('socket hang up')), 'en')).toBe('The file could not be read: socket hang up');
    expect(readFailureMessage(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    // Windows' "access denied" (and macOS's protected folders) have EACCES's words
    expect(reasonText(failureFromError(new SourceReadError('x', { cause: Object.assign(new Error('x'), { code: 'EPERM' }) })), 'kk')).toBe('Файлды оқу мүмкін болмады: қол жеткізу құқығы жоқ');
  });
});
