import { describe, expect, it } from 'vitest';
import { catalogues, errorMessage, translate } from '../../shared/i18n/messages.js';

describe('message catalogue', () => {
  const ruKeys = Object.keys(catalogues.ru).sort();
  it.each(['kk', 'en'] as const)('%s has exactly the Russian keys, none empty', (locale) => {
    expect(Object.keys(catalogues[locale]).sort()).toEqual(ruKeys);
    for (const value of Object.values(catalogues[locale])) expect(value.trim()).not.toBe('');
  });
  it('keeps placeholders in every language', () => {
    for (const key of ruKeys) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const ru = names((catalogues.ru as Record<string, string>)[key]!);
      expect(names((catalogues.kk as Record<string, string>)[key]!), key).toEqual(ru);
      expect(names((catalogues.en as Record<string, string>)[key]!), key).toEqual(ru);
    }
  });
  it('Russian never puts a count straight before a word that must agree with it (1 строка / 2 строки / 5 строк): "label: N" instead', () => {
    const agreeing = Object.entries(catalogues.ru).filter(([, text]) => /\{(count|rows|duplicates|imported|invalid|lines|pairs|days)\}\s+(?!из\s)[а-яё]/i.test(text));
    expect(agreeing.map(([key]) => key)).toEqual([]);
    expect(translate('ru', 'import.batch.invalidLeftOut', { count: '1' })).toBe('не импортировано строк с ошибками: 1');
  });

  it('interpolates and falls back for unknown error codes', () => {
    expect(translate('en', 'sale.orderNumber', { number: '000007' })).toBe('Receipt No. 000007');
    expect(errorMessage('ru', 'kaspi_rejected', { code: 990000028 })).toBe('Неверная сумма операции');
    expect(errorMessage('en', 'kaspi_rejected', { code: -1501 })).toMatch(/register it again/);
    expect(errorMessage('ru', 'kaspi_rejected', { code: 12345 })).toContain('12345');
    expect(errorMessage('kk', 'live_not_ready', { missing: 'bin' })).toContain('БСН');
    expect(errorMessage('kk', 'no_such_code')).toBe(catalogues.kk['error.internal']);
  });
});

describe('Kaspi status codes (KASPI_QR_API.md §7)', () => {
  const DOCUMENTED = [-999, -10000, -1501, -1502, -1503, -1601, -14000002, -99000001, -99000002, -99000003, -99000005, -99000006, -99000011, -99000020, 990000018, 990000026, 990000028, 990000033];
  it.each(['ru', 'kk', 'en'] as const)('every documented code has its own message in %s', (locale) => {
    const texts = DOCUMENTED.map((code) => errorMessage(locale, 'kaspi_rejected', { code }));
    for (const [i, text] of texts.entries()) {
      expect(text, String(DOCUMENTED[i])).not.toBe(errorMessage(locale, 'internal'));
      expect(text, String(DOCUMENTED[i])).not.toContain(String(DOCUMENTED[i]));
    }
    expect(new Set(texts).size).toBe(DOCUMENTED.length);
  });
});

describe('error messages with amounts and states', () => {
  it('shows amounts (params named …Tiyn) in tenge and sale states by their names', async () => {
    const { errorMessage } = await import('../../shared/i18n/messages.js');
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(errorMessage('ru', 'refund_too_much', { availableTiyn: 2_770_050 }))).toBe('Сумма возврата больше доступной: можно вернуть не больше 27 700,50 ₸');
    expect(plain(errorMessage('en', 'refund_already_applied', { availableTiyn: 70_000 }))).toContain('(700 ₸ left)');
    expect(errorMessage('ru', 'illegal_transition', { from: 'paid', to: 'cancelled' })).toBe('Нельзя перевести продажу из «Оплачено» в «Отменено»');
    expect(errorMessage('en', 'illegal_transition', { from: 'odd', to: 'cancelled' })).toContain('“odd”');
    expect(errorMessage('ru', 'refund_illegal_transition', { from: 'done', to: 'cancelled' })).toBe('Нельзя перевести возврат из «Возврат выполнен» в «Возврат отменён»');
    expect(errorMessage('ru', 'demo_action_refused', { from: 'cancelled', action: 'confirm' })).toBe('Действие «Подтвердить» сейчас недоступно: Отменено');
  });

  it('a Kaspi refusal without a code asks to check the credentials instead of showing a bare {code}', async () => {
    const { errorMessage } = await import('../../shared/i18n/messages.js');
    for (const locale of ['ru', 'kk', 'en'] as const) {
      expect(errorMessage(locale, 'kaspi_rejected')).toBe(errorMessage(locale, 'kaspi_refused'));
      expect(errorMessage(locale, 'kaspi_rejected', { code: 'x-odd' })).toContain('x-odd');
    }
  });
});
