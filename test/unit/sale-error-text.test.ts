// The reason a finished sale shows the cashier: Kaspi's refusals say what Kaspi said, never "{code}".
import { describe, expect, it } from 'vitest';
import { saleErrorText } from '../../renderer/src/i18n/reason-text.js';

describe('saleErrorText', () => {
  it("names Kaspi's documented reason, or its code when the code is not documented", () => {
    expect(saleErrorText('ru', { errorCode: 'kaspi_rejected', kaspiStatus: '-1501' })).toBe('Касса с таким токеном не найдена в Kaspi: зарегистрируйте её заново (Настройки → Касса в Kaspi)');
    expect(saleErrorText('en', { errorCode: 'kaspi_rejected', kaspiStatus: '990000028' })).not.toContain('{');
    expect(saleErrorText('ru', { errorCode: 'kaspi_rejected', kaspiStatus: '123456' })).toBe('Kaspi отклонил операцию (код 123456)');
    expect(saleErrorText('kk', { errorCode: 'kaspi_rejected', kaspiStatus: null })).not.toContain('{code}');
    // an HTTP refusal carries no code: the credentials and address are what to check
    expect(saleErrorText('ru', { errorCode: 'kaspi_rejected', kaspiStatus: null })).toBe('Kaspi отказал в доступе: проверьте ключ API, сертификат и адрес');
    expect(saleErrorText('en', { errorCode: 'create_unavailable', kaspiStatus: '-999' })).toContain('(code -999)');
  });

  it('other reasons as the catalogue words them', () => {
    expect(saleErrorText('ru', { errorCode: 'scan_timeout', kaspiStatus: 'Wait' })).toBe('Покупатель не отсканировал QR вовремя');
    expect(saleErrorText('ru', { errorCode: 'scan_timeout', kaspiStatus: 'Wait', kind: 'qr' })).toBe('Покупатель не отсканировал QR вовремя');
    // a payment link sent to the buyer's phone had no QR to scan
    expect(saleErrorText('en', { errorCode: 'scan_timeout', kaspiStatus: null, kind: 'link' })).toBe('The customer did not open the payment link in time');
    expect(saleErrorText('kk', { errorCode: 'scan_timeout', kaspiStatus: null, kind: 'link' })).toBe('Сатып алушы төлем сілтемесін уақытында ашпады');
  });
});
