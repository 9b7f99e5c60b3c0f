// 1C and MT940 statements: cases mutation testing found unpinned — a document cut by the next one,
// a key written twice, a section without its account, signs and directions a document cannot have,
// which date a document is booked on, the bridge flag when declared turnovers differ, and the MT940
// account, entry amount and :86: rules.
import { describe, expect, it } from 'vitest';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { expectOk, utf8 } from './helpers.js';

const OWN = 'KZ18722S000012345678';
const OWN2 = 'KZ55722S000087654321';

const file1c = (...parts: string[][]) =>
  ['1CClientBankExchange', 'ВерсияФормата=1.01', 'Кодировка=Windows', ...parts.flat(), 'КонецФайла'].join('\r\n') + '\r\n';
const doc = (lines: string[], end = true) => ['СекцияДокумент=Платежное поручение', ...lines, ...(end ? ['КонецДокумента'] : [])];
const section = (lines: string[]) => ['СекцияРасчСчет', ...lines, 'КонецРасчСчет'];

describe('1C statement', () => {
  it('a document cut off by the next СекцияДокумент is unterminated_document and stays out of the bridge', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      section([`РасчСчет=${OWN}`, 'НачальныйОстаток=100.00', 'КонечныйОстаток=150.00']),
      doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=70.00', `ПолучательИИК=${OWN}`], false),
      doc(['НомерДокумента=2', 'ДатаОперации=01.03.2025', 'СуммаПриход=50.00', `ПолучательИИК=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => [x.docNumber, x.amountTiyn])).toEqual([['2', 5_000]]);
    expect(r.invalid).toEqual([{ line: 10, reason: { code: 'unterminated_document' } }]);
    expect(r.meta.documents).toBe(2);
    expect(r.meta.balances[0]).toMatchObject({ creditsTiyn: 5_000, balanced: true });
    expect(r.problems).toEqual([]);
  });

  it('a key written twice in a document: the first value counts', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      doc(['НомерДокумента=7', 'ДатаОперации=01.03.2025', 'СуммаПриход=10.00', `ПолучательИИК=${OWN}`, 'СуммаПриход=99.00', 'ДатаОперации=05.03.2025']),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => [x.amountTiyn, x.date])).toEqual([[1_000, '2025-03-01']]);
  });

  it('a section without РасчСчет belongs to the one account the file names: its bridge is checked against the rows', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      section(['ДатаНачала=01.03.2025', 'НачальныйОстаток=100.00', 'ВсегоПоступило=50.00', 'ВсегоСписано=20.00', 'КонечныйОстаток=130.00']),
      doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=50.00', `ПолучательИИК=${OWN}`]),
      doc(['НомерДокумента=2', 'ДатаОперации=01.03.2025', 'СуммаРасход=20.00', `ПлательщикИИК=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.meta.balances).toEqual([
      { account: OWN, openingTiyn: 10_000, closingTiyn: 13_000, creditsTiyn: 5_000, debitsTiyn: 2_000, declaredCreditsTiyn: 5_000, declaredDebitsTiyn: 2_000, balanced: true },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('a negative СуммаПриход or СуммаРасход is unexpected_sign, never a movement the other way', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=-50.00', `ПолучательИИК=${OWN}`]),
      doc(['НомерДокумента=2', 'ДатаОперации=01.03.2025', 'СуммаРасход=-20.00', `ПлательщикИИК=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows).toEqual([]);
    expect(r.invalid.map((i) => i.reason)).toEqual([
      { code: 'unexpected_sign', params: { field: 'СуммаПриход', value: '-50.00' } },
      { code: 'unexpected_sign', params: { field: 'СуммаРасход', value: '-20.00' } },
    ]);
  });

  it('Сумма with neither account ours and both ДатаПоступило and ДатаСписано: the direction is unknown, not guessed', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      doc(['Номер=1', 'Дата=01.03.2025', 'Сумма=50.00', 'ПлательщикСчет=KZ11111', 'ПолучательСчет=KZ22222', 'ДатаПоступило=01.03.2025', 'ДатаСписано=01.03.2025']),
      doc(['Номер=2', 'Дата=01.03.2025', 'Сумма=40.00', 'ПлательщикСчет=KZ11111', 'ПолучательСчет=KZ22222', 'ДатаПоступило=01.03.2025']),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.invalid.map((i) => i.reason.code)).toEqual(['unknown_direction']);
    expect(r.rows.map((x) => [x.docNumber, x.amountTiyn, x.account])).toEqual([['2', 4_000, OWN]]);
  });

  it('a transfer between two own accounts: the document\'s РасчСчет says which side this statement is', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`, `РасчСчет=${OWN2}`],
      doc(['Номер=1', 'Дата=01.03.2025', 'Сумма=300.00', `ПлательщикСчет=${OWN}`, `ПолучательСчет=${OWN2}`, `РасчСчет=${OWN2}`]),
      doc(['Номер=2', 'Дата=02.03.2025', 'Сумма=100.00', `ПлательщикСчет=${OWN}`, `ПолучательСчет=${OWN2}`, `РасчСчет=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.invalid).toEqual([]);
    expect(r.rows.map((x) => [x.docNumber, x.amountTiyn, x.account])).toEqual([
      ['1', 30_000, OWN2],
      ['2', -10_000, OWN],
    ]);
  });

  it('a credit whose recipient account is not one of ours is booked on the statement\'s own account', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=50.00', 'ПолучательИИК=KZ00000OLDACCOUNT']),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => [x.amountTiyn, x.account])).toEqual([[5_000, OWN]]);
  });

  it('the operation date decides the day, not the document date', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      doc(['НомерДокумента=1', 'ДатаДокумента=28.02.2025', 'ДатаОперации=01.03.2025', 'СуммаПриход=50.00', `ПолучательИИК=${OWN}`]),
      doc(['НомерДокумента=2', 'ДатаДокумента=27.02.2025', 'ДатаОперации=03.03.2025', 'СуммаРасход=20.00', `ПлательщикИИК=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.rows.map((x) => [x.docNumber, x.date])).toEqual([
      ['1', '2025-03-01'],
      ['2', '2025-03-03'],
    ]);
  });

  it('a bridge that holds is still not "balanced" when the declared turnovers differ from the documents', async () => {
    const text = file1c(
      [`РасчСчет=${OWN}`],
      section([`РасчСчет=${OWN}`, 'НачальныйОстаток=100.00', 'ВсегоПоступило=60.00', 'ВсегоСписано=0', 'КонечныйОстаток=150.00']),
      doc(['НомерДокумента=1', 'ДатаОперации=01.03.2025', 'СуммаПриход=50.00', `ПолучательИИК=${OWN}`]),
    );
    const r = expectOk(await parseStatement1c(utf8(text)));
    expect(r.problems).toEqual([{ code: 'turnover_mismatch', params: { account: OWN, kind: 'credits', declaredTiyn: 6_000, actualTiyn: 5_000 } }]);
    expect(r.meta.balances[0]!.balanced).toBe(false);
  });
});

const mt940 = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('MT940', () => {
  it(':25: with the currency glued to the IBAN gives the IBAN alone (as 1C names the account)', async () => {
    const text = mt940(':20:S1', `:25:CASPKZKA/${OWN}KZT`, ':28C:1', ':60F:C250301KZT0,00', ':61:250301C50,00NTRFREF1//B1', ':62F:C250301KZT50,00', '-');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => x.account)).toEqual([OWN]);
    expect(r.meta.statements[0]!.account).toBe(OWN);
  });

  it('an entry amount with a dot decimal is not MT940 (comma only): bad_entry', async () => {
    const text = mt940(':20:S1', `:25:${OWN}`, ':28C:1', ':60F:C250301KZT0,00', ':61:250301C1000.50NTRFREF1//B1', ':62F:C250301KZT0,00', '-');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows).toEqual([]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([[5, 'bad_entry']]);
  });

  it('entries of a statement without :25: are missing_account', async () => {
    const text = mt940(':20:S1', ':28C:1', ':60F:C250301KZT0,00', ':61:250301C50,00NTRFREF1//B1', ':62F:C250301KZT50,00', '-');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows).toEqual([]);
    expect(r.invalid).toEqual([{ line: 4, reason: { code: 'missing_account' } }]);
  });

  it('the :86: right after a :61: is its text; a second :86: does not replace it', async () => {
    const text = mt940(
      ':20:S1', `:25:${OWN}`, ':28C:1', ':60F:C250301KZT0,00',
      ':61:250301C50,00NTRFREF1//B1', ':86:190 Зачисление Kaspi Pay', ':86:Информация для владельца счета',
      ':62F:C250301KZT50,00', '-',
    );
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => [x.knp, x.purpose])).toEqual([['190', 'Зачисление Kaspi Pay']]);
  });

  it('two entries without a reference whose ids share the first 32 bits of their MD5 are two rows, not a repeat (#2)', async () => {
    // found by search: 'mt940|<OWN>|2025-03-07|7780|' and 'mt940|<OWN>|2025-03-05|8372|' agree in MD5 bytes 0-3
    const text = mt940(
      ':20:S1', `:25:${OWN}`, ':28C:1', ':60F:C250301KZT0,00',
      ':61:250307C77,80NTRF', ':61:250305C83,72NTRF',
      ':62F:C250307KZT161,52', '-',
    );
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => x.externalId)).toEqual([`mt940|${OWN}|2025-03-07|7780|`, `mt940|${OWN}|2025-03-05|8372|`]);
    expect(r.problems).toEqual([]);
  });
});
