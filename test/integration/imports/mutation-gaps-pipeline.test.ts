// What the preview and the import say about a file, through the real service and SQLite — cases
// mutation testing found unpinned: a statement's file-level problems (a failed bridge) reach the
// manager, more invalid rows than are kept are counted and said, invalid rows come in line order with
// the in-file duplicates found in SQL, and a refused file says why in the preview.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, makeEnv, register, writeFile, type Env } from './helpers.js';
import { reportCsv, statement1c } from '../reconcile/helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-import-gaps-');
});
afterEach(async () => {
  await env.cleanup();
});

const preview = (name: string, content: string) => env.imports.preview(register(env, writeFile(env, name, content)));

describe('preview and import', () => {
  it('a 1C statement whose declared turnover is off: the preview and the import both list turnover_mismatch', async () => {
    const text = statement1c([{ number: '1', date: '06.03.2025', credit: '2970.00' }]).replace(
      'СекцияДокумент',
      'СекцияРасчСчет\r\nРасчСчет=KZ18722S000012345678\r\nНачальныйОстаток=0\r\nВсегоПоступило=3000.00\r\nКонечныйОстаток=2970.00\r\nКонецРасчСчет\r\nСекцияДокумент',
    );
    const expected = { code: 'turnover_mismatch', params: { account: 'KZ18722S000012345678', kind: 'credits', declaredTiyn: 300_000, actualTiyn: 297_000 } };
    expect((await preview('st.txt', text)).problems).toEqual([expected]);
    const done = await importFile(env, writeFile(env, 'st2.txt', text));
    expect(done).toMatchObject({ phase: 'done', imported: 1, problems: [expected] });
  });

  it('more invalid rows than are kept: the first 500 by line, and a problem saying how many there were', async () => {
    const lines = Array.from({ length: 510 }, (_, i) => ({
      purchaseId: `P-${i}`, date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: 'abc', net: '1,00',
    }));
    const p = await preview('bad.csv', reportCsv([{ purchaseId: 'OK', date: '05.03.2025', time: '09:00:00', settlement: '06.03.2025', gross: '1,00', net: '1,00' }, ...lines]));
    expect(p).toMatchObject({ newRows: 1, invalidCount: 510 });
    expect(p.invalid).toHaveLength(500);
    expect(p.invalid[0]!.line).toBe(5);
    expect(p.problems).toEqual([{ code: 'invalid_truncated', params: { kept: 500, total: 510 } }]);
  });

  it('invalid rows are listed in line order, a repeated purchase (found in SQL) among the parser\'s refusals', async () => {
    const row = { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' };
    const p = await preview('dup.csv', reportCsv([row, row, { ...row, purchaseId: 'P-2', gross: 'abc' }]));
    expect(p.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [5, 'duplicate_in_file'],
      [6, 'bad_amount'],
    ]);
  });

  it('a refused file: the preview\'s first problem says why', async () => {
    const row = { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' };
    const broken = reportCsv([row, { ...row, purchaseId: 'P-2' }]).replace(';P-2;', ';"P-2;');
    const p = await preview('broken.csv', broken);
    expect(p.problems[0]).toEqual({ code: 'unclosed_quote', params: { line: 5 } });
  });
});
