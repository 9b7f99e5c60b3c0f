// Exports of both views: CSV (UTF-8 BOM, ';', headers in the app's language — Russian by default —
// RFC 4180 quoting) and XLSX read back with exceljs. Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a
// leading apostrophe; amounts stay numbers (numeric XLSX cells, plain CSV numbers).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeFormula } from '../../../main/services/reconcile/cell-escape.js';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { importFile, makeEnv, writeFile, type Env } from '../imports/helpers.js';
import { paidSale, reportCsv, statement1c } from './helpers.js';

const NASTY = ["=cmd|' /C calc'!A0", '+1+2', '-3-4', '@SUM(A1)'];

let env: Env;
let reconcile: ReconcileService;
beforeEach(async () => {
  env = makeEnv('kassa-export-');
  reconcile = new ReconcileService({ db: env.db });
  paidSale(env.db, { id: 'sale-1', amountTiyn: 150_000, at: '2025-03-05T04:00:00.000Z', purchaseId: 'OK-1' });
  const lines = [
    { purchaseId: 'OK-1', date: '05.03.2025', time: '09:00:05', settlement: '06.03.2025', gross: '1 485,00', net: '1 470,15' },
    ...NASTY.map((purchaseId, i) => ({ purchaseId, date: '05.03.2025', time: `1${i}:00:00`, settlement: '06.03.2025', gross: '10,00', net: '9,90' })),
    { purchaseId: 'Q;"x"', date: '05.03.2025', time: '15:00:00', settlement: '06.03.2025', gross: '1,00', net: '0,99' },
  ];
  // ';' and '"' inside a CSV field must be quoted in the report file itself
  const csv = reportCsv(lines).replace('Q;"x"', '"Q;""x"""');
  expect((await importFile(env, writeFile(env, 'report.csv', csv))).imported).toBe(6);
  await importFile(env, writeFile(env, 'st.txt', statement1c([{ number: '1', date: '06.03.2025', credit: '1400.00' }])));
});
afterEach(async () => {
  await env.cleanup();
});

describe('escapeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+7', "'+7"],
    ['-x', "'-x"],
    ['@a', "'@a"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['ok', 'ok'],
    ['', ''],
    ['a=b', 'a=b'],
  ])('%j → %j', (text, escaped) => expect(escapeFormula(text)).toBe(escaped));
});

