// Mapped CSV: the mapping schema, header row number, names vs numbers, date formats and a time
// column, signed vs split amounts, sign inversion, decimal separators, ids vs content hashes.
import { describe, expect, it } from 'vitest';
import type { CsvMappingInput } from '../../../main/services/imports/csv-mapping.js';
import { parseMappedCsv } from '../../../main/services/imports/mapped-csv-parser.js';
import { reasonText } from '../../../main/services/imports/reason-text.js';
import { cp1251, expectFailure, expectOk, SIGNED_MAPPING, utf8, utf8Bom } from './helpers.js';

const ACCOUNT = 'KZ00HALYK';

const halykLike: CsvMappingInput = {
  delimiter: ';',
  encoding: 'windows-1251',
  headerRow: 3,
  date: { column: 'Дата', format: 'dd.mm.yyyy', timeColumn: 'Время' },
  amount: { kind: 'split', credit: 'Кредит', debit: 'Дебет' },
  decimalSeparator: ',',
  account: ACCOUNT,
  idColumn: 'Референс',
  descriptionColumn: 'Назначение',
  counterpartyColumn: 'Контрагент',
};

describe('mapped CSV', () => {
  it('split credit/debit columns in cp1251 with a header on row 3', async () => {
    const text = [
      'Выписка по счету;;;;;;',
      'Период: 01.03.2025 - 02.03.2025;;;;;;',
      'Дата;Время;Референс;Контрагент;Назначение;Дебет;Кредит',
      '01.03.2025;10:00;R1;Kaspi Bank;Зачисление;;16 275,00',
      '01.03.2025;11:30:15;R2;ИП Иванов;Аренда;5 000,00;',
      '',
      'Итого;;;;;5 000,00;16 275,00',
    ].join('\r\n');
    const r = expectOk(await parseMappedCsv(cp1251(text), halykLike));
    expect(r.rows.map((x) => [x.line, x.date, x.operationAt, x.amountTiyn, x.counterparty, x.purpose])).toEqual([
      [4, '2025-03-01', '2025-03-01T10:00:00+05:00', 1_627_500, 'Kaspi Bank', 'Зачисление'],
      [5, '2025-03-01', '2025-03-01T11:30:15+05:00', -500_000, 'ИП Иванов', 'Аренда'],
    ]);
    expect(r.rows[0]!.externalId).toBe(`csv|${ACCOUNT}|id|R1`);
    expect(r.rows[0]!.source).toBe('csv');
    expect(r.meta).toMatchObject({ headerLine: 3, dataRows: 2, columns: { 'date.column': 0, 'amount.credit': 6, 'amount.debit': 5 } });
  });

  it('a negative credit is a reversal ("red storno") that takes the credit back, not a second credit; a debit may be written either way', async () => {
    const text = [
      'Дата;Время;Референс;Контрагент;Назначение;Дебет;Кредит',
      '02.03.2025;10:00;R1;АО Kaspi Bank;Зачисление Kaspi Pay;;11 820,00',
      '02.03.2025;10:05;R2;АО Kaspi Bank;Сторно: Зачисление Kaspi Pay;;-11 820,00',
      '02.03.2025;11:00;R3;ИП Иванов;Аренда;-250,00;',
      '02.03.2025;11:10;R4;ИП Иванов;Аренда;250,00;',
      '02.03.2025;11:20;R5;ИП Иванов;Оба;250,00;-250,00',
    ].join('\n');
    const r = expectOk(await parseMappedCsv(utf8(text), { ...halykLike, encoding: 'utf-8', headerRow: 1 }));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_182_000, -1_182_000, -25_000, -25_000]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([[6, 'ambiguous_direction']]);
  });

  it('two-digit years and month-first dates, when the mapping says so; a date in another format says so, not "no such date"', async () => {
    const text = 'Дата;Сумма\n01.03.25;100,00\n';
    const yy = expectOk(await parseMappedCsv(utf8(text), { ...SIGNED_MAPPING, date: { column: 'Дата', format: 'dd.mm.yy' } }));
    expect(yy.rows[0]!.date).toBe('2025-03-01');
    const wrong = expectOk(await parseMappedCsv(utf8(`${text}31.02.2025;5,00\n`), SIGNED_MAPPING)); // dd.mm.yyyy named
    expect(wrong.invalid.map((i) => i.reason)).toEqual([
      { code: 'date_not_in_format', params: { field: 'Дата', value: '01.03.25', format: 'dd.mm.yyyy' } },
      { code: 'bad_date', params: { field: 'Дата', value: '31.02.2025' } },
    ]);
    expect(reasonText(wrong.invalid[0]!.reason, 'ru')).toBe('Дата: дата «01.03.25» записана не в формате ДД.ММ.ГГГГ, выбранном в сопоставлении столбцов — выберите её формат.');
    const us = expectOk(await parseMappedCsv(utf8('Дата;Сумма\n03/14/2025;100,00\n'), { ...SIGNED_MAPPING, date: { column: 'Дата', format: 'mm/dd/yyyy' } }));
    expect(us.rows[0]!.date).toBe('2025-03-14');
  });

  it('one signed column by number, no header, inverted sign, dot decimals, yyyy-mm-dd', async () => {
    const text = '2025-03-01,-100.50,Оплата\n2025-03-02,20,Возврат\n';
    const r = expectOk(
      await parseMappedCsv(utf8(text), {
        delimiter: ',',
        encoding: 'utf-8',
        headerRow: 0,
        date: { column: 1, format: 'yyyy-mm-dd' },
        amount: { kind: 'signed', column: 2 },
        invertSign: true,
        decimalSeparator: '.',
        account: ACCOUNT,
        descriptionColumn: 3,
      }),
    );
    expect(r.rows.map((x) => [x.date, x.amountTiyn, x.operationAt])).toEqual([
      ['2025-03-01', 10_050, undefined],
      ['2025-03-02', -2_000, undefined],
    ]);
  });

  it('dd/mm/yyyy with the time inside the date cell; identical rows without an id get a counter', async () => {
    const mapping: CsvMappingInput = {
      delimiter: '\t',
      encoding: 'utf-8',
      headerRow: 1,
      date: { column: 'date', format: 'dd/mm/yyyy' },
      amount: { kind: 'signed', column: 'amount' },
      decimalSeparator: ',',
      account: ACCOUNT,
    };
    const text = 'Date\tAmount\n01/03/2025 09:15\t1 000,00\n01/03/2025 09:15\t1 000,00\n';
    const r = expectOk(await parseMappedCsv(utf8Bom(text), mapping));
    expect(r.rows.map((x) => x.operationAt)).toEqual(['2025-03-01T09:15:00+05:00', '2025-03-01T09:15:00+05:00']);
    const [a, b] = r.rows.map((x) => x.externalId);
    expect(a).toMatch(new RegExp(`^csv\\|${ACCOUNT}\\|h\\|[\\w-]{22}$`));
    expect(b).toBe(`${a}#2`);
    // the same file parsed again gives the same ids (re-import inserts nothing)
    const again = expectOk(await parseMappedCsv(utf8Bom(text), mapping));
    expect(again.rows.map((x) => x.externalId)).toEqual([a, b]);
  });

  it('ids without an id column: the account and the row\'s meaning, not its row number or its layout', async () => {
    const mapping: CsvMappingInput = { ...SIGNED_MAPPING, account: ACCOUNT, descriptionColumn: 'Назначение' };
    const ids = async (text: string, m: CsvMappingInput = mapping) => expectOk(await parseMappedCsv(utf8(text), m)).rows.map((x) => x.externalId);
    const week1 = await ids('№;Дата;Сумма;Назначение\n1;01.03.2025;1000,00;Kaspi Pay\n2;03.03.2025;2000,00;Kaspi Pay\n');
    const week2 = await ids('№;Дата;Сумма;Назначение\n1;03.03.2025;2000,00;Kaspi Pay\n2;05.03.2025;3000,00;Kaspi Pay\n');
    expect(week2[0]).toBe(week1[1]); // the overlapping 03.03 credit, renumbered in the second export
    expect(new Set([...week1, ...week2]).size).toBe(3);
    // the same meaning in another spelling and column order: same id
    expect(await ids('Назначение;Сумма;Дата;Остаток\n  Kaspi   Pay ;2 000,00;03.03.2025;99\n')).toEqual([week1[1]]);
    // another account: another id
    const other = await ids('№;Дата;Сумма;Назначение\n2;03.03.2025;2000,00;Kaspi Pay\n', { ...mapping, account: 'KZ99OTHER' });
    expect(other[0]).not.toBe(week1[1]);
    expect(other[0]).toMatch(/^csv\|KZ99OTHER\|h\|/);
    // the same account written as banks print it (spaces, lower case) is the same account
    const spaced = ACCOUNT.toLowerCase().replace(/(.{4})/g, '$1 ').trim();
    const again = expectOk(await parseMappedCsv(utf8('№;Дата;Сумма;Назначение\n2;03.03.2025;2000,00;Kaspi Pay\n'), { ...mapping, account: spaced }));
    expect(again.rows[0]).toMatchObject({ externalId: week1[1], account: ACCOUNT });
    // each meaningful value counts: amount, sign, purpose, counterparty, document number, time
    const withAll: CsvMappingInput = { ...mapping, date: { ...mapping.date, timeColumn: 'Время' }, counterpartyColumn: 'Кто', docNumberColumn: 'Док' };
    const base = '03.03.2025;10:00;2000,00;Kaspi Pay;Kaspi Bank;17';
    const variants = [base, '03.03.2025;10:00;-2000,00;Kaspi Pay;Kaspi Bank;17', '03.03.2025;10:00;2000,01;Kaspi Pay;Kaspi Bank;17', '03.03.2025;10:00;2000,00;Kaspi;Kaspi Bank;17', '03.03.2025;10:00;2000,00;Kaspi Pay;Halyk;17', '03.03.2025;10:00;2000,00;Kaspi Pay;Kaspi Bank;18', '03.03.2025;10:01;2000,00;Kaspi Pay;Kaspi Bank;17', '04.03.2025;10:00;2000,00;Kaspi Pay;Kaspi Bank;17'];
    const all = await ids(`Дата;Время;Сумма;Назначение;Кто;Док\n${variants.join('\n')}\n`, withAll);
    expect(new Set(all.map((id) => id.replace(/#\d+$/, ''))).size).toBe(variants.length);
  });

  it('row-level reasons: bad dates, bad amounts, both sides, duplicate ids, short rows', async () => {
    const text = [
      'Дата;Время;Референс;Контрагент;Назначение;Дебет;Кредит',
      '31.02.2025;;A;;;;10,00',
      '01.03.2025;;B;;;;1.234,5,6',
      '01.03.2025;;C;;;1,00;2,00',
      '01.03.2025;;D;;;;3,00',
      '01.03.2025;;D;;;;3,00',
      '01.03.2025;;E;;;;1,005',
      '01.03.2025;25:61;F;;;;1,00',
      '01.03.2025;;G',
      '01.03.2025;;H;;;;',
    ].join('\n');
    const r = expectOk(await parseMappedCsv(utf8(text), { ...halykLike, encoding: 'utf-8', headerRow: 1 }));
    expect(r.rows.map((x) => x.line)).toEqual([5]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [2, 'bad_date'],
      [3, 'bad_amount'],
      [4, 'ambiguous_direction'],
      [6, 'duplicate_in_file'],
      [7, 'too_many_decimals'],
      [8, 'bad_time'],
      [9, 'missing_value'],
      [10, 'missing_value'],
    ]);
    expect(r.invalid[0]!.reason.params).toEqual({ field: 'Дата', value: '31.02.2025' });
  });

  it('a mapping that does not validate is bad_mapping with the path', async () => {
    const r = await parseMappedCsv(utf8('a;b\n'), { ...halykLike, delimiter: ':' });
    expectFailure(r, 'bad_mapping');
    if (!r.ok) expect(r.params).toEqual({ path: 'delimiter', issue: 'invalid_value' });
    const named = await parseMappedCsv(utf8('a;b\n'), { ...halykLike, headerRow: 0 });
    expectFailure(named, 'bad_mapping');
    if (!named.ok) expect(named.params).toEqual({ path: 'date.column', issue: 'named_column_without_header' });
  });

  it("accepts the IPC contract's flat mapping shape (shared/import-domain.ts)", async () => {
    const flat = {
      delimiter: ';',
      encoding: 'utf-8',
      headerRow: 1,
      dateColumn: 'Дата',
      dateFormat: 'dd.mm.yyyy',
      timeColumn: '',
      creditColumn: 'Кредит',
      debitColumn: 'Дебет',
      decimalSeparator: ',',
      idColumn: 'Референс',
      descriptionColumn: 'Назначение',
    };
    const text = 'Дата;Референс;Назначение;Дебет;Кредит\n01.03.2025;R1;Зачисление;;16 275,00\n02.03.2025;R2;Аренда;5 000,00;\n';
    const r = expectOk(await parseMappedCsv(utf8(text), flat));
    expect(r.rows.map((x) => [x.date, x.amountTiyn, x.purpose, x.account, x.externalId])).toEqual([
      ['2025-03-01', 1_627_500, 'Зачисление', 'unspecified', 'csv|unspecified|id|R1'],
      ['2025-03-02', -500_000, 'Аренда', 'unspecified', 'csv|unspecified|id|R2'],
    ]);
    // the payer and document number columns, as the Import tab's form names them
    const withPayer = 'Дата;Референс;Плательщик;Номер документа;Дебет;Кредит\n01.03.2025;R1;АО "Kaspi Bank";77;;16 275,00\n';
    const payer = expectOk(await parseMappedCsv(utf8(withPayer), { ...flat, descriptionColumn: undefined, counterpartyColumn: 'Плательщик', docNumberColumn: 'Номер документа' }));
    expect(payer.rows[0]).toMatchObject({ counterparty: 'АО "Kaspi Bank"', docNumber: '77' });
    const both = await parseMappedCsv(utf8(text), { ...flat, amountColumn: 'Кредит' });
    expectFailure(both, 'bad_mapping');
    if (!both.ok) expect(both.params).toEqual({ path: 'amountColumn', issue: 'amount_columns' });
    const wrong = await parseMappedCsv(utf8(text), { ...flat, dateFormat: 'yyyy.dd.mm' });
    expectFailure(wrong, 'bad_mapping');
    if (!wrong.ok) expect(wrong.params).toEqual({ path: 'dateFormat', issue: 'invalid_value' });
  });

  it('a header without the mapped columns is missing_columns', async () => {
    const r = await parseMappedCsv(utf8('x;y;z\n1;2;3\n'), { ...halykLike, encoding: 'utf-8', headerRow: 1 });
    expectFailure(r, 'missing_columns');
    if (!r.ok) expect(r.params).toEqual({ columns: 'Дата, Время, Кредит, Дебет, Референс, Назначение, Контрагент' });
  });

  it('totals and balances under the table, in ru / kk / en, are not movements (a file of them is not refused)', async () => {
    const text = [
      'Дата;Время;Референс;Контрагент;Назначение;Дебет;Кредит',
      '02.03.2025;10:00;R1;АО Kaspi Bank;Зачисление Kaspi Pay;;16 275,00',
      'Обороты за период;;;;;0,00;16 275,00',
      'Барлығы:;;;;;0,00;16 275,00',
      'Жиыны;;;;;0,00;16 275,00',
      'Кезең соңындағы қалдық;;;;;;16 275,00',
      'Opening balance;;;;;;0,00',
      'Closing balance;;;;;;16 275,00',
    ].join('\n');
    const r = expectOk(await parseMappedCsv(utf8(text), { ...halykLike, encoding: 'utf-8', headerRow: 1 }));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_627_500]);
    expect(r.invalid).toEqual([]);
  });

  it('a payer or purpose that only starts like a total ("Balance Trade LLP", "Оборотный фонд") is a movement: totals are whole words on a line without a date', async () => {
    const text = [
      'Плательщик;Дата;Сумма;Назначение',
      'Balance Trade LLP;03.11.2026;150000,00;Оплата по счёту 12',
      'ТОО Ромашка;03.11.2026;2000,00;Оплата',
      'Оборотный фонд ТОО;04.11.2026;90000,00;Возврат',
      'Turnover Ltd;04.11.2026;100,00;Оплата',
      'Итого;;242100,00;',
      'Balance;;242100,00;',
    ].join('\n');
    const mapping = { delimiter: ';', encoding: 'utf-8', headerRow: 1, dateColumn: 'Дата', dateFormat: 'dd.mm.yyyy', amountColumn: 'Сумма', decimalSeparator: ',', counterpartyColumn: 'Плательщик', descriptionColumn: 'Назначение', account: 'KZ123' };
    const r = expectOk(await parseMappedCsv(utf8(text), mapping));
    expect(r.rows.map((x) => [x.counterparty, x.amountTiyn])).toEqual([
      ['Balance Trade LLP', 15_000_000], ['ТОО Ромашка', 200_000], ['Оборотный фонд ТОО', 9_000_000], ['Turnover Ltd', 10_000],
    ]);
    expect(r.invalid).toEqual([]);
  });

  it('a file shorter than the header row says where the header was looked for; a header-only file has no_rows', async () => {
    const short = await parseMappedCsv(utf8('one line\ntwo\n'), { ...halykLike, encoding: 'utf-8' });
    expectFailure(short, 'header_row_past_end');
    if (!short.ok) expect(short.params).toEqual({ headerRow: 3, lines: 2 });
    const r = expectOk(await parseMappedCsv(utf8('Дата;Время;Референс;Контрагент;Назначение;Дебет;Кредит\n'), { ...halykLike, encoding: 'utf-8', headerRow: 1 }));
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ code: 'no_rows' }]);
  });
});
