// 1CClientBankExchange: encodings (cp1251, UTF-8 ± BOM, cp866 "DOS"), line ends, Kazakh and Russian
// field names, direction by account, Halyk-style per-day sections, and the balance check.
import { describe, expect, it } from 'vitest';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { chunked, cp1251, cp866, crlf, expectFailure, expectOk, sample, utf8, utf8Bom } from './helpers.js';
import iconv from 'iconv-lite';

const OWN = 'KZ18722S000012345678';
const sampleText = iconv.decode(sample('kaspi_statement_1c_sample.txt'), 'windows-1251');

function statement(sections: string, documents: string, header = ''): string {
  return ['1CClientBankExchange', 'ВерсияФормата=1.01', 'Кодировка=Windows', `РасчСчет=${OWN}`, header, sections, documents]
    .filter((s) => s !== '')
    .join('\n');
}
const section = (opening: string, credits: string, debits: string, closing: string, extra = '') =>
  ['СекцияРасчСчет', `РасчСчет=${OWN}`, extra, `НачальныйОстаток=${opening}`, `ВсегоПоступило=${credits}`, `ВсегоСписано=${debits}`, `КонечныйОстаток=${closing}`, 'КонецРасчСчет']
    .filter((s) => s !== '')
    .join('\n');
const doc = (lines: string[]) => ['СекцияДокумент=Платежное поручение', ...lines, 'КонецДокумента'].join('\n');

