// Which statement credits are Kaspi's settlements: by the payer's BIN, else its name, else a purpose
// naming Kaspi Pay — in any script and letter case, and when a statement line cut a name in two.
import { describe, expect, it } from 'vitest';
import { isKaspiCredit, KASPI_BANK_BIN } from '../../main/services/reconcile/kaspi-payer.js';

describe('a Kaspi credit', () => {
  it('is told by the BIN, the name, or the purpose', () => {
    expect(isKaspiCredit('Anyone', KASPI_BANK_BIN, null)).toBe(true);
    expect(isKaspiCredit('АО "Kaspi Bank"', '123456789012', null)).toBe(false);
    expect(isKaspiCredit('АО «КАСПИ БАНК»', null, null)).toBe(true);
    expect(isKaspiCredit('ТОО Ромашка', null, 'Kaspi Pay')).toBe(false); // a named payer that is not Kaspi
    expect(isKaspiCredit(null, null, 'Возмещение по операциям Kaspi Pay за 01.03.2025')).toBe(true);
    expect(isKaspiCredit(null, null, 'Оплата по счёту 15')).toBe(false);
  });

  it('is told when a statement line cut the name in two', () => {
    expect(isKaspiCredit(null, null, 'возмещения по операциям в торговой точке Kas pi Pay за 01.03.2025')).toBe(true);
    expect(isKaspiCredit('АО "Kaspi Ba nk"', null, null)).toBe(true);
  });

  it('is not told when nothing is named: no BIN, no payer, no purpose', () => {
    expect(isKaspiCredit(null, null, null)).toBe(false);
    expect(isKaspiCredit(' ', '', '  ')).toBe(false);
  });

  it('is not a payer whose name only begins like Kaspi (Каспий, Kaspiyskiy)', () => {
    expect(isKaspiCredit('ТОО «Каспий Ойл»', null, null)).toBe(false);
    expect(isKaspiCredit('IP Kaspiyskiy', null, 'Kaspi Pay')).toBe(false);
    expect(isKaspiCredit(null, null, 'Перевод с Kaspi Gold')).toBe(false); // Kaspi, but not Kaspi Pay
  });
});
