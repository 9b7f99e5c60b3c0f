// Rows dated outside the period their own file declares are imported but named once, with how many
// and the first line: a report exported for another month than it says, or rows pasted in from
// another file, must be seen before a month is reconciled with it.
import { describe, expect, it } from 'vitest';
import { parseSalesReport } from '../../../main/services/imports/sales-report-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { importReasonText } from '../../../shared/i18n/import-reason.js';
import { expectOk, reportCsv, utf8 } from './helpers.js';

const OWN = 'KZ18722S000012345678';
const row = (n: number, day: string) => `${n};1300000010${n};${day};10:15:0${n};${day};Покупка;QR;100,00;99,00;1,00;0,00;;`;
const report = (period: string | null, days: string[]) =>
  utf8(reportCsv(days.map((d, i) => row(i + 1, d)), { preamble: [...(period ? [`;Период:;${period}`] : []), ';ИИН/БИН:;200340001238', ''] }));

describe('rows outside the declared period', () => {
  it('a sales report: the rows are imported, the problem counts them and names the first line and the period', async () => {
    const r = expectOk(await parseSalesReport(report('01.03.2025 - 31.03.2025', ['01.03.2025', '28.02.2025', '31.03.2025', '01.04.2025'])));
    expect(r.rows).toHaveLength(4);
    expect(r.problems).toEqual([{ code: 'outside_period', params: { count: 2, line: 6, fromDay: '2025-03-01', toDay: '2025-03-31' } }]); // 28.02 on line 6
  });

  it('no period stated, or every row within it (both ends included, a period written backwards too): no problem', async () => {
    expect(expectOk(await parseSalesReport(report(null, ['01.01.2020']))).problems).toEqual([]);
    expect(expectOk(await parseSalesReport(report('01.03.2025 - 31.03.2025', ['01.03.2025', '31.03.2025']))).problems).toEqual([]);
    expect(expectOk(await parseSalesReport(report('31.03.2025 - 01.03.2025', ['01.03.2025', '31.03.2025']))).problems).toEqual([]);
  });

  it('an invalid row is not counted (it is already listed as invalid)', async () => {
    const bytes = utf8(reportCsv([row(1, '01.03.2025'), '2;13000000102;31.02.2025;10:15:02;31.02.2025;Покупка;QR;100,00;99,00;1,00;0,00;;']));
    const r = expectOk(await parseSalesReport(bytes));
    expect(r.invalid.map((i) => i.reason.code)).toEqual(['bad_date']);
    expect(r.problems).toEqual([]);
  });

  it('a 1C statement: by ДатаНачала/ДатаКонца', async () => {
    const doc = (n: number, day: string) =>
      ['СекцияДокумент=Платежное поручение', `Номер=${n}`, `Дата=${day}`, 'Сумма=10', 'ПлательщикСчет=KZ11111', `ПолучательСчет=${OWN}`, 'КонецДокумента'];
    const text = ['1CClientBankExchange', 'ВерсияФормата=1.01', 'ДатаНачала=01.03.2025', 'ДатаКонца=03.03.2025', `РасчСчет=${OWN}`,
      ...doc(1, '02.03.2025'), ...doc(2, '05.03.2025'), ...doc(3, '06.03.2025'), 'КонецФайла'].join('\n');
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows).toHaveLength(3);
    expect(r.problems.filter((p) => p.code === 'outside_period')).toEqual([
      { code: 'outside_period', params: { count: 2, line: 13, fromDay: '2025-03-01', toDay: '2025-03-03' } },
    ]);
  });

  it.each([
    ['ru', 'Строк с датой вне периода файла (01.03.2025 – 31.03.2025): 2 (первая — строка 5).'],
    ['kk', 'Күні файлдың кезеңінен (01.03.2025 – 31.03.2025) тыс жолдар: 2 (біріншісі — 5-жол).'],
    ['en', 'Rows dated outside the period the file states (01.03.2025 – 31.03.2025): 2 (the first on line 5).'],
  ] as const)('%s: the days are written dd.mm.yyyy', (locale, start) => {
    const text = importReasonText(locale, { code: 'outside_period', params: { count: 2, line: 5, fromDay: '2025-03-01', toDay: '2025-03-31' } });
    expect(text?.startsWith(start)).toBe(true);
  });
});