describe('CSV', () => {
  it('till ↔ report: BOM, ";" separated, Russian headers, escaped text, numeric amounts, a total row; difference = report − till as on screen', async () => {
    const file = await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv');
    expect(file.fileName).toBe('kassa-till-report-2025-03-05_2025-03-05.csv');
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    expect([...file.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.content.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Статус;Операция;Номер заказа Kaspi (ID/RRN);Номер чека;Продажа в кассе;Дата и время (Алматы);Касса, ₸;Отчёт, ₸;Разница (отчёт − касса), ₸;Сверено;Вне периода');
    expect(text).toContain(`Только в отчёте;Покупка;'=cmd|' /C calc'!A0;;;05.03.2025 10:00:00;;10,00;;Нет;\r\n`);
    for (const nasty of NASTY) expect(text).toContain(`;'${nasty};`);
    expect(text).not.toMatch(/;[=+@]/); // no cell starts a formula
    expect(text).toContain(';"Q;""x""";'); // RFC 4180 quoting
    expect(text).toContain('Сумма отличается;Покупка;OK-1;000001;sale-1;05.03.2025 09:00:00;1500,00;1485,00;-15,00;Нет;\r\n');
    expect(lines.at(-2)).toBe('Итого;;;;;;1500,00;1526,00;26,00;;');
    expect(lines.at(-1)).toBe('');
  });

  it('a status filter exports only that status\'s pairs, with their own total and the status in the file name', async () => {
    const file = await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv', 'ru', { status: 'amount_differs' });
    expect(file.fileName).toBe('kassa-till-report-amount_differs-2025-03-05_2025-03-05.csv');
    const lines = file.content.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(1, -1)).toEqual(['Сумма отличается;Покупка;OK-1;000001;sale-1;05.03.2025 09:00:00;1500,00;1485,00;-15,00;Нет;', 'Итого;;;;;;1500,00;1485,00;-15,00;;']);
    const onlyReport = await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv', 'ru', { status: 'only_report' });
    expect(onlyReport.content.toString('utf8').split('\r\n').filter((l) => l.startsWith('Только в отчёте'))).toHaveLength(5);
    // the other view has no pairs: the filter does not touch it
    const bank = await reconcile.export('2025-03-05', '2025-03-06', 'report-bank', 'csv', 'ru', { status: 'amount_differs' });
    expect(bank.fileName).toBe('kassa-report-bank-2025-03-05_2025-03-06.csv');
  });

  it('a pair whose other side lies in another period says so in its own column, so the Total row adds up', async () => {
    // sold at 23:50 Almaty on 05.03, in the report at 00:10 on 06.03
    paidSale(env.db, { id: 'sale-edge', amountTiyn: 70_000, at: '2025-03-05T18:50:00.000Z', purchaseId: 'EDGE-1' });
    await importFile(env, writeFile(env, 'edge.csv', reportCsv([{ purchaseId: 'EDGE-1', date: '06.03.2025', time: '00:10:00', settlement: '07.03.2025', gross: '700,00', net: '693,00' }])));
    const lines = (await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv')).content.toString('utf8').slice(1).split('\r\n');
    const edge = lines.find((line) => line.includes('EDGE-1'))!;
    expect(edge).toContain(';700,00;700,00;0,00;Нет;строка отчёта — в другом периоде');
    expect(lines.at(-2)).toBe('Итого;;;;;;2200,00;1526,00;-674,00;;'); // the report row of 06.03 counts in March 6's totals
  });

  it('report ↔ bank: one line a settlement day and the total', async () => {
    const file = await reconcile.export('2025-03-05', '2025-03-06', 'report-bank', 'csv');
    const lines = file.content.toString('utf8').slice(1).split('\r\n');
    expect(lines).toEqual([
      'День зачисления;К зачислению по отчёту, ₸;Зачислено банком, ₸;Разница (банк − отчёт), ₸;Сходится',
      '06.03.2025;1510,74;1400,00;-110,74;Нет',
      'Итого;1510,74;1400,00;-110,74;',
      '',
    ]);
  });
});

describe('XLSX', () => {
  async function read(content: Buffer): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as never);
    return workbook.worksheets[0]!;
  }

  it('till ↔ report: escaped text cells, numbers as numeric cells', async () => {
    const file = await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'xlsx');
    expect(file.fileName.endsWith('.xlsx')).toBe(true);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await read(file.content);
    expect(sheet.getRow(1).getCell(1).value).toBe('Статус');
    const purchaseIds: unknown[] = [];
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      purchaseIds.push(row.getCell(3).value);
      rows.push({ status: row.getCell(1).value, till: row.getCell(7).value, report: row.getCell(8).value, diff: row.getCell(9).value });
    });
    for (const nasty of NASTY) expect(purchaseIds).toContain(`'${nasty}`);
    for (const row of rows) for (const key of ['till', 'report', 'diff']) if (row[key] !== null) expect(typeof row[key]).toBe('number');
    expect(rows).toContainEqual({ status: 'Сумма отличается', till: 1500, report: 1485, diff: -15 });
    expect(rows.at(-1)).toEqual({ status: 'Итого', till: 1500, report: 1526, diff: 26 });
    expect(sheet.getRow(2).getCell(9).numFmt).toBe('#,##0.00');
    // the Almaty time of the pair is a date-time cell: 05.03.2025 09:00:00 as Excel shows it
    const okRow = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(3).value === 'OK-1')!;
    expect(okRow.getCell(6).value).toEqual(new Date('2025-03-05T09:00:00Z'));
    expect(okRow.getCell(6).numFmt).toBe('dd.mm.yyyy hh:mm:ss');
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it('report ↔ bank', async () => {
    const sheet = await read((await reconcile.export('2025-03-05', '2025-03-06', 'report-bank', 'xlsx')).content);
    // the settlement day is a date cell (it sorts as a date in Excel), shown as dd.mm.yyyy
    expect(sheet.getRow(2).values).toEqual([undefined, new Date('2025-03-06T00:00:00Z'), 1510.74, 1400, -110.74, 'Нет']);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe('dd.mm.yyyy');
  });
});

describe('in the app\'s language', () => {
  it('English and Kazakh headers, statuses and totals; sheet names fit Excel\'s 31 characters', async () => {
    const en = (await reconcile.export('2025-03-05', '2025-03-05', 'till-report', 'csv', 'en')).content.toString('utf8').slice(1).split('\r\n');
    expect(en[0]).toBe('Status;Operation;Kaspi order number (ID/RRN);Receipt number;Till sale;Date and time (Almaty);Till, ₸;Report, ₸;Difference (report − till), ₸;Reconciled;Outside the period');
    expect(en).toContain('Amount differs;Purchase;OK-1;000001;sale-1;05.03.2025 09:00:00;1500,00;1485,00;-15,00;No;');
    expect(en.at(-2)).toBe('Total;;;;;;1500,00;1526,00;26,00;;');
    const kk = (await reconcile.export('2025-03-05', '2025-03-06', 'report-bank', 'csv', 'kk')).content.toString('utf8').slice(1).split('\r\n');
    expect(kk[0]).toBe('Есепке жатқызу күні;Есеп бойынша есепке жатқызылатыны, ₸;Банк есепке жатқызғаны, ₸;Айырма (банк − есеп), ₸;Сәйкес');
    expect(kk[1]).toBe('06.03.2025;1510,74;1400,00;-110,74;Жоқ');
    for (const locale of ['ru', 'kk', 'en'] as const) {
      for (const view of ['till-report', 'report-bank'] as const) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await reconcile.export('2025-03-05', '2025-03-06', view, 'xlsx', locale)).content as never);
        expect(workbook.worksheets[0]!.name.length).toBeLessThanOrEqual(31);
      }
    }
  });
});
