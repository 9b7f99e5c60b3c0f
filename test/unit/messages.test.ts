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
  it('interpolates and falls back for unknown error codes', () => {
    expect(translate('en', 'sale.orderNumber', { number: '000007' })).toBe('Receipt No. 000007');
    expect(errorMessage('ru', 'kaspi_rejected', { code: 990000028 })).toBe('Неверная сумма операции');
    expect(errorMessage('en', 'kaspi_rejected', { code: -1501 })).toMatch(/register it again/);
    expect(errorMessage('ru', 'kaspi_rejected', { code: 12345 })).toContain('12345');
    expect(errorMessage('kk', 'live_not_ready', { missing: 'bin' })).toContain('БСН');
    expect(errorMessage('kk', 'no_such_code')).toBe(catalogues.kk['error.internal']);
  });
});
