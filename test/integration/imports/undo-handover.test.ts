// Undo of a batch whose rows a later file had too (left out there as already imported): those rows go
// to that later batch, still imported, instead of being deleted — for every kind of file — so the data
// is what it would be had the undone file never been imported. Statements: reconcile/cases.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, makeEnv, REPORT_HEADER, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-handover-');
});
afterEach(async () => {
  await env.cleanup();
});

const report = (rows: string[]) => `\ufeff;Период:;01.04.2025 - 30.04.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
// '#;id;date;time;settlement;type;payment;gross;net;fee;fee2;card;details'
const row = (n: number, id: string, settlement = '06.04.2025') => `${n};${id};05.04.2025;10:00:0${n};${settlement};Покупка;QR;1 000,00;990,00;10,00;;;`;
const reportRows = () =>
  env.db.prepare('SELECT purchase_id AS id, batch_id AS batch, settlement_date AS settlement FROM report_rows ORDER BY purchase_id').all();
const count = (table: string) => (env.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('undo of a batch whose rows a later file had too', () => {
  it('a week report undone after the month report: the month keeps the week rows, counted in its batch', async () => {
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1'), row(2, 'P2')])));
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1'), row(2, 'P2'), row(3, 'P3')])));
    expect(month).toMatchObject({ imported: 1, duplicates: 2 });
    env.imports.undo(week.batch!.id);
    const m = Number(month.batch!.id);
    expect(reportRows()).toEqual([
      { id: 'P1', batch: m, settlement: '2025-04-06' },
      { id: 'P2', batch: m, settlement: '2025-04-06' },
      { id: 'P3', batch: m, settlement: '2025-04-06' },
    ]);
    expect(env.imports.batches().find((b) => b.id === month.batch!.id)).toMatchObject({ rows: 3, sumTiyn: 300_000 });
    env.imports.undo(month.batch!.id);
    expect([count('report_rows'), count('import_skips')]).toEqual([0, 0]);
  });

  it('the undo question knows what stays: rows a later import keeps, and only the marks of rows that go', async () => {
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1'), row(2, 'P2')])));
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1'), row(3, 'P3')])));
    const mark = env.db.prepare("INSERT INTO reconciled_pairs (pair_id, purchase_id, sale_id, till_tiyn, report_tiyn, marked_at) VALUES (?, ?, ?, 100000, 100000, '2025-04-07T00:00:00Z')");
    mark.run('purchase:P1', 'P1', 's1');
    mark.run('purchase:P2', 'P2', 's2');
    expect(env.imports.undoImpact(week.batch!.id)).toEqual({ batchId: week.batch!.id, deleted: 1, kept: 1, reopenedPairs: 1, filled: 0, periodFrom: null, periodTo: null });
    expect(env.imports.undoImpact(month.batch!.id)).toEqual({ batchId: month.batch!.id, deleted: 1, kept: 0, reopenedPairs: 0, filled: 0, periodFrom: null, periodTo: null });
    env.imports.undo(week.batch!.id);
    expect(reportRows().map((r) => (r as { id: string }).id)).toEqual(['P1', 'P3']); // as the question said
    const marks = () => env.db.prepare('SELECT pair_id FROM reconciled_pairs ORDER BY pair_id').pluck().all();
    expect(marks()).toEqual(['purchase:P1']); // P2's reconciliation opened again, as said: no mark waits for its row
    expect(env.imports.undoImpact(month.batch!.id)).toMatchObject({ deleted: 2, kept: 0, reopenedPairs: 1 });
    expect(env.imports.undoImpact(week.batch!.id)).toMatchObject({ deleted: 0, kept: 0 }); // undone already
    await importFile(env, writeFile(env, 'week-again.csv', report([row(2, 'P2')])));
    expect(marks()).toEqual(['purchase:P1']); // the same file again: P2 is to be checked anew
    env.imports.undo(month.batch!.id);
    expect(marks()).toEqual([]);
  });

  it('the month report undone first takes only its own rows; a row it filled is emptied again and stays the week’s', async () => {
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1', ''), row(2, 'P2')])));
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1'), row(2, 'P2'), row(3, 'P3')])));
    expect(month).toMatchObject({ imported: 1, updated: 1 });
    const w = Number(week.batch!.id);
    env.imports.undo(month.batch!.id);
    expect(reportRows()).toEqual([
      { id: 'P1', batch: w, settlement: null },
      { id: 'P2', batch: w, settlement: '2025-04-06' },
    ]);
    env.imports.undo(week.batch!.id);
    expect([count('report_rows'), count('report_fills'), count('import_skips')]).toEqual([0, 0, 0]);
  });

  it('a row the later report filled keeps the filled value when the earlier one is undone, and its fill goes with the later undo', async () => {
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1', '')])));
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1'), row(2, 'P2')])));
    env.imports.undo(week.batch!.id);
    expect(reportRows()).toEqual([
      { id: 'P1', batch: Number(month.batch!.id), settlement: '2025-04-06' },
      { id: 'P2', batch: Number(month.batch!.id), settlement: '2025-04-06' },
    ]);
    env.imports.undo(month.batch!.id);
    expect([count('report_rows'), count('report_fills'), count('import_skips')]).toEqual([0, 0, 0]);
  });

  it('undoing a fill gives the field the value a later imported report has for it, and that report its undo', async () => {
    const day = await importFile(env, writeFile(env, 'day.csv', report([row(1, 'P1', '')])));
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1'), row(2, 'P2')])));
    expect(week).toMatchObject({ imported: 1, updated: 1 });
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1', '07.04.2025'), row(2, 'P2'), row(3, 'P3')])));
    env.imports.undo(week.batch!.id);
    // had the week never been imported, the month would have filled P1 (its day: the 7th)
    expect(reportRows()).toContainEqual({ id: 'P1', batch: Number(day.batch!.id), settlement: '2025-04-07' });
    env.imports.undo(month.batch!.id);
    expect(reportRows()).toEqual([{ id: 'P1', batch: Number(day.batch!.id), settlement: null }]);
    expect([count('report_fills'), count('import_skips')]).toEqual([0, 0]);
  });

  it('the field given back on an undo is the recorded filler’s own value, whichever batch owns the table’s first row', async () => {
    // a.csv brings A (the table's first row); t.csv brings T without a day; f.csv fills T (the 7th);
    // g.csv has A and T (the 8th). a.csv undone: A goes to g.csv, which so owns the first row.
    const a = await importFile(env, writeFile(env, 'a.csv', report([row(1, 'A')])));
    const t = await importFile(env, writeFile(env, 't.csv', report([row(2, 'T', '')])));
    const f = await importFile(env, writeFile(env, 'f.csv', report([row(2, 'T', '07.04.2025'), row(3, 'F')])));
    const g = await importFile(env, writeFile(env, 'g.csv', report([row(1, 'A'), row(2, 'T', '08.04.2025'), row(4, 'G')])));
    env.imports.undo(a.batch!.id);
    expect(reportRows()).toContainEqual({ id: 'A', batch: Number(g.batch!.id), settlement: '2025-04-06' });
    env.imports.undo(f.batch!.id);
    // had f.csv never been imported, g.csv would have filled T's day: the 8th, and g.csv's undo empties it
    expect(reportRows()).toContainEqual({ id: 'T', batch: Number(t.batch!.id), settlement: '2025-04-08' });
    env.imports.undo(g.batch!.id);
    expect(reportRows()).toEqual([{ id: 'T', batch: Number(t.batch!.id), settlement: null }]);
    expect(count('report_fills')).toBe(0);
  });

  it('the undo question counts the fields a batch fills now: one it became the filler of through another undo too', async () => {
    await importFile(env, writeFile(env, 'a.csv', report([row(1, 'P1', '')])));
    const b = await importFile(env, writeFile(env, 'b.csv', report([row(1, 'P1'), row(2, 'P2')])));
    const c = await importFile(env, writeFile(env, 'c.csv', report([row(1, 'P1'), row(3, 'P3')])));
    expect([b.updated, c.updated]).toEqual([1, 0]);
    expect(env.imports.undoImpact(b.batch!.id)).toMatchObject({ filled: 1 });
    expect(env.imports.undoImpact(c.batch!.id)).toMatchObject({ filled: 0 });
    env.imports.undo(b.batch!.id);
    // c.csv now fills P1's day: its undo empties it, and the question says so
    expect(env.imports.undoImpact(c.batch!.id)).toMatchObject({ deleted: 1, filled: 1 });
    env.imports.undo(c.batch!.id);
    expect(reportRows()).toEqual([{ id: 'P1', batch: expect.any(Number), settlement: null }]);
  });

  it('a row handed over takes the settlement day its new batch’s file has for it (a re-export that moved it)', async () => {
    const first = await importFile(env, writeFile(env, 'first.csv', report([row(1, 'P1', '05.04.2025')])));
    const later = await importFile(env, writeFile(env, 'later.csv', report([row(1, 'P1', '08.04.2025'), row(2, 'P2')])));
    expect(later.problems.map((p) => p.code)).toContain('changed_in_reexport'); // said at its import, not applied
    expect(reportRows()).toContainEqual({ id: 'P1', batch: Number(first.batch!.id), settlement: '2025-04-05' });
    env.imports.undo(first.batch!.id);
    expect(reportRows()).toEqual([
      { id: 'P1', batch: Number(later.batch!.id), settlement: '2025-04-08' },
      { id: 'P2', batch: Number(later.batch!.id), settlement: '2025-04-06' },
    ]);
  });

  it('a row handed over without a settlement day in its new batch’s file takes a later file’s day, never the undone one’s', async () => {
    const a = await importFile(env, writeFile(env, 'a.csv', report([row(1, 'P1', '14.04.2025')])));
    const b = await importFile(env, writeFile(env, 'b.csv', report([row(1, 'P1', ''), row(2, 'P2')])));
    await importFile(env, writeFile(env, 'c.csv', report([row(1, 'P1', '09.04.2025'), row(3, 'P3')])));
    env.imports.undo(a.batch!.id);
    // had a.csv never been imported: b.csv brings P1 without a day, c.csv fills the 9th
    expect(reportRows()).toContainEqual({ id: 'P1', batch: Number(b.batch!.id), settlement: '2025-04-09' });
  });

  it('seed payments: the later file keeps the orders the undone one brought first', async () => {
    const first = await importFile(env, writeFile(env, 'a.json', JSON.stringify([{ orderId: 'o1', amount: 100, status: 'paid' }])));
    const second = await importFile(env, writeFile(env, 'b.json', JSON.stringify([{ orderId: 'o1', amount: 100, status: 'paid' }, { orderId: 'o2', amount: 50, status: 'paid' }])));
    expect(second).toMatchObject({ imported: 1, duplicates: 1 });
    env.imports.undo(first.batch!.id);
    expect(env.db.prepare('SELECT order_id AS id, batch_id AS batch FROM seed_payments ORDER BY order_id').all()).toEqual([
      { id: 'o1', batch: Number(second.batch!.id) },
      { id: 'o2', batch: Number(second.batch!.id) },
    ]);
    env.imports.undo(second.batch!.id);
    expect([count('seed_payments'), count('import_skips')]).toEqual([0, 0]);
  });

  it('an undone later file hands nothing: a row goes only to a batch still imported', async () => {
    const week = await importFile(env, writeFile(env, 'week.csv', report([row(1, 'P1')])));
    const month = await importFile(env, writeFile(env, 'month.csv', report([row(1, 'P1'), row(2, 'P2')])));
    env.imports.undo(month.batch!.id);
    env.imports.undo(week.batch!.id);
    expect(count('report_rows')).toBe(0);
  });
});