describe('1C statement', () => {
  it('a statement pieced together from two exports (UTF-8 and windows-1251 documents) reads every document, and says so', async () => {
    const reference = expectOk(await parseStatement1c(sample('kaspi_statement_1c_sample.txt')));
    const cut = sampleText.indexOf('СекцияДокумент=', sampleText.indexOf('СекцияДокумент=') + 1);
    for (const [head, tail] of [[utf8, cp1251], [cp1251, utf8]] as const) {
      const bytes = Buffer.concat([head(sampleText.slice(0, cut)), tail(sampleText.slice(cut))]);
      const r = expectOk(await parseStatement1c(chunked(bytes, 5)));
      expect(r.rows).toEqual(reference.rows);
      // the fewer lines are named, with the encoding most of the file is in
      expect(r.problems.filter((p) => p.code.startsWith('encoding'))).toEqual([
        { code: 'encoding_mixed', params: { count: expect.any(Number), line: expect.any(Number), encoding: expect.stringMatching(/^(utf-8|windows-1251)$/) } },
      ]);
    }
    // a DOS (cp866) statement with windows-1251 documents, and the other way round: the code pages told apart
    const dosText = sampleText.replace('Кодировка=Windows', 'Кодировка=DOS');
    const dosCut = cut - 'Windows'.length + 'DOS'.length;
    for (const [head, tail] of [[cp866, cp1251], [cp1251, cp866]] as const) {
      const bytes = Buffer.concat([head(dosText.slice(0, dosCut)), tail(dosText.slice(dosCut))]);
      const r = expectOk(await parseStatement1c(chunked(bytes, 5)));
      expect(r.rows).toEqual(reference.rows);
      expect(r.problems.map((p) => p.code)).toEqual(['encoding_mixed']);
    }
    // every document in the other code page: that one is named as what most of the file is in
    const firstDoc = dosText.indexOf('СекцияДокумент=');
    for (const [head, tail, most] of [[cp866, cp1251, 'windows-1251'], [cp1251, cp866, 'cp866']] as const) {
      const r = expectOk(await parseStatement1c(chunked(Buffer.concat([head(dosText.slice(0, firstDoc)), tail(dosText.slice(firstDoc))]), 5)));
      expect(r.rows).toEqual(reference.rows);
      expect(r.problems).toEqual([{ code: 'encoding_mixed', params: { count: expect.any(Number), line: 2, encoding: most } }]);
    }
    // a windows-1251 file that only starts with a UTF-8 BOM is read as windows-1251, and is no mix
    const bomOnly = expectOk(await parseStatement1c(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cp1251(sampleText)])));
    expect(bomOnly.rows).toEqual(reference.rows);
    expect(bomOnly.problems.filter((p) => p.code.startsWith('encoding'))).toEqual([]);
    // a UTF-8 file with one damaged byte is still UTF-8, with that character replaced
    const damaged = Buffer.from(utf8(sampleText));
    damaged[damaged.indexOf(Buffer.from('Плательщик', 'utf8')) + 1] = 0xff;
    const r = expectOk(await parseStatement1c(damaged));
    expect(r.problems.map((p) => p.code)).toContain('encoding_replaced');
    expect(r.problems.map((p) => p.code)).not.toContain('encoding_mixed');
  });

  it('the sample re-encoded as UTF-8 (with and without BOM, LF) gives the same rows', async () => {
    const reference = expectOk(await parseStatement1c(sample('kaspi_statement_1c_sample.txt')));
    for (const bytes of [utf8(sampleText), utf8Bom(sampleText), utf8(sampleText.replace(/\r\n/g, '\n'))]) {
      const r = expectOk(await parseStatement1c(bytes));
      expect(r.meta.encoding).toBe('utf-8');
      expect(r.rows).toEqual(reference.rows);
      expect(r.problems).toEqual([]);
    }
  });

  it('streams in small chunks (CRLF and cp1251 split across chunks)', async () => {
    const r = expectOk(await parseStatement1c(chunked(sample('kaspi_statement_1c_sample.txt'), 3)));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_627_500, -500_000]);
    expect(r.meta.balances[0]!.balanced).toBe(true);
  });

  it('Russian standard fields: direction decided by which account is ours', async () => {
    const text = statement(
      section('1000.00', '250.5', '100', '1150.50'),
      [
        doc(['Номер=15', 'Дата=05.03.2025', 'Сумма=250.5', 'ПлательщикСчет=KZ11111', 'Плательщик=ООО Ромашка', 'ПлательщикИНН=7701', `ПолучательСчет=${OWN}`, 'Получатель=ТОО Тест', 'НазначениеПлатежа=Оплата', 'НазначениеПлатежа1=по счету 7']),
        doc(['Номер=16', 'Дата=06.03.2025', 'Сумма=100', `ПлательщикСчет=${OWN}`, 'ПолучательСчет=KZ22222', 'Получатель1=ИП Иванов', 'ДатаСписано=06.03.2025 14:30:00']),
        doc(['Номер=17', 'Дата=06.03.2025', 'Сумма=5', 'ПлательщикСчет=KZ33333', 'ПолучательСчет=KZ44444']),
      ].join('\n'),
    );
    const r = expectOk(await parseStatement1c(cp1251(crlf(text))));
    expect(r.rows.map((x) => [x.docNumber, x.amountTiyn, x.date, x.counterparty])).toEqual([
      ['15', 25_050, '2025-03-05', 'ООО Ромашка'],
      ['16', -10_000, '2025-03-06', 'ИП Иванов'],
    ]);
    expect(r.rows[0]).toMatchObject({ counterpartyBin: '7701', counterpartyAccount: 'KZ11111', purpose: 'Оплата по счету 7', account: OWN });
    expect(r.rows[0]!.operationAt).toBeUndefined();
    expect(r.rows[1]!.operationAt).toBe('2025-03-06T14:30:00+05:00');
    expect(r.invalid.map((i) => i.reason.code)).toEqual(['unknown_direction']);
    expect(r.problems).toEqual([]); // 1000 + 250.50 − 100 = 1150.50
  });

  it('Halyk style: upper-case keys, one section per day — turnovers summed, first opening, last closing', async () => {
    const text = [
      '1CClientBankExchange',
      `РАСЧСЧЕТ=${OWN}`,
      'СЕКЦИЯРАСЧСЧЕТ', `РАСЧСЧЕТ=${OWN}`, 'ДАТАНАЧАЛА=01.03.2025', 'НАЧАЛЬНЫЙОСТАТОК=100', 'ВСЕГОПОСТУПИЛО=50', 'ВСЕГОСПИСАНО=0', 'КОНЕЧНЫЙОСТАТОК=150', 'КОНЕЦРАСЧСЧЕТ',
      'СЕКЦИЯРАСЧСЧЕТ', `РАСЧСЧЕТ=${OWN}`, 'ДАТАНАЧАЛА=02.03.2025', 'НАЧАЛЬНЫЙОСТАТОК=150', 'ВСЕГОПОСТУПИЛО=0', 'ВСЕГОСПИСАНО=30', 'КОНЕЧНЫЙОСТАТОК=120', 'КОНЕЦРАСЧСЧЕТ',
      'СЕКЦИЯДОКУМЕНТ=ПлатежноеПоручение', 'НОМЕРДОКУМЕНТА=1', 'ДАТАОПЕРАЦИИ=01.03.2025', 'СУММАПРИХОД=50', `ПОЛУЧАТЕЛЬИИК=${OWN}`, 'КОНЕЦДОКУМЕНТА',
      'СЕКЦИЯДОКУМЕНТ=ПлатежноеПоручение', 'НОМЕРДОКУМЕНТА=2', 'ДАТАОПЕРАЦИИ=02.03.2025', 'СУММАРАСХОД=30', `ПЛАТЕЛЬЩИКИИК=${OWN}`, 'КОНЕЦДОКУМЕНТА',
    ].join('\r\n');
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([5_000, -3_000]);
    expect(r.meta.balances).toEqual([
      { account: OWN, openingTiyn: 10_000, closingTiyn: 12_000, creditsTiyn: 5_000, debitsTiyn: 3_000, declaredCreditsTiyn: 5_000, declaredDebitsTiyn: 3_000, balanced: true },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('a closing balance that does not bridge is a file-level balance_mismatch', async () => {
    const r = expectOk(await parseStatement1c(cp1251(sampleText.replace('КонечныйОстаток=111275.00', 'КонечныйОстаток=111275.01'))));
    expect(r.rows).toHaveLength(2);
    expect(r.problems).toEqual([
      {
        code: 'balance_mismatch',
        params: { account: OWN, openingTiyn: 10_000_000, creditsTiyn: 1_627_500, debitsTiyn: 500_000, closingTiyn: 11_127_501, differenceTiyn: 1 },
      },
    ]);
    expect(r.meta.balances[0]!.balanced).toBe(false);
  });

  it('declared turnovers that differ from the documents are turnover_mismatch', async () => {
    const r = expectOk(await parseStatement1c(cp1251(sampleText.replace('ВсегоПоступило=16275.00', 'ВсегоПоступило=16000.00'))));
    expect(r.problems).toEqual([
      { code: 'turnover_mismatch', params: { account: OWN, kind: 'credits', declaredTiyn: 1_600_000, actualTiyn: 1_627_500 } },
    ]);
  });

  it('a truncated file: the cut document is unterminated_document, the cut is said first, and the bridge fails', async () => {
    const cut = sampleText.slice(0, sampleText.indexOf('СуммаРасход=5000.00'));
    const r = expectOk(await parseStatement1c(cp1251(cut)));
    expect(r.rows.map((x) => x.amountTiyn)).toEqual([1_627_500]);
    expect(r.invalid).toEqual([{ line: 38, reason: { code: 'unterminated_document' } }]);
    // the cause before its effects: the manager takes the file again instead of hunting a balance
    expect(r.problems.map((p) => p.code)).toEqual(['cut_off', 'turnover_mismatch', 'balance_mismatch']);
    expect(r.problems[0]).toEqual({ code: 'cut_off', params: { line: cut.trimEnd().split(/\r?\n/).length } });
  });

  it('lines after КонецФайла (a second export joined on) are said, once, with where they start — never dropped without a word', async () => {
    const lines = sampleText.trimEnd().split(/\r?\n/);
    const joined = [...lines, '', ...lines].join('\r\n');
    const r = expectOk(await parseStatement1c(cp1251(joined)));
    expect(r.rows).toHaveLength(2);
    expect(r.problems).toEqual([{ code: 'content_after_end', params: { line: lines.length + 2 } }]);
    expect(expectOk(await parseStatement1c(cp1251(`${sampleText}\r\n\r\n`))).problems).toEqual([]); // blank lines are no content
  });

  it('cp866 when the file says Кодировка=DOS', async () => {
    const text = statement('', doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=10', `ПолучательИИК=${OWN}`, 'ПлательщикНаименование=Покупатель'])).replace('Кодировка=Windows', 'Кодировка=DOS');
    const r = expectOk(await parseStatement1c(cp866(crlf(text))));
    expect(r.meta.encoding).toBe('cp866');
    expect(r.rows[0]!.counterparty).toBe('Покупатель');
    expect(r.problems.map((p) => p.code)).toEqual(['balance_unchecked']);
  });

  it('a file naming no account of its own and no balance section says that, not "balances of  could not be checked"', async () => {
    const text = ['1CClientBankExchange', 'ВерсияФормата=1.01', 'Кодировка=Windows', doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=10', `ПолучательИИК=${OWN}`]), 'КонецФайла'].join('\n');
    const r = expectOk(await parseStatement1c(cp1251(text)));
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([{ code: 'balance_unchecked_no_account' }]);
  });

  it('row-level reasons: both directions, bad amount, impossible date, duplicate, missing amount', async () => {
    const base = ['ДатаОперации=01.03.2025', `ПолучательИИК=${OWN}`];
    const text = statement(
      '',
      [
        doc(['НомерДокумента=1', ...base, 'СуммаПриход=10', 'СуммаРасход=5']),
        doc(['НомерДокумента=2', ...base, 'СуммаПриход=1.234,5,6']),
        doc(['НомерДокумента=3', 'ДатаОперации=31.02.2025', `ПолучательИИК=${OWN}`, 'СуммаПриход=10']),
        doc(['НомерДокумента=4', ...base, 'СуммаПриход=10']),
        doc(['НомерДокумента=4', ...base, 'СуммаПриход=10']),
        doc(['НомерДокумента=5', ...base]),
        doc(['НомерДокумента=6', ...base, 'это не ключ', 'СуммаПриход=10']),
      ].join('\n'),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => x.docNumber)).toEqual(['4']);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [5, 'ambiguous_direction'],
      [12, 'bad_amount'],
      [18, 'bad_date'],
      [30, 'duplicate_in_file'],
      [36, 'missing_value'],
      [41, 'malformed_line'],
    ]);
    expect(r.invalid[1]!.reason.params).toEqual({ field: 'СуммаПриход', value: '1.234,5,6' });
    expect(r.invalid[2]!.reason.params).toEqual({ field: 'ДатаОперации', value: '31.02.2025' });
    expect(r.invalid[3]!.reason.params).toEqual({ externalId: `1c|${OWN}|4|2025-03-01|1000`, firstLine: 24 });
  });

  it("two payers' orders with the same number, day and sum are two credits (the number is the payer's own); the balances bridge", async () => {
    const order = (payer: string, account: string) =>
      doc(['НомерДокумента=1', 'ДатаОперации=03.03.2025', `ПлательщикНаименование=${payer}`, `ПлательщикИИК=${account}`, `ПолучательИИК=${OWN}`, 'СуммаПриход=5000.00']);
    const text = statement(section('0', '10000.00', '0', '10000.00'), [order('ИП Петров', 'KZ12601A000000000001'), order('ИП Сидоров', 'KZ12601A000000000002')].join('\n'));
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.invalid).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.counterparty, x.externalId])).toEqual([
      ['ИП Петров', `1c|${OWN}|1|2025-03-03|500000|KZ12601A000000000001`],
      ['ИП Сидоров', `1c|${OWN}|1|2025-03-03|500000|KZ12601A000000000002`],
    ]);
  });

  it('documents without numbers that repeat are kept with a counter', async () => {
    const d = doc(['ДатаОперации=01.03.2025', `ПолучательИИК=${OWN}`, 'СуммаПриход=10']);
    const r = expectOk(await parseStatement1c(utf8(statement('', [d, d].join('\n')))));
    expect(r.rows.map((x) => x.externalId)).toEqual([`1c|${OWN}||2025-03-01|1000`, `1c|${OWN}||2025-03-01|1000#2`]);
  });

  it('a file that is not 1C is refused', async () => {
    expectFailure(await parseStatement1c(utf8('Дата;Сумма\n01.03.2025;10\n')), 'not_1c');
    expectFailure(await parseStatement1c(utf8('\r\n\r\n')), 'empty_file');
  });
});
