// The Import tab's first guess of a CSV mapping from the file's head: which column is the payer,
// the document number and the operation id, as banks name them.
import { describe, expect, it } from 'vitest';
import { guessMapping, headerColumns } from '../../renderer/src/cashier/file-head.js';

const guess = (header: string, row: string) => guessMapping({ bytes: new TextEncoder().encode(`${header}\n${row}\n`), complete: true });

describe('guessing the mapping of a bank CSV', () => {
  it("takes the payer's name, not its BIN, account or bank", () => {
    const g = guess(
      'Дата;БИН плательщика;Счет плательщика;Банк плательщика;Плательщик;Сумма;Назначение',
      '01.03.2025;971240001315;KZ1;АО Kaspi Bank;АО "Kaspi Bank";16275,00;Kaspi Pay',
    );
    expect(g.counterpartyColumn).toBe('Плательщик');
    expect(g).toMatchObject({ dateColumn: 'Дата', amountColumn: 'Сумма', descriptionColumn: 'Назначение' });
  });

  it('a document number is never taken for the id (numbers repeat); a reference is', () => {
    const only = guess('Дата;Номер документа;Сумма', '01.03.2025;15;100,00');
    expect(only).toMatchObject({ docNumberColumn: 'Номер документа' });
    expect(only.idColumn).toBeUndefined();
    for (const doc of ['Номер документа', '№ док', 'Номер платежного документа']) {
      expect(guess(`Дата;${doc};Референс;Сумма`, '01.03.2025;15;R-1;100,00')).toMatchObject({ idColumn: 'Референс', docNumberColumn: doc });
    }
  });

  it('a row counter ("№", "№ п/п", "Номер") is never the id: the next export numbers its lines 1, 2, 3 again', () => {
    for (const counter of ['№', '№ п/п', 'Номер', 'N']) {
      expect(guess(`${counter};Дата;Сумма`, '1;01.03.2025;100,00').idColumn).toBeUndefined();
    }
    for (const id of ['ID', 'Референс', 'Reference', 'RRN', 'ID операции', 'Номер транзакции', '№ операции']) {
      expect(guess(`№;Дата;${id};Сумма`, '1;01.03.2025;R-1;100,00').idColumn).toBe(id);
    }
  });

  it("Excel's \"Unicode text\" (UTF-16 with its byte-order mark): the header's names are read as text", () => {
    const text = '\ufeffДата\tСомасы\tТөлеуші\n01.03.2025\t100,00\tҚазақ ЖШС\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const g = guessMapping({ bytes, complete: true });
    expect(g).toMatchObject({ delimiter: '\t', dateColumn: 'Дата', amountColumn: 'Сомасы', counterpartyColumn: 'Төлеуші' });
  });

  it('header cells wrapped over two lines (Excel) and a quoted multi-line metadata cell: rows counted and names offered as main reads them', () => {
    const head = { bytes: new TextEncoder().encode('Выписка по счёту;;\n"№";"Дата\nоперации";"Сумма\nпо кредиту"\n1;01.03.2025;16 275,00\n'), complete: true };
    expect(guessMapping(head)).toMatchObject({ headerRow: '2', dateColumn: 'Дата операции' });
    expect(headerColumns(head, 'utf-8', ';', 2)).toEqual(['№', 'Дата операции', 'Сумма по кредиту']);
    const meta = guessMapping({
      bytes: new TextEncoder().encode('Клиент;"ТОО Ромашка\nг. Алматы, ул. Абая 1"\nДата;Время;Сумма;Назначение;Плательщик\n01.03.2025;10:00;100,00;Kaspi;АО Kaspi Bank\n'),
      complete: true,
    });
    expect(meta).toMatchObject({ headerRow: '2', dateColumn: 'Дата', amountColumn: 'Сумма' });
  });

  it('the date format from the first row: two-digit years, and month first when the middle number passes 12', () => {
    expect(guess('Дата;Сумма', '01.03.25;100,00').dateFormat).toBe('dd.mm.yy');
    expect(guess('Дата;Сумма', '01.03.2025;100,00').dateFormat).toBe('dd.mm.yyyy');
    expect(guess('Дата;Сумма', '03/14/2025;100,00').dateFormat).toBe('mm/dd/yyyy');
    expect(guess('Дата;Сумма', '14/03/2025;100,00').dateFormat).toBe('dd/mm/yyyy');
    // the first row alone cannot tell (03/01): the rows after it do; no leading zeros either
    const rows = (...dates: string[]) => guessMapping({ bytes: new TextEncoder().encode(`Дата;Сумма\n${dates.map((d) => `${d};100,00`).join('\n')}\n`), complete: true });
    expect(rows('03/01/2025', '03/05/2025', '03/14/2025').dateFormat).toBe('mm/dd/yyyy');
    expect(rows('3/1/2025', '3/14/2025').dateFormat).toBe('mm/dd/yyyy');
    expect(rows('03/01/2025', '14/01/2025').dateFormat).toBe('dd/mm/yyyy');
    expect(rows('03/01/2025', '05/01/2025').dateFormat).toBe('dd/mm/yyyy'); // cannot tell: as written in Kazakhstan
  });

  it('in Kazakh too, the payer is its name, not its BIN or account', () => {
    const g = guess('Күні;Төлеушінің БСН/ЖСН;Төлеушінің ЖСК;Төлеуші;Сома', '01.03.2025;971240001315;KZ1;АО Kaspi Bank;100,00');
    expect(g.counterpartyColumn).toBe('Төлеуші');
  });
});
