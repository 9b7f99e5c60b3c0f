// A re-export of a Kaspi report that fills in what an earlier import of the same rows lacked (an
// empty settlement date or fee): the re-import fills exactly those NULLs, counts them in the
// preview and the result, and its batch's undo empties them again. A re-export that changes a
// value already stored is reported (changed_in_reexport) and never applied.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonOf, summarizeOutcome } from '../../../main/services/imports/import-summary.js';
import { ReconcileService } from '../../../main/services/reconcile/reconcile-service.js';
import { importFile, makeEnv, register, REPORT_HEADER, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-reexport-');
});
afterEach(async () => {
  await env.cleanup();
});

const report = (rows: string[]) => `\ufeff;Период:;01.04.2025 - 30.04.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
// '#;id;date;time;settlement;type;payment;gross;net;fee;fee2;card;details'
const row = (n: number, id: string, settlement: string, net = '990,00', fee = '10,00') =>
  `${n};${id};05.04.2025;10:00:0${n};${settlement};Покупка;QR;1 000,00;${net};${fee};;;`;
const stored = (id: string) =>
  env.db.prepare('SELECT settlement_date AS settlement, fee_tiyn AS fee, net_tiyn AS net FROM report_rows WHERE purchase_id = ?').get(id);
const leg2 = () => new ReconcileService({ db: env.db }).run('2025-04-01', '2025-04-30').reportVsBank.days.map((d) => [d.date, d.reportNetTiyn]);

describe('a re-export that fills in an empty settlement date or fee', () => {
  beforeEach(async () => {
    const first = await importFile(env, writeFile(env, 'first.csv', report([row(1, 'P1', ''), row(2, 'P2', '06.04.2025', '990,00', '')])));
    expect(first).toMatchObject({ phase: 'done', imported: 2 });
    expect(leg2()).toEqual([['2025-04-06', 99_000]]); // P1 has no settlement day yet
  });

  it('fills only the NULLs, shows the count in the preview and the result, and the day reaches leg 2', async () => {
    const file = writeFile(env, 'again.csv', report([row(1, 'P1', '06.04.2025'), row(2, 'P2', '06.04.2025')]));
    const preview = await env.imports.preview(register(env, file));
    expect(preview).toMatchObject({ rows: 2, newRows: 0, duplicates: 2, updatedRows: 2, problems: [] });
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'done', imported: 0, updated: 2, duplicates: 2, batch: { rows: 0, updated: 2 } });
    expect(done.events.at(-1)).toMatchObject({ phase: 'done', batch: { updated: 2 } });
    expect(JSON.parse(jsonOf(summarizeOutcome(done)))).toMatchObject({ imported: 0, duplicates: 2, updated: 2 });
    expect(stored('P1')).toEqual({ settlement: '2025-04-06', fee: 1000, net: 99_000 });
    expect(stored('P2')).toEqual({ settlement: '2025-04-06', fee: 1000, net: 99_000 });
    expect(leg2()).toEqual([['2025-04-06', 198_000]]);
    // the same file once more: nothing left to fill, no batch
    expect(await importFile(env, writeFile(env, 'third.csv', report([row(1, 'P1', '06.04.2025'), row(2, 'P2', '06.04.2025')])))).toMatchObject({ imported: 0, updated: 0, batch: null });
    // undo empties what the batch filled, and nothing else
    env.imports.undo(done.batch!.id);
    expect(stored('P1')).toEqual({ settlement: null, fee: 1000, net: 99_000 });
    expect(stored('P2')).toEqual({ settlement: '2025-04-06', fee: null, net: 99_000 });
    expect(leg2()).toEqual([['2025-04-06', 99_000]]);
  });

  it('new rows and fills go in one batch', async () => {
    const done = await importFile(env, writeFile(env, 'more.csv', report([row(1, 'P1', '07.04.2025'), row(3, 'P3', '07.04.2025')])));
    expect(done).toMatchObject({ phase: 'done', imported: 1, updated: 1, batch: { rows: 1, updated: 1 } });
    expect(leg2()).toEqual([['2025-04-06', 99_000], ['2025-04-07', 198_000]]);
    env.imports.undo(done.batch!.id);
    expect(leg2()).toEqual([['2025-04-06', 99_000]]);
    expect(stored('P3')).toBeUndefined();
  });

  it('a changed value already stored is reported and not applied', async () => {
    const file = writeFile(env, 'changed.csv', report([row(1, 'P1', ''), row(2, 'P2', '08.04.2025', '980,00', '')]));
    const preview = await env.imports.preview(register(env, file));
    expect(preview).toMatchObject({ newRows: 0, updatedRows: 0, problems: [{ code: 'changed_in_reexport', params: { count: 1, line: 5 } }] });
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'done', imported: 0, updated: 0, batch: null, problems: [{ code: 'changed_in_reexport', params: { count: 1, line: 5 } }] });
    expect(stored('P2')).toEqual({ settlement: '2025-04-06', fee: null, net: 99_000 });
  });

  it('a fill never overwrites: a row whose empty fee is filled keeps its stored settlement day, and the change is reported', async () => {
    const file = writeFile(env, 'mixed.csv', report([row(1, 'P1', '06.04.2025'), row(2, 'P2', '08.04.2025', '990,00', '10,00')]));
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'done', imported: 0, updated: 2, problems: [{ code: 'changed_in_reexport', params: { count: 1, line: 5 } }] });
    expect(stored('P1')).toEqual({ settlement: '2025-04-06', fee: 1000, net: 99_000 });
    expect(stored('P2')).toEqual({ settlement: '2025-04-06', fee: 1000, net: 99_000 }); // 08.04 not applied
  });

  it.each([
    ['the gross', (n: number, id: string) => `${n};${id};05.04.2025;10:00:0${n};06.04.2025;Покупка;QR;1 100,00;990,00;10,00;;;`],
    ['the net', (n: number, id: string) => `${n};${id};05.04.2025;10:00:0${n};06.04.2025;Покупка;QR;1 000,00;985,00;10,00;;;`],
    ['the fee', (n: number, id: string) => `${n};${id};05.04.2025;10:00:0${n};06.04.2025;Покупка;QR;1 000,00;990,00;15,00;;;`],
  ])('%s alone changed in a re-export is reported, and not applied', async (_field, changed) => {
    const settledRow = (n: number, id: string) => `${n};${id};05.04.2025;10:00:0${n};06.04.2025;Покупка;QR;1 000,00;990,00;10,00;;;`;
    await importFile(env, writeFile(env, 'p4.csv', report([settledRow(4, 'P4')])));
    const before = stored('P4');
    const preview = await env.imports.preview(register(env, writeFile(env, 'p4-again.csv', report([changed(4, 'P4')]))));
    expect(preview).toMatchObject({ newRows: 0, updatedRows: 0, problems: [{ code: 'changed_in_reexport', params: { count: 1 } }] });
    expect(stored('P4')).toEqual(before);
  });
});

