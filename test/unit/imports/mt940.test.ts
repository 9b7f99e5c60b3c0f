// MT940: tags, multi-line :86:, C/D/RC/RD, booking dates across a year end, SWIFT envelope,
// several statements per file, the per-statement balance check, and broken entries.
import { describe, expect, it } from 'vitest';
import { parseMt940 } from '../../../main/services/imports/mt940-parser.js';
import { cp1251, expectFailure, expectOk, utf8 } from './helpers.js';

const ACCOUNT = 'KZ18722S000012345678';

describe('MT940', () => {
  it('joins a multi-line :86:, reads the KNP, RC/RD reversals and a booking date across the year end', async () => {
    const text = [
      ':20:STMT1',
      `:25:CASPKZKA/${ACCOUNT}`,
      ':28C:1/1',
      ':60F:C251230KZT1000,00',
      ':61:2512310102C100,NTRFREF1//B1',
      ':86:190 Зачисление по операциям',
      'Kaspi Pay за 30.12.2025',
      ':61:2512310102RC20,00NMSCNONREF//B2',
      ':86:Сторно зачисления',
      ':61:2512310102RD5,5NMSCNONREF//B3',
      ':62F:C260102KZT1085,50',
      '-',
    ].join('\r\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => [x.amountTiyn, x.date, x.valueDate])).toEqual([
      [10_000, '2026-01-02', '2025-12-31'],
      [-2_000, '2026-01-02', '2025-12-31'],
      [550, '2026-01-02', '2025-12-31'],
    ]);
    expect(r.rows[0]).toMatchObject({ knp: '190', purpose: 'Зачисление по операциям Kaspi Pay за 30.12.2025', docNumber: 'REF1', account: ACCOUNT });
    expect(r.rows[1]).toMatchObject({ purpose: 'Сторно зачисления', docNumber: 'B2' });
    expect(r.rows[2]!.purpose).toBeUndefined();
    expect(r.problems).toEqual([]);
  });

  it('a :86: cut at the line width — 61 characters after the tag on its first line — is joined without a space', async () => {
    const first = 'Перечисление возмещения по операциям в торговой точке Kas'; // ":86:190 " + this = 65 characters
    expect(`:86:190 ${first}`.length).toBe(65);
    const text = [':20:S', `:25:${ACCOUNT}`, ':28C:1/1', ':60F:C250301KZT0,00', ':61:2503020302C16275,00NTRFNONREF//S1', `:86:190 ${first}`, 'pi Pay за 01.03.2025', ':62F:C250302KZT16275,00', '-'].join('\r\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows[0]!.purpose).toBe('Перечисление возмещения по операциям в торговой точке Kaspi Pay за 01.03.2025');
  });

  it('reads a SWIFT envelope and several statements, checking each bridge', async () => {
    const text = [
      '{1:F01CASPKZKAXXXX0000000000}{2:O9400000250302CASPKZKAXXXX00000000002503020000N}{4:',
      ':20:D1', `:25:${ACCOUNT}`, ':28C:1', ':60F:C250301KZT100,00', ':61:250301C50,00NTRFNONREF//X1', ':62F:C250301KZT150,00', '-}',
      '{1:F01CASPKZKAXXXX0000000000}{2:O9400000250302CASPKZKAXXXX00000000002503020000N}{4:',
      ':20:D2', `:25:${ACCOUNT}`, ':28C:2', ':60F:C250302KZT150,00', ':61:250302D10,00NTRFNONREF//X2', ':62F:C250302KZT139,00', '-}',
    ].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => [x.line, x.amountTiyn])).toEqual([[6, 5_000], [14, -1_000]]);
    expect(r.meta.statements.map((s) => [s.reference, s.figures.balanced])).toEqual([['D1', true], ['D2', false]]);
    expect(r.problems).toEqual([
      {
        code: 'balance_mismatch',
        params: { account: `${ACCOUNT} (D2)`, openingTiyn: 15_000, creditsTiyn: 0, debitsTiyn: 1_000, closingTiyn: 13_900, differenceTiyn: -100 },
      },
    ]);
  });

  it('a truncated statement (no :62F:) cannot be checked: balance_unchecked', async () => {
    const text = [':20:T', `:25:${ACCOUNT}`, ':60F:C250301KZT100,00', ':61:250301C50,00NTRFNONREF//X1', ':86:190 Зачисл'].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([{ code: 'balance_unchecked', params: { account: `${ACCOUNT} (T)`, which: 'closing' } }]);
  });

  it('broken :61: lines and bad balances are reported with their line', async () => {
    const text = [
      ':20:B', `:25:${ACCOUNT}`, ':60F:C250301KZT100,00',
      ':61:2503XX C50,00NTRF', // not an entry
      ':61:250231C50,00NTRFNONREF//X9', // 31 Feb
      ':61:250301C1.234,5,6NTRF//X8',
      ':62F:C250301KZTABC',
    ].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows).toEqual([]);
    expect(r.invalid.map((i) => [i.line, i.reason.code])).toEqual([[4, 'bad_entry'], [5, 'bad_date'], [6, 'bad_entry']]);
    expect(r.problems.map((p) => p.code)).toEqual(['bad_balance', 'balance_unchecked']);
  });

  it('entries with a bank reference must be unique; NONREF entries get a counter', async () => {
    const text = [
      ':20:U', `:25:${ACCOUNT}`, ':60F:C250301KZT0,00',
      ':61:250301C10,00NTRFNONREF//R1', ':61:250301C10,00NTRFNONREF//R1',
      ':61:250301C10,00NTRFNONREF', ':61:250301C10,00NTRFNONREF',
      ':62F:C250301KZT40,00',
    ].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.rows.map((x) => x.externalId)).toEqual([`mt940|${ACCOUNT}|2025-03-01|1000|R1`, `mt940|${ACCOUNT}|2025-03-01|1000|`, `mt940|${ACCOUNT}|2025-03-01|1000|#2`]);
    expect(r.invalid).toEqual([{ line: 5, reason: { code: 'duplicate_in_file', params: { externalId: `mt940|${ACCOUNT}|2025-03-01|1000|R1`, firstLine: 4 } } }]);
    expect(r.problems.map((p) => p.code)).toEqual(['balance_mismatch']); // the refused duplicate is missing from the bridge
  });

  it("entries with only the payer's reference (two payers' orders \"1\") are two entries, counted up; the balances bridge", async () => {
    const text = [
      ':20:V', `:25:${ACCOUNT}`, ':60F:C250301KZT0,00',
      ':61:250301C5000,00NTRF1', ':86:190 ИП Петров, оплата по счету 15', ':61:250301C5000,00NTRF1', ':86:190 ИП Сидоров, оплата по счету 16',
      ':62F:C250301KZT10000,00',
    ].join('\n');
    const r = expectOk(await parseMt940(utf8(text)));
    expect(r.invalid).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.externalId)).toEqual([`mt940|${ACCOUNT}|2025-03-01|500000|1`, `mt940|${ACCOUNT}|2025-03-01|500000|1#2`]);
  });

  it('an entry keeps its id across exports with another :20: reference, and the account is the IBAN', async () => {
    const entry = [':61:250301C10,00NTRFNONREF//R9', ':62F:C250301KZT10,00'];
    const a = expectOk(await parseMt940(utf8([':20:STMT-A', `:25:${ACCOUNT}/KZT`, ':60F:C250301KZT0,00', ...entry].join('\n'))));
    const b = expectOk(await parseMt940(utf8([':20:STMT-B', `:25:CASPKZKA/${ACCOUNT}`, ':60F:C250301KZT0,00', ...entry].join('\n'))));
    expect(a.rows[0]!.externalId).toBe(b.rows[0]!.externalId);
    expect(a.rows[0]!.account).toBe(ACCOUNT);
    expect(b.rows[0]!.account).toBe(ACCOUNT);
  });

  it('cp1251 text is decoded', async () => {
    const text = [':20:W', `:25:${ACCOUNT}`, ':60F:C250301KZT0,00', ':61:250301C1,00NTRF//Z', ':86:119 Перевод', ':62F:C250301KZT1,00', '-'].join('\r\n');
    const r = expectOk(await parseMt940(cp1251(text)));
    expect(r.meta.encoding).toBe('windows-1251');
    expect(r.rows[0]!.purpose).toBe('Перевод');
  });

  it('text without MT940 tags is not_mt940', async () => {
    expectFailure(await parseMt940(utf8('hello\nworld\n')), 'not_mt940');
  });
});
