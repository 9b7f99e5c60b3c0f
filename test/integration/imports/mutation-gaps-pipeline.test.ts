// What the preview and the import say about a file, through the real service and SQLite — cases
// mutation testing found unpinned: a statement's file-level problems (a failed bridge) reach the
// manager, more invalid rows than are kept are counted and said, invalid rows come in line order with
// the in-file duplicates found in SQL, a refused file says why in the preview, a file with no valid
// row makes no (empty) batch, the last progress event counts the rows written, a re-import suggests no
// near duplicates among its own rows, a second undo changes nothing, and an undo never empties a field
// of a row that only took over the id of a deleted, filled row; an import cancelled before it starts
// stops in the parse, writes nothing, and its summary says cancelled (exit 1).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeOf, summarizeOutcome } from '../../../main/services/imports/import-summary.js';
import { ImportsRepo } from '../../../main/store/imports-repo.js';
import { count, dump, importFile, makeEnv, register, REPORT_HEADER, writeFile, type Env } from './helpers.js';
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

  it('a file refused for a quote that swallows lines still lists the invalid rows read before it', async () => {
    const line = (n: number, id: string, gross: string, details: string) => `${n};${id};05.03.2025;10:00:0${n};06.03.2025;Покупка;QR;${gross};990,00;10,00;0,00;;${details}`;
    const text = [
      ';Период:;01.03.2025 - 31.03.2025', '', REPORT_HEADER,
      line(1, 'P-1', 'abc', 'Кофе'), line(2, 'P-2', '1 000,00', 'Кофе'), line(3, 'P-3', '1 000,00', '"Арабика" 250 г'),
      line(4, 'P-4', '1 000,00', 'Кофе'), line(5, 'P-5', '1 000,00', '"Кофе"'),
    ].join('\r\n') + '\r\n';
    const p = await preview('swallowed.csv', text);
    expect(p.problems[0]).toEqual({ code: 'unclosed_quote', params: { line: 6 } });
    expect(p.invalid.map((i) => [i.line, i.reason.code])).toEqual([[4, 'bad_amount']]);
  });

  it('acceptValid on a file whose every row is invalid: done, nothing imported, and no empty batch in the history', async () => {
    const row = { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: 'abc', net: '1,00' };
    const done = await importFile(env, writeFile(env, 'all-bad.csv', reportCsv([row, { ...row, purchaseId: 'P-2' }])), { acceptValid: true });
    expect(done).toMatchObject({ phase: 'done', imported: 0, invalidCount: 2, batch: null });
    expect(count(env.db, 'import_batches')).toBe(0);
    expect(done.events.at(-1)).toMatchObject({ phase: 'done', rows: 0, batch: null });
  });

  it('the last progress event of a done import counts the rows written, not the rows read', async () => {
    const row = { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' };
    await importFile(env, writeFile(env, 'first.csv', reportCsv([row])));
    const again = await importFile(env, writeFile(env, 'again.csv', reportCsv([row, { ...row, purchaseId: 'P-2' }])));
    expect(again).toMatchObject({ phase: 'done', rows: 2, imported: 1, duplicates: 1 });
    expect(again.events.at(-1)).toMatchObject({ phase: 'done', rows: 1 });
  });

  it('the same report previewed again: its rows are already imported, so no near duplicate is suggested among them', async () => {
    const rows = [
      { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' },
      { purchaseId: 'P-2', date: '05.03.2025', time: '11:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' },
    ];
    expect((await importFile(env, writeFile(env, 'first.csv', reportCsv(rows)))).imported).toBe(2);
    const again = await preview('again.csv', reportCsv(rows));
    expect(again).toMatchObject({ newRows: 0, duplicates: 2 });
    expect(again.nearDuplicates).toEqual([]);
  });
});

describe('undo', () => {
  const row = (purchaseId: string, settlement: string) => ({ purchaseId, date: '05.03.2025', time: '10:00:00', settlement, gross: '1 000,00', net: '990,00' });
  const settlementOf = (purchaseId: string) =>
    (env.db.prepare('SELECT settlement_date AS d FROM report_rows WHERE purchase_id = ?').get(purchaseId) as { d: string | null } | undefined)?.d;

  it('a batch undone twice keeps the time of its first undo', async () => {
    const done = await importFile(env, writeFile(env, 'a.csv', reportCsv([row('P-1', '06.03.2025')])));
    const repo = new ImportsRepo(env.db);
    expect(repo.undo(done.batch!.id, '2025-03-10T04:00:00.000Z').undoneAt).toBe('2025-03-10T04:00:00.000Z');
    expect(repo.undo(done.batch!.id, '2025-03-11T04:00:00.000Z').undoneAt).toBe('2025-03-10T04:00:00.000Z');
  });

  it('undoing a fill after its row was deleted and its id reused leaves the new row alone', async () => {
    const first = await importFile(env, writeFile(env, 'a.csv', reportCsv([row('P-1', '')])));
    const fill = await importFile(env, writeFile(env, 'b.csv', reportCsv([row('P-1', '06.03.2025')])));
    expect(fill).toMatchObject({ phase: 'done', imported: 0, updated: 1 });
    env.imports.undo(first.batch!.id); // P-1 is gone
    const other = await importFile(env, writeFile(env, 'c.csv', reportCsv([row('P-9', '07.03.2025')])));
    expect(other).toMatchObject({ phase: 'done', imported: 1 });
    env.imports.undo(fill.batch!.id);
    expect(settlementOf('P-9')).toBe('2025-03-07');
  });
});

describe('cancel', () => {
  it('an import cancelled before it starts stops in the parse: cancelled, 0 rows, nothing written, summary "cancelled" (exit 1)', async () => {
    const row = { purchaseId: 'P-1', date: '05.03.2025', time: '10:00:00', settlement: '06.03.2025', gross: '1 000,00', net: '990,00' };
    const before = dump(env.db);
    const started = env.imports.commit(register(env, writeFile(env, 'a.csv', reportCsv([row, { ...row, purchaseId: 'P-2' }]))), {}, () => {});
    expect(env.imports.cancel(started.jobId)).toBe(true);
    const outcome = await started.outcome;
    expect(outcome).toMatchObject({ phase: 'cancelled', rows: 0, imported: 0, batch: null });
    expect(dump(env.db)).toBe(before);
    const summary = summarizeOutcome(outcome);
    expect(summary.error?.code).toBe('cancelled');
    expect(exitCodeOf(summary)).toBe(1);
  });
});
