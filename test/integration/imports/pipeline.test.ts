// The commit rules: a file with invalid rows imports nothing unless acceptValid; duplicate ids inside
// a file are caught (in SQL, with both line numbers); near duplicates are suggested, never merged,
// and not against locked pairs; cancel writes nothing; progress is throttled; mappings are saved.
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { humanOf, jsonOf, summarizePreview } from '../../../main/services/imports/import-summary.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvMapping } from '../../../shared/import-domain.js';
import { count, dump, importFile, makeEnv, register, REPORT_HEADER, SAMPLES, writeFile, writeReport, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

const report = (rows: string[]) => `;Период:;01.03.2025 - 02.03.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
const ROW_1 = '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;Кофе';
const ROW_2 = '2;13000000102;01.03.2025;12:40:45;02.03.2025;Покупка;Карта;12 000,00;11 820,00;180,00;0,00;;Чайник';
const BAD_DATE = '3;13000000103;31.02.2025;12:40:45;02.03.2025;Покупка;QR;100,00;99,00;1,00;0,00;;Ложка';
const BAD_AMOUNT = '4;13000000104;01.03.2025;12:41:00;02.03.2025;Покупка;QR;1.234,5,6;99,00;1,00;0,00;;Вилка';

describe('invalid rows', () => {
  it('by default a file with invalid rows imports nothing and says which lines', async () => {
    const file = writeFile(env, 'bad.csv', report([ROW_1, BAD_DATE, ROW_2, BAD_AMOUNT]));
    const before = dump(env.db);
    const done = await importFile(env, file);
    expect(done.phase).toBe('failed');
    expect(done.failure).toMatchObject({ code: 'invalid_rows', params: { count: 2 } });
    expect(done.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [5, 'bad_date'], // line 1 period, 2 empty, 3 header, 4 ROW_1
      [7, 'bad_amount'],
    ]);
    expect(done.events.at(-1)).toMatchObject({ phase: 'failed', failure: { code: 'invalid_rows' }, batch: null });
    expect(dump(env.db)).toBe(before);
  });

  it('acceptValid imports the valid rows only', async () => {
    const file = writeFile(env, 'bad.csv', report([ROW_1, BAD_DATE, ROW_2, BAD_AMOUNT]));
    const done = await importFile(env, file, { acceptValid: true });
    expect(done).toMatchObject({ phase: 'done', rows: 2, imported: 2, invalidCount: 2 });
    expect(env.db.prepare('SELECT purchase_id FROM report_rows ORDER BY line').all()).toEqual([
      { purchase_id: '13000000101' },
      { purchase_id: '13000000102' },
    ]);
    // the batch keeps how many lines it left out: the history says so after the preview is gone
    expect(done.batch).toMatchObject({ rows: 2, invalidRows: 2 });
    expect(env.imports.batches()[0]).toMatchObject({ id: done.batch!.id, invalidRows: 2 });
  });

  it('the same purchase twice in one file is a duplicate_in_file with both lines (found in SQL)', async () => {
    const file = writeFile(env, 'dup.csv', report([ROW_1, ROW_2, ROW_1.replace(/^1;/, '3;')]));
    const preview = await env.imports.preview(register(env, file));
    expect(preview.rows).toBe(2);
    expect(preview.invalid).toEqual([
      {
        line: 6,
        reason: { code: 'duplicate_in_file', params: { externalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02', firstLine: 4 } },
      },
    ]);
    const done = await importFile(env, file, { acceptValid: true });
    expect(done).toMatchObject({ imported: 2, invalidCount: 1, batch: { invalidRows: 1 } }); // a repeat found only by the write's second try
    expect(count(env.db, 'report_rows')).toBe(2);
  });

  // The commit finds in-file duplicates through the table's UNIQUE key (rows turned away), not an
  // index built for every file: the same answers as the preview, and nothing written by default.
  it('commit without acceptValid: a duplicate id refuses the file, nothing written, both lines given', async () => {
    const file = writeFile(env, 'dup.csv', report([ROW_1, ROW_2, ROW_1.replace(/^1;/, '3;')]));
    const before = dump(env.db);
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'failed', failure: { code: 'invalid_rows', params: { count: 1 } }, rows: 2, imported: 0, batch: null });
    expect(done.invalid).toEqual([
      { line: 6, reason: { code: 'duplicate_in_file', params: { externalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02', firstLine: 4 } } },
    ]);
    expect(dump(env.db)).toBe(before);
  });

  it('a duplicate id next to invalid rows is counted with them', async () => {
    const file = writeFile(env, 'dup-bad.csv', report([ROW_1, BAD_DATE, ROW_1.replace(/^1;/, '3;')]));
    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'failed', failure: { code: 'invalid_rows', params: { count: 2 } }, rows: 1 });
    expect(done.invalid.map((i) => [i.line, i.reason.code])).toEqual([
      [5, 'bad_date'],
      [6, 'duplicate_in_file'],
    ]);
  });

  it('re-importing a file with a duplicate id: refused by default; with acceptValid nothing new and no batch', async () => {
    await importFile(env, writeFile(env, 'first.csv', report([ROW_1, ROW_2])));
    const file = writeFile(env, 'again.csv', report([ROW_1, ROW_2, ROW_1.replace(/^1;/, '3;')]));
    const before = dump(env.db);
    const refused = await importFile(env, file);
    expect(refused).toMatchObject({ phase: 'failed', failure: { code: 'invalid_rows', params: { count: 1 } }, rows: 2, duplicates: 2 });
    const accepted = await importFile(env, file, { acceptValid: true });
    expect(accepted).toMatchObject({ phase: 'done', rows: 2, imported: 0, duplicates: 2, invalidCount: 1, batch: null });
    expect(accepted.invalid.map((i) => i.line)).toEqual([6]);
    expect(dump(env.db)).toBe(before);
  });

  it('a large file with one duplicate far in: refused whole by default, the first occurrence kept with acceptValid', async () => {
    const file = join(env.dir, 'big-dup.csv');
    writeReport(file, 60_000);
    const row = '60001;14000000007;08.03.2025;07:07:49;08.03.2025;Покупка;QR;1 007,17;997,11;10,07;0,00;;Товар 7\r\n';
    appendFileSync(file, row);
    const before = dump(env.db);
    const refused = await importFile(env, file);
    expect(refused).toMatchObject({ phase: 'failed', failure: { code: 'invalid_rows', params: { count: 1 } }, rows: 60_000 });
    expect(refused.invalid).toMatchObject([{ line: 60_005, reason: { code: 'duplicate_in_file', params: { firstLine: 11 } } }]);
    expect(dump(env.db)).toBe(before);
    const accepted = await importFile(env, file, { acceptValid: true });
    expect(accepted).toMatchObject({ phase: 'done', rows: 60_000, imported: 60_000, invalidCount: 1 });
    expect(env.db.prepare("SELECT line, details FROM report_rows WHERE purchase_id = '14000000007'").all()).toEqual([{ line: 11, details: 'Товар 7' }]);
  });

  it('a report without a time column: two identical partial refunds on one day are both imported', async () => {
    const header = '#;Номер заказа (ID/RRN);Дата операции;Дата учета операции;Тип операции;Сумма операции (т);Сумма к зачислению/ списанию (т)';
    const rows = [
      '1;13000000101;01.03.2025;02.03.2025;Покупка;4 500,00;4 455,00',
      '2;13000000101;03.03.2025;04.03.2025;Возврат;-1 500,00;-1 485,00',
      '3;13000000101;03.03.2025;04.03.2025;Возврат;-1 500,00;-1 485,00',
    ];
    const file = writeFile(env, 'notime.csv', `${header}\r\n${rows.join('\r\n')}\r\n`);
    const preview = await env.imports.preview(register(env, file), {});
    expect(preview).toMatchObject({ rows: 3, newRows: 3, invalidCount: 0 });
    const done = await importFile(env, file);
    expect(done.failure ?? null).toBeNull();
    expect(done).toMatchObject({ phase: 'done', imported: 3, invalidCount: 0 });
    expect(env.db.prepare("SELECT SUM(net_tiyn) AS net FROM report_rows WHERE settlement_date = '2025-03-04'").get()).toEqual({ net: -297_000 });
    expect((await importFile(env, file)).imported).toBe(0); // the numbering is stable: a re-import adds nothing
  });

  it('a file gone before the commit is read_failed, with nothing written', async () => {
    const file = writeFile(env, 'gone.csv', report([ROW_1]));
    const uploadId = register(env, file);
    rmSync(file);
    const before = dump(env.db);
    const done = await env.imports.commit(uploadId, {}, () => {}).outcome;
    expect(done).toMatchObject({ phase: 'failed', failure: { code: 'read_failed' }, batch: null });
    const forced = await env.imports.commit(uploadId, { format: 'kaspi-report' }, () => {}).outcome; // no detection: the parser
    expect(forced).toMatchObject({ phase: 'failed', failure: { code: 'read_failed' }, batch: null });
    expect(dump(env.db)).toBe(before);
  });

  it('a file refused as a whole: preview puts the reason first, commit fails with it', async () => {
    const junk = writeFile(env, 'junk.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    const preview = await env.imports.preview(register(env, junk));
    expect(preview).toMatchObject({ detectedFormat: null, rows: 0, problems: [{ code: 'binary_content' }] });
    const done = await importFile(env, junk);
    expect(done).toMatchObject({ phase: 'failed', failure: { code: 'binary_content' } });
    const forced = await importFile(env, junk, { format: '1c' });
    expect(forced).toMatchObject({ phase: 'failed', failure: { code: 'binary_content' } });
  });
});

describe('near duplicates', () => {
  it('same amount and day under another id is suggested (never merged); a locked pair is not offered', async () => {
    await importFile(env, writeFile(env, 'a.csv', report([ROW_1])));
    const other = ROW_1.replace('13000000101', '13000000999').replace('10:15:02', '18:00:00');
    const file = writeFile(env, 'b.csv', report([other, ROW_2]));
    const preview = await env.imports.preview(register(env, file));
    expect(preview.nearDuplicates).toEqual([
      {
        line: 4,
        externalId: 'kaspi-report|13000000999|purchase|2025-03-01T18:00:00',
        amountTiyn: 450_000,
        date: '2025-03-01',
        existingExternalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02',
        label: '13000000999 · Кофе',
        existingLabel: '13000000101 · Кофе',
      },
    ]);
    expect(preview.newRows).toBe(2);
    // kassa import --dry-run says it too (--json and the human text)
    const dry = summarizePreview(preview, false, 'en');
    expect(JSON.parse(jsonOf(dry)).nearDuplicates).toEqual([{ line: 4, amountTiyn: 450_000, date: '2025-03-01', label: '13000000999 · Кофе', existingLabel: '13000000101 · Кофе' }]);
    // one line: a dry run never reads as an import done ("imported: 2, batch …")
    expect(humanOf(dry, 'b.csv', 'en').out).toEqual([expect.stringContaining('(dry run: nothing written)')]);
    expect(humanOf(dry, 'b.csv', 'en').err).toEqual([
      'possible repeats (same amount and day, another id; never merged): 1:',
      '  line 4: 4\u00a0500\u00a0₸, 2025-03-01: 13000000999 · Кофе ≈ already imported 13000000101 · Кофе',
    ]);

    env.db
      .prepare("INSERT INTO reconciled_pairs VALUES ('purchase:13000000101', '13000000101', 'sale-1', 450000, 450000, '2025-03-04')")
      .run();
    const again = await env.imports.preview(register(env, file));
    expect(again.nearDuplicates).toEqual([]);
  });

  it('a statement exported in two formats: every MT940 movement is a near duplicate of the 1C one', async () => {
    await importFile(env, SAMPLES.oneC);
    const preview = await env.imports.preview(register(env, SAMPLES.mt940));
    expect(preview.nearDuplicates.map((n) => [n.date, n.amountTiyn])).toEqual([
      ['2025-03-02', 1_627_500],
      ['2025-03-03', -500_000],
    ]);
  });
});

describe('progress and cancel', () => {
  it('a 100 000-row report: parsing then writing events, at most ~10 a second, right totals', async () => {
    const file = `${env.dir}/big.csv`;
    const sums = writeReport(file, 100_000);
    const indexes = () => env.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report_rows' ORDER BY name").all();
    const before = indexes();
    const started = Date.now();
    const done = await importFile(env, file);
    const seconds = (Date.now() - started) / 1000;
    expect(done).toMatchObject({ phase: 'done', rows: 100_000, imported: 100_000, invalidCount: 0 });
    expect(done.batch).toMatchObject({ rows: 100_000, sumTiyn: sums.grossTiyn });
    const phases = [...new Set(done.events.map((e) => e.phase))];
    expect(phases).toEqual(['parsing', 'writing', 'done']);
    const parsing = done.events.filter((e) => e.phase === 'parsing');
    expect(parsing.at(-1)!.bytesRead).toBeGreaterThan(0);
    expect(parsing.every((e) => e.totalBytes === parsing[0]!.totalBytes && e.bytesRead <= e.totalBytes)).toBe(true);
    expect(done.events.length).toBeLessThanOrEqual(10 * seconds + 4);
    expect((env.db.prepare('SELECT SUM(net_tiyn) AS s FROM report_rows').get() as { s: number }).s).toBe(sums.netTiyn);
    // a batch larger than its table rebuilds the secondary indexes after the copy: all of them are back
    expect(indexes()).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(4); // UNIQUE(source, external_id) + purchase, operation, settlement
    expect((env.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
  });

  it('a preview says how far it has read a big file, a few times a second at most', async () => {
    const file = `${env.dir}/big.csv`;
    writeReport(file, 100_000);
    const events: { uploadId: string; rows: number; bytesRead: number; totalBytes: number }[] = [];
    const id = register(env, file);
    const started = Date.now();
    const preview = await env.imports.preview(id, {}, (p) => events.push(p));
    const seconds = (Date.now() - started) / 1000;
    expect(preview.rows).toBe(100_000);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(4 * seconds + 2);
    for (const [i, e] of events.entries()) {
      expect(e).toMatchObject({ uploadId: id, totalBytes: events[0]!.totalBytes });
      expect(e.bytesRead).toBeLessThanOrEqual(e.totalBytes);
      if (i > 0) expect(e.bytesRead).toBeGreaterThanOrEqual(events[i - 1]!.bytesRead);
    }
  });

  it('cancel while parsing writes nothing', async () => {
    const file = `${env.dir}/big.csv`;
    writeReport(file, 50_000);
    const before = dump(env.db);
    let cancelled = false;
    const started = env.imports.commit(register(env, file), {}, (p) => {
      if (p.phase === 'parsing' && p.rows > 0 && !cancelled) cancelled = env.imports.cancel(started.jobId);
    });
    const last = await started.done;
    expect(cancelled).toBe(true);
    expect(last).toMatchObject({ phase: 'cancelled', batch: null });
    expect(dump(env.db)).toBe(before);
    expect(env.imports.cancel(started.jobId)).toBe(false); // finished: nothing left to cancel
  });

  it('"writing" reaches the screen before the write holds the thread, and Cancel is refused from then on', async () => {
    const file = `${env.dir}/big.csv`;
    writeReport(file, 30_000);
    const order: string[] = [];
    let refused: boolean | null = null;
    const started = env.imports.commit(register(env, file), {}, (p) => {
      order.push(p.phase);
      if (p.phase === 'writing' && refused === null) {
        refused = !env.imports.cancel(started.jobId);
        setImmediate(() => order.push('event loop')); // what a transport needs to send the event on
      }
    });
    expect(await started.outcome).toMatchObject({ phase: 'done', imported: 30_000 });
    expect(refused).toBe(true);
    const firstWriting = order.indexOf('writing');
    expect(firstWriting).toBeGreaterThan(0);
    expect(order.indexOf('event loop')).toBe(firstWriting + 1); // nothing was written before the loop turned
    expect(order.at(-1)).toBe('done');
  });

  it('refuses a second commit of an upload that is still importing', async () => {
    const file = `${env.dir}/big.csv`;
    writeReport(file, 20_000);
    const id = register(env, file);
    const first = env.imports.commit(id, {}, () => {});
    expect(() => env.imports.commit(id, {}, () => {})).toThrow(/import_busy/);
    await first.done;
  });
});

describe('any other CSV through a saved mapping', () => {
  const csv = 'Дата;Сумма;Назначение\r\n01.03.2025;1 000,00;Оплата\r\n02.03.2025;-250,50;Комиссия\r\n';
  const mapping: CsvMapping = {
    delimiter: ';',
    encoding: 'utf-8',
    headerRow: 1,
    dateColumn: 'Дата',
    dateFormat: 'dd.mm.yyyy',
    amountColumn: 'Сумма',
    decimalSeparator: ',',
    descriptionColumn: 'Назначение',
    account: 'KZ00TEST',
  };

  it('needs a mapping, then imports with it', async () => {
    const file = writeFile(env, 'bank.csv', csv);
    const bare = await env.imports.preview(register(env, file));
    expect(bare).toMatchObject({ format: 'csv', detectedFormat: 'csv', rows: 0, problems: [{ code: 'needs_mapping' }] });
    const preview = await env.imports.preview(register(env, file), { mapping });
    expect(preview).toMatchObject({ format: 'csv', rows: 2, sumTiyn: 100_000 - 25_050 });
    const done = await importFile(env, file, { mapping });
    expect(done).toMatchObject({ phase: 'done', imported: 2 });
    expect(env.db.prepare('SELECT account, purpose FROM statement_rows ORDER BY line').all()).toEqual([
      { account: 'KZ00TEST', purpose: 'Оплата' },
      { account: 'KZ00TEST', purpose: 'Комиссия' },
    ]);
  });

  it('an id column that is a row counter: the next export\'s lines under stored ids with another day or amount are named, not silently "already there"', async () => {
    const counted = { ...mapping, idColumn: '№' };
    const first = writeFile(env, 'march-1.csv', '№;Дата;Сумма;Назначение\r\n1;01.03.2025;100,00;Kaspi\r\n2;02.03.2025;200,00;Kaspi\r\n');
    expect(await importFile(env, first, { mapping: counted })).toMatchObject({ phase: 'done', imported: 2 });
    const next = writeFile(env, 'march-2.csv', '№;Дата;Сумма;Назначение\r\n1;02.03.2025;200,00;Kaspi\r\n2;04.03.2025;31450,50;Kaspi\r\n3;05.03.2025;120,00;Kaspi\r\n');
    const preview = await env.imports.preview(register(env, next), { mapping: counted });
    expect(preview).toMatchObject({ newRows: 1, duplicates: 2 });
    expect(preview.problems).toContainEqual({ code: 'id_reused', params: { count: 2, line: 2 } });
    const done = await importFile(env, next, { mapping: counted });
    expect(done.problems).toContainEqual({ code: 'id_reused', params: { count: 2, line: 2 } });
  });

  it('a row mapped without payer, purpose or account is labelled by nothing, not by the placeholder "unspecified"', async () => {
    const file = writeFile(env, 'bare.csv', 'Дата;Сумма\r\n01.03.2025;100,00\r\n');
    const { descriptionColumn: _, account: __, ...bare } = mapping;
    const preview = await env.imports.preview(register(env, file), { mapping: bare });
    expect(preview.sample.map((row) => row.label)).toEqual(['']);
  });

  it('ids without an id column: two accounts\' identical rows are both kept; overlapping exports add each row once', async () => {
    const fee = writeFile(env, 'fee.csv', 'Дата;Сумма;Назначение\r\n01.03.2025;-2000,00;Комиссия за ведение счета\r\n');
    expect(await importFile(env, fee, { mapping: { ...mapping, account: 'KZ11A' } })).toMatchObject({ phase: 'done', imported: 1 });
    expect(await importFile(env, fee, { mapping: { ...mapping, account: 'KZ22B' } })).toMatchObject({ phase: 'done', imported: 1, duplicates: 0 });
    const week = (rows: string[]) => `№;Дата;Сумма;Назначение\r\n${rows.map((r, i) => `${i + 1};${r}`).join('\r\n')}\r\n`;
    const credit = (day: string, amount: string) => `${day}.03.2025;${amount};Зачисление по операциям Kaspi Pay`;
    const first = writeFile(env, 'wk1.csv', week([credit('01', '1000,00'), credit('03', '2000,00'), credit('03', '2000,00')]));
    const second = writeFile(env, 'wk2.csv', week([credit('03', '2000,00'), credit('03', '2000,00'), credit('05', '3000,00')]));
    expect(await importFile(env, first, { mapping })).toMatchObject({ phase: 'done', imported: 3 });
    expect(await importFile(env, second, { mapping })).toMatchObject({ phase: 'done', imported: 1, duplicates: 2 });
    const byDay = env.db
      .prepare("SELECT date, SUM(amount_tiyn) AS sum FROM statement_rows WHERE account = 'KZ00TEST' AND amount_tiyn > 0 GROUP BY date ORDER BY date")
      .all();
    expect(byDay).toEqual([
      { date: '2025-03-01', sum: 100_000 },
      { date: '2025-03-03', sum: 400_000 },
      { date: '2025-03-05', sum: 300_000 },
    ]);
  });

  it('saves mappings by name, replaces them, and refuses one without amount columns', () => {
    expect(env.imports.saveMapping('Halyk', mapping)).toEqual({ saved: true });
    expect(env.imports.saveMapping('Halyk', { ...mapping, delimiter: ',' })).toEqual({ saved: true });
    expect(env.imports.saveMapping('Broken', { ...mapping, amountColumn: undefined })).toEqual({ saved: false });
    expect(env.imports.mappings()).toEqual([{ name: 'Halyk', mapping: { ...mapping, delimiter: ',' } }]);
  });
});

describe('a preview asked again for the same file (the manager changed the format or mapping)', () => {
  it('stops the older one: it ends as superseded without further progress, and the newer one answers', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ROW_1.replace(/^1;13000000101;/, `${i + 1};${13000100000 + i};`));
    const id = register(env, writeFile(env, 'big.csv', report(rows)));
    const olderProgress: unknown[] = [];
    const older = env.imports.preview(id, {}, (p) => olderProgress.push(p));
    const newer = env.imports.preview(id, { format: 'kaspi-report' });
    await expect(older).rejects.toThrow(/import_preview_superseded/);
    expect(olderProgress).toEqual([]);
    expect(await newer).toMatchObject({ format: 'kaspi-report', rows: 3000, newRows: 3000 });
    // Once the newest preview is done, the next one is not taken for an older turn.
    expect((await env.imports.preview(id)).rows).toBe(3000);
  });

  it('another file chosen instead: the first file\'s preview stops, so the new one does not wait for its parse', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ROW_1.replace(/^1;13000000101;/, `${i + 1};${13000100000 + i};`));
    const bigFile = writeFile(env, 'big.csv', report(rows));
    const first = register(env, bigFile);
    const second = register(env, writeFile(env, 'small.csv', report(rows.slice(0, 2))));
    const abandoned = env.imports.preview(first);
    const chosen = env.imports.preview(second, { replaces: first });
    await expect(abandoned).rejects.toThrow(/import_preview_superseded/);
    expect(await chosen).toMatchObject({ rows: 2 });
    // the replaced upload is let go (a copy the host spooled is deleted); the first file chosen again is a new upload, read whole
    await expect(env.imports.preview(first)).rejects.toThrow(/import_upload_not_found/);
    expect((await env.imports.preview(register(env, bigFile))).rows).toBe(3000);
  });
});
