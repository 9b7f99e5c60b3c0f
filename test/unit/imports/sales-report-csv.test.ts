// CSV copies of the Kaspi sales report: encodings, delimiters, number spellings, table end rules,
// sign normalization, duplicates, chunked streaming.
import { describe, expect, it } from 'vitest';
import { parseSalesReport, streamSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import {
  REPORT_HEADER,
  REPORT_SAMPLE_ROWS,
  chunked,
  cp1251,
  expectFailure,
  expectOk,
  reportCsv,
  sum,
  utf8,
  utf8Bom,
} from './helpers.js';

const NET = 1_479_000;

describe('sales report CSV variants', () => {
  it('windows-1251 is detected and decoded', async () => {
    const r = expectOk(await parseSalesReport(cp1251(reportCsv(REPORT_SAMPLE_ROWS))));
    expect(r.meta.encoding).toBe('windows-1251');
    expect(r.rows.map((x) => x.operationType)).toEqual(['purchase', 'purchase', 'refund']);
    expect(sum(r.rows.map((x) => x.netTiyn))).toBe(NET);
    expect(r.meta.shopName).toBe('ТОО «Тестовый магазин»');
  });

  it("',' delimiter with quoted comma decimals, LF, no BOM", async () => {
    const quote = (line: string) => line.split(';').map((c) => (c.includes(',') || c.includes(' ') ? `"${c}"` : c)).join(',');
    const text = [',Период:,01.03.2025 - 02.03.2025', REPORT_HEADER.map((h) => `"${h}"`).join(','), ...REPORT_SAMPLE_ROWS.map(quote)].join('\n');
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.meta.delimiter).toBe(',');
    expect(sum(r.rows.map((x) => x.netTiyn))).toBe(NET);
    expect(r.rows[0]!.details).toBe('Кофе 250 г, 3 шт.');
  });

  it('tab delimiter with NBSP and narrow NBSP thousands separators', async () => {
    const rows = REPORT_SAMPLE_ROWS.map((l) => l.replace('4 500,00', '4\u00a0500,00').replace('12 000,00', '12\u202f000,00').split(';').join('\t'));
    const r = expectOk(await parseSalesReport(utf8Bom(reportCsv(rows, { delimiter: '\t', preamble: [] }))));
    expect(r.meta.delimiter).toBe('\t');
    expect(r.rows.map((x) => x.grossTiyn)).toEqual([450_000, 1_200_000, -150_000]);
  });

  it('UTF-16LE with a BOM (Excel "Unicode text", tab-separated) is read too', async () => {
    const text = reportCsv(REPORT_SAMPLE_ROWS.map((l) => l.split(';').join('\t')), { delimiter: '\t', preamble: [] });
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.meta).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(sum(r.rows.map((x) => x.netTiyn))).toBe(NET);
  });

  it('stops at "Итого" and ignores what follows it', async () => {
    const text = reportCsv([...REPORT_SAMPLE_ROWS, 'Итого;;;;;;;15 000,00;14 790,00;210,00;0,00;;', '', 'Подпись;;;']);
    const r = expectOk(await parseSalesReport(utf8Bom(text)));
    expect(r.rows).toHaveLength(3);
    expect(r.problems).toEqual([]);
  });

  it('stops at an empty row and flags rows after it', async () => {
    const text = reportCsv([REPORT_SAMPLE_ROWS[0]!, ';;;;', REPORT_SAMPLE_ROWS[1]!]);
    const r = expectOk(await parseSalesReport(utf8Bom(text)));
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([{ code: 'content_after_table', params: { line: 8 } }]);
  });

  it('without a time column, two partial refunds of one purchase on one day are two rows', async () => {
    const header = ['#', 'Номер заказа (ID/RRN)', 'Дата операции', 'Тип операции', 'Сумма операции (т)', 'Сумма к зачислению/ списанию (т)', '№ документа покупки/возврата'];
    const text = reportCsv(
      [
        '1;777;01.03.2025;Покупка;5 000,00;4 950,00;D1',
        '2;777;02.03.2025;Возврат;1 000,00;990,00;D2',
        '3;777;02.03.2025;Возврат;2 000,00;1 980,00;D3',
      ],
      { header },
    );
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.invalid).toEqual([]);
    expect(r.rows.map((x) => x.grossTiyn)).toEqual([500_000, -100_000, -200_000]);
    expect(new Set(r.rows.map((x) => x.externalId)).size).toBe(3);
  });

  it('without a time column, two identical refunds on one day are numbered (#2) with or without the id registry', async () => {
    const header = ['#', 'Номер заказа (ID/RRN)', 'Дата операции', 'Дата учета операции', 'Тип операции', 'Сумма операции (т)', 'Сумма к зачислению/ списанию (т)'];
    const rows = [
      '1;13000000101;01.03.2025;02.03.2025;Покупка;4 500,00;4 455,00',
      '2;13000000101;03.03.2025;04.03.2025;Возврат;-1 500,00;-1 485,00',
      '3;13000000101;03.03.2025;04.03.2025;Возврат;-1 500,00;-1 485,00',
      '4;13000000101;04.03.2025;05.03.2025;Возврат;-1 500,00;-1 485,00',
    ];
    const refund = 'kaspi-report|13000000101|refund|2025-03-03|-150000|';
    for (const trackDuplicates of [true, false]) {
      const r = expectOk(await parseSalesReport(utf8(reportCsv(rows, { header })), { trackDuplicates }));
      expect(r.invalid).toEqual([]);
      expect(r.rows.map((x) => x.externalId)).toEqual([
        'kaspi-report|13000000101|purchase|2025-03-01|450000|',
        refund,
        `${refund}#2`,
        'kaspi-report|13000000101|refund|2025-03-04|-150000|',
      ]);
    }
  });

  it('refund amounts written positive are still negative; a negative purchase is refused', async () => {
    const text = reportCsv([
      '1;900;02.03.2025;09:05:10;03.03.2025;Возврат;QR;1 500,00;1 485,00;15,00;0,00;;',
      '2;901;02.03.2025;09:06:10;03.03.2025;Покупка;QR;-1 500,00;-1 485,00;15,00;0,00;;',
    ]);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows.map((x) => [x.grossTiyn, x.netTiyn])).toEqual([[-150_000, -148_500]]);
    expect(r.invalid).toEqual([{ line: 7, reason: { code: 'unexpected_sign', params: { field: 'Сумма операции (т)', value: '-1 500,00' } } }]);
  });

  it('a second row with the same purchase, type and time is a duplicate_in_file', async () => {
    const r = expectOk(await parseSalesReport(utf8(reportCsv([REPORT_SAMPLE_ROWS[0]!, REPORT_SAMPLE_ROWS[0]!.replace(/^1;/, '2;')]))));
    expect(r.rows).toHaveLength(1);
    expect(r.invalid).toEqual([
      {
        line: 7,
        reason: { code: 'duplicate_in_file', params: { externalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02', firstLine: 6 } },
      },
    ]);
  });

  it('a header naming some columns but not the required ones is missing_columns', async () => {
    const header = ['#', 'Номер заказа (ID/RRN)', 'Дата операции', 'Сумма операции (т)'];
    const r = await parseSalesReport(utf8(reportCsv(['1;1;01.03.2025;100'], { header })));
    expectFailure(r, 'missing_columns');
    if (!r.ok) expect(r.params).toEqual({ columns: 'Тип операции, Сумма к зачислению/ списанию (т)' });
  });

  it('skips a repeated header, masks a full card number, keeps record numbers across quoted newlines', async () => {
    const text = reportCsv([
      REPORT_SAMPLE_ROWS[0]!.replace(';;Кофе 250 г, 3 шт.', ';4400430012341234;"Кофе\nарабика"'),
      REPORT_HEADER.join(';'),
      REPORT_SAMPLE_ROWS[1]!,
    ]);
    const r = expectOk(await parseSalesReport(utf8(text)));
    expect(r.rows.map((x) => x.line)).toEqual([6, 8]);
    expect(r.rows[0]!.cardMask).toBe('440043******1234');
    expect(r.rows[0]!.details).toBe('Кофе\nарабика');
  });

  it('streams: tiny chunks (split UTF-8 characters) give the same rows, then one end event', async () => {
    const bytes = utf8Bom(reportCsv(REPORT_SAMPLE_ROWS));
    const whole = expectOk(await parseSalesReport(bytes));
    const kinds: string[] = [];
    const rows = [];
    for await (const event of streamSalesReport(chunked(bytes, 5))) {
      kinds.push(event.kind);
      if (event.kind === 'row') rows.push(event.row);
    }
    expect(kinds).toEqual(['row', 'row', 'row', 'end']);
    expect(rows).toEqual(whole.rows);
  });

  it('line ends of every kind in one file (CRLF, LF, CR by turns) each end a row, in whole or in chunks split inside a CRLF', async () => {
    const crlf = reportCsv(REPORT_SAMPLE_ROWS);
    const expected = expectOk(await parseSalesReport(utf8(crlf))).rows;
    expect(expected).toHaveLength(3);
    let turn = 0;
    const mixed = crlf.replace(/\r\n/g, () => ['\r\n', '\n', '\r'][turn++ % 3]!);
    const headerLf = crlf.replace(/(Детали[^\r]*)\r\n/, '$1\n'); // only the header's line ends in LF
    const rowsLf = crlf.split('\r\n').map((line, i) => (i < 4 ? `${line}\r\n` : `${line}\n`)).join('').slice(0, -1); // preamble CRLF, rest LF
    for (const text of [mixed, headerLf, rowsLf, crlf.replace(/(Кофе[^\r]*)\r\n/, '$1\n')]) {
      const r = expectOk(await parseSalesReport(utf8(text)));
      expect(r.invalid).toEqual([]);
      expect(r.rows.map((row) => [row.purchaseId, row.grossTiyn])).toEqual(expected.map((row) => [row.purchaseId, row.grossTiyn]));
      const streamed = [];
      for await (const event of streamSalesReport(chunked(utf8(text), 7))) if (event.kind === 'row') streamed.push(event.row.purchaseId);
      expect(streamed).toEqual(expected.map((row) => row.purchaseId));
    }
  });

  it('a date with its time in one cell and no time column', async () => {
    const header = ['#', 'Номер заказа (ID/RRN)', 'Дата операции', 'Тип операции', 'Сумма операции (т)', 'Сумма к зачислению/ списанию (т)'];
    const r = expectOk(await parseSalesReport(utf8(reportCsv(['1;77;01.03.2025 08:01:02;Покупка;100;99'], { header, preamble: [] }))));
    expect(r.rows[0]).toMatchObject({ operationAt: '2025-03-01T08:01:02+05:00', grossTiyn: 10_000, netTiyn: 9_900, settlementDate: null });
    expect(r.rows[0]!.feeTiyn).toBeUndefined();
  });

  it('a CSV copy of a workbook whose date cells had no date format: Excel serials, read as in the .xlsx', async () => {
    const header = ['#', 'Номер заказа (ID/RRN)', 'Дата операции', 'Время', 'Дата учета операции', 'Тип операции', 'Сумма операции (т)', 'Сумма к зачислению/ списанию (т)'];
    const rows = ['1;990001;45717;0,427106481;45718;Покупка;1000;990', '2;990002;45717,5;;45718;Покупка;500;495'];
    const r = expectOk(await parseSalesReport(utf8(reportCsv(rows, { header, preamble: [] }))));
    expect(r.invalid).toEqual([]);
    expect(r.rows.map((x) => [x.operationAt, x.settlementDate])).toEqual([
      ['2025-03-01T10:15:02+05:00', '2025-03-02'],
      ['2025-03-01T12:00:00+05:00', '2025-03-02'],
    ]);
    // a number that is no serial of 1990–2100 is still a bad date
    const wrong = expectOk(await parseSalesReport(utf8(reportCsv(['1;990001;12345;;;Покупка;1000;990'], { header, preamble: [] }))));
    expect(wrong.invalid.map((i) => i.reason.code)).toEqual(['bad_date']);
  });
});
