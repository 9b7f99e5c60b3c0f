// Signs and positions that decide where money goes: an MT940 debit (D) is negative and balances; a
// mapped CSV's numbered columns count from 1; a flat mapping's "invert sign" is honoured; a credit
// written with a minus in a credit column is a reversal, money out; a JSON payment of 0 is no payment.
import { describe, expect, it } from 'vitest';
import { readCsvMapping } from '../../../main/services/imports/csv-mapping.js';
import { parseJsonPayments } from '../../../main/services/imports/json-payments-parser.js';
import { parseMappedCsv } from '../../../main/services/imports/mapped-csv-parser.js';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { expectOk, reportCsv, SIGNED_MAPPING, utf8 } from './helpers.js';

const ACCOUNT = 'KZ18722S000012345678';

describe('MT940 debits', () => {
  it('a D entry is money out (negative), and the statement balances with it', async () => {
    const text = [
      ':20:STMT1',
      `:25:${ACCOUNT}`,
      ':28C:1/1',
      ':60F:C250301KZT1000,00',
      ':61:2503020302C300,00NTRFREF1//B1',
      ':61:2503020302D125,50NTRFREF2//B2',
      ':62F:C250302KZT1174,50',
      '-',
    ].join('\r\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([30_000, -12_550]);
    expect(r.problems).toEqual([]); // 1000 + 300 − 125,50 = 1174,50: balanced
  });

  it('an overdrawn (D) opening balance is negative: −100 + 300 = 200 balances', async () => {
    const text = [':20:S', `:25:${ACCOUNT}`, ':28C:1/1', ':60F:D250301KZT100,00', ':61:2503020302C300,00NTRFREF1//B1', ':62F:C250302KZT200,00', '-'].join('\r\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([30_000]);
    expect(r.problems).toEqual([]);
    expect(r.meta).toMatchObject({ statements: [{ figures: { openingTiyn: -10_000, closingTiyn: 20_000, balanced: true } }] });
  });
});

describe('mapped CSV columns and signs', () => {
  const csv = 'Дата;Приход;Расход;Назначение\r\n01.03.2025;1 000,00;;Оплата\r\n02.03.2025;;250,50;Комиссия\r\n03.03.2025;-40,00;;Kaspi, возврат записан с минусом\r\n';

  it('columns given by number count from 1, as a spreadsheet does', async () => {
    const mapping = {
      delimiter: ';',
      encoding: 'utf-8',
      headerRow: 1,
      date: { column: 1, format: 'dd.mm.yyyy' },
      amount: { kind: 'split', credit: 2, debit: 3 },
      decimalSeparator: ',',
    } as const;
    const r = expectOk(await parseMappedCsv(utf8(csv), mapping));
    expect(r.rows.map((x) => [x.date, x.amountTiyn])).toEqual([
      ['2025-03-01', 100_000],
      ['2025-03-02', -25_050],
      ['2025-03-03', -4_000], // a minus in the credit column is a reversal ("red storno"): money taken back
    ]);
  });

  it("a flat mapping's invertSign negates every amount", async () => {
    const flat = { delimiter: ';', encoding: 'utf-8', headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy', amountColumn: 'Сумма', invertSign: true, decimalSeparator: ',' };
    const read = readCsvMapping(flat);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const r = expectOk(await parseMappedCsv(utf8('Дата;Сумма\r\n01.03.2025;1 000,00\r\n02.03.2025;-250,50\r\n'), read.mapping));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([-100_000, 25_050]);
  });
});

describe('JSON payments', () => {
  it('an amount of 0 is no payment: the item is invalid', async () => {
    const r = expectOk(await parseJsonPayments(utf8('[{"orderId":"A1","amount":0,"status":"paid"},{"orderId":"A2","amount":10,"status":"paid"}]')));
    expect(r.rows.map((x) => x.orderId)).toEqual(['A2']);
    expect(r.invalid.map((i) => i.line)).toEqual([1]);
  });
});

describe('Kaspi report rows', () => {
  it('a purchase whose net is negative is refused (unexpected_sign), its gross positive or not', async () => {
    const text = reportCsv(['1;910;02.03.2025;09:05:10;03.03.2025;Покупка;QR;1 500,00;-1 485,00;15,00;0,00;;']);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows).toEqual([]);
    expect(r.invalid).toEqual([{ line: 6, reason: expect.objectContaining({ code: 'unexpected_sign' }) }]);
  });

  it('a "Всего" row ends the table like "Итого": what follows is not read', async () => {
    const text = reportCsv(['1;911;02.03.2025;09:05:10;03.03.2025;Покупка;QR;1 500,00;1 485,00;15,00;0,00;;', 'Всего;;;;;;;1 500,00;1 485,00;15,00;0,00;;', '2;912;02.03.2025;09:06:10;03.03.2025;Покупка;QR;2 000,00;1 980,00;20,00;0,00;;']);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows.map((x) => x.purchaseId)).toEqual(['911']);
  });
});

describe('mapped CSV ids without an id column', () => {
  it('two rows whose values differ only in where one field ends and the next begins get two ids (in two files too)', async () => {
    const mapping = { ...SIGNED_MAPPING, descriptionColumn: 'Назначение', counterpartyColumn: 'Плательщик' } as const;
    const head = 'Дата;Сумма;Назначение;Плательщик\r\n';
    const first = expectOk(await parseMappedCsv(utf8(`${head}01.03.2025;100,00;A1;2B\r\n`), mapping));
    const second = expectOk(await parseMappedCsv(utf8(`${head}01.03.2025;100,00;A12;B\r\n`), mapping));
    // one file each: no in-file counter tells them apart, only their content does — the second is no re-import of the first
    expect(first.rows[0]!.externalId).not.toBe(second.rows[0]!.externalId);
  });
});
