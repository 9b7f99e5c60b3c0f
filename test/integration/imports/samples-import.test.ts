// Every sample in shared/kaspi/samples goes through the whole pipeline (detect → preview → commit)
// into a real SQLite file with the right counts and sums; statement balances bridge; a re-import
// inserts nothing; undo removes exactly one batch's rows.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../../main/services/imports/import-service.js';
import { silentLogger } from '../../../main/services/logger.js';
import { REPORT_HEADER as HEADER_CELLS, REPORT_SAMPLE_ROWS, workbookBytes } from '../../unit/imports/helpers.js';
import { copyInto, count, dump, importFile, makeEnv, register, SAMPLES, writeFile, type Env } from './helpers.js';

// Figures read off the samples by hand (see test/unit/imports/samples.test.ts).
const EXPECTED = [
  { file: SAMPLES.report, format: 'kaspi-report', table: 'report_rows', rows: 3, sumTiyn: 1_500_000 },
  { file: SAMPLES.oneC, format: '1c', table: 'statement_rows', rows: 2, sumTiyn: 1_627_500 - 500_000 },
  { file: SAMPLES.mt940, format: 'mt940', table: 'statement_rows', rows: 2, sumTiyn: 1_627_500 - 500_000 },
  { file: SAMPLES.gold, format: 'kaspi-gold', table: 'statement_rows', rows: 4, sumTiyn: 500_000 - 125_000 + 1_200_000 - 2_000_000 },
] as const;

const SEED_JSON = JSON.stringify([
  { orderId: 'A-1', amount: 4500, status: 'paid', transactionId: 'T1' },
  { orderId: 'A-2', amount: '12000.50', status: 'paid' },
]);

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

describe('the samples through the pipeline', () => {
  // What each file says about itself, shown above its preview (the right shop and month?)
  it.each([
    ['report', SAMPLES.report, { periodFrom: '2025-03-01', periodTo: '2025-03-02', bin: '200340001238', name: 'ТОО «Тестовый магазин»', accounts: [] }],
    ['1C', SAMPLES.oneC, { periodFrom: '2025-03-01', periodTo: '2025-03-03', bin: '200340001238', name: null, accounts: ['KZ18722S000012345678'] }],
    ['MT940', SAMPLES.mt940, { periodFrom: '2025-03-02', periodTo: '2025-03-03', bin: null, name: null, accounts: ['KZ18722S000012345678'] }],
    ['Kaspi Gold lines', SAMPLES.gold, null],
  ])('the %s preview carries what the file says about itself', async (_name, file, header) => {
    expect((await env.imports.preview(register(env, file))).header).toEqual(header);
  });

  it.each(EXPECTED)('$format: preview and commit give the sample figures', async ({ file, format, table, rows, sumTiyn }) => {
    const preview = await env.imports.preview(register(env, file));
    expect(preview).toMatchObject({ format, detectedFormat: format, rows, sumTiyn, newRows: rows, duplicates: 0, invalidCount: 0 });
    expect(preview.problems).toEqual([]); // includes: the 1C and MT940 balances bridge (no balance_mismatch)
    expect(preview.sample).toHaveLength(rows);

    const done = await importFile(env, file);
    expect(done).toMatchObject({ phase: 'done', format, rows, imported: rows, duplicates: 0, invalidCount: 0 });
    expect(done.batch).toMatchObject({ format, rows, sumTiyn, undoneAt: null });
    expect(done.events.at(-1)).toMatchObject({ phase: 'done', batch: done.batch, failure: null });
    expect(count(env.db, table)).toBe(rows);
    const amount = table === 'report_rows' ? 'gross_tiyn' : 'amount_tiyn';
    expect((env.db.prepare(`SELECT SUM(${amount}) AS s FROM ${table}`).get() as { s: number }).s).toBe(sumTiyn);
  });

  it('stores the report rows in full (net, fee, settlement day, Almaty time)', async () => {
    await importFile(env, SAMPLES.report);
    const rows = env.db.prepare('SELECT * FROM report_rows ORDER BY line').all() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      source: 'kaspi-report',
      purchase_id: '13000000101',
      operation_type: 'purchase',
      operation_at: '2025-03-01T10:15:02+05:00',
      operation_date: '2025-03-01',
      settlement_date: '2025-03-02',
      gross_tiyn: 450_000,
      net_tiyn: 445_500,
      fee_tiyn: 4_500,
      details: 'Кофе 250 г, 3 шт.',
    });
    expect(rows[1]).toMatchObject({ card_mask: '440043******1234' });
    expect(rows[2]).toMatchObject({ operation_type: 'refund', gross_tiyn: -150_000, net_tiyn: -148_500, settlement_date: '2025-03-03' });
    expect(rows.reduce((s, r) => s + (r.net_tiyn as number), 0)).toBe(1_479_000);
  });

  it('the 1C and MT940 statements bridge opening → closing with the stored rows', async () => {
    await importFile(env, SAMPLES.oneC);
    await importFile(env, SAMPLES.mt940);
    for (const source of ['1c', 'mt940']) {
      const movement = (env.db.prepare('SELECT SUM(amount_tiyn) AS s FROM statement_rows WHERE source = ?').get(source) as { s: number }).s;
      expect(10_000_000 + movement).toBe(11_127_500); // НачальныйОстаток 100 000.00 → КонечныйОстаток 111 275.00
    }
  });

  it('the sample report as an .xlsx workbook imports like its CSV copy (and is the same rows)', async () => {
    const xlsx = await workbookBytes((wb) => {
      const sheet = wb.addWorksheet('Отчёт');
      sheet.addRow(['', 'Период:', '01.03.2025 - 02.03.2025']);
      sheet.addRow([]);
      sheet.addRow(HEADER_CELLS);
      for (const row of REPORT_SAMPLE_ROWS) sheet.addRow(row.split(';'));
    });
    const done = await importFile(env, writeFile(env, 'report.xlsx', xlsx));
    expect(done).toMatchObject({ phase: 'done', format: 'kaspi-report', imported: 3 });
    expect(done.batch).toMatchObject({ rows: 3, sumTiyn: 1_500_000 });
    expect(await importFile(env, SAMPLES.report)).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it('a JSON seed file lands in seed_payments', async () => {
    const done = await importFile(env, writeFile(env, 'seed.json', SEED_JSON));
    expect(done).toMatchObject({ phase: 'done', format: 'json', imported: 2 });
    expect(done.batch).toMatchObject({ rows: 2, sumTiyn: 450_000 + 1_200_050 });
    expect(env.db.prepare('SELECT order_id, amount_tiyn, status, transaction_id FROM seed_payments ORDER BY line').all()).toEqual([
      { order_id: 'A-1', amount_tiyn: 450_000, status: 'paid', transaction_id: 'T1' },
      { order_id: 'A-2', amount_tiyn: 1_200_050, status: 'paid', transaction_id: null },
    ]);
  });
});

describe('re-import and undo', () => {
  it.each([SAMPLES.report, SAMPLES.oneC, SAMPLES.mt940, SAMPLES.gold])('re-importing %s inserts nothing and makes no batch', async (file) => {
    const first = await importFile(env, file);
    const before = dump(env.db);
    const preview = await env.imports.preview(register(env, file));
    expect(preview).toMatchObject({ newRows: 0, duplicates: first.rows });
    expect(preview.sample.every((r) => r.duplicate)).toBe(true);
    const again = await importFile(env, file);
    expect(again).toMatchObject({ phase: 'done', imported: 0, duplicates: first.rows, batch: null });
    expect(dump(env.db)).toBe(before);
  });

  it('undo deletes exactly the batch rows, keeps the others, and a re-import brings them back', async () => {
    const report = await importFile(env, SAMPLES.report);
    const oneC = await importFile(env, SAMPLES.oneC);
    const mt940 = await importFile(env, SAMPLES.mt940);
    const undone = env.imports.undo(oneC.batch!.id);
    expect(undone).toMatchObject({ id: oneC.batch!.id, rows: 2, undoneAt: '2025-03-04T04:00:00.000Z' });
    expect(count(env.db, 'statement_rows', `batch_id = ${oneC.batch!.id}`)).toBe(0);
    expect(count(env.db, 'statement_rows', `batch_id = ${mt940.batch!.id}`)).toBe(2);
    expect(count(env.db, 'report_rows', `batch_id = ${report.batch!.id}`)).toBe(3);
    expect(env.imports.undo(oneC.batch!.id)).toEqual(undone); // undoing twice changes nothing
    expect(env.imports.batches().map((b) => [b.format, b.undoneAt !== null])).toEqual([
      ['mt940', false],
      ['1c', true],
      ['kaspi-report', false],
    ]);
    const back = await importFile(env, SAMPLES.oneC);
    expect(back).toMatchObject({ imported: 2 });
  });

  it('refuses to undo a batch that does not exist', () => {
    expect(() => env.imports.undo('999')).toThrow(/import_batch_not_found/);
    expect(() => env.imports.undo('not-a-number')).toThrow(/import_batch_not_found/);
  });

  it('a temporary upload is deleted once imported; a kept one is not', async () => {
    const temp = copyInto(env, SAMPLES.report, 'upload.tmp');
    const id = register(env, temp, true);
    await env.imports.commit(id, {}, () => {}).done;
    expect(existsSync(temp)).toBe(false);
    expect(() => env.imports.registerUpload({ path: SAMPLES.oneC, fileName: 'x', size: 1, temporary: false })).not.toThrow();
    expect(existsSync(SAMPLES.report)).toBe(true);
    await expect(env.imports.preview(id)).rejects.toThrow(/import_upload_not_found/);
  });
});

describe('temporary uploads', () => {
  it('expire: the file is deleted and the id forgotten', async () => {
    const imports = new ImportService({ db: env.db, log: silentLogger, uploadTtlMs: 30 });
    const temp = copyInto(env, SAMPLES.report, 'expiring.tmp');
    const id = imports.registerUpload({ path: temp, fileName: 'r.csv', size: 934, temporary: true });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(existsSync(temp)).toBe(false);
    await expect(imports.preview(id)).rejects.toThrow(/import_upload_not_found/);
    await imports.close();
  });

  it('are deleted when the service closes; it then refuses new work', async () => {
    const imports = new ImportService({ db: env.db, log: silentLogger });
    const temp = copyInto(env, SAMPLES.report, 'closing.tmp');
    imports.registerUpload({ path: temp, fileName: 'r.csv', size: 934, temporary: true });
    await imports.close();
    expect(existsSync(temp)).toBe(false);
    expect(() => imports.registerUpload({ path: temp, fileName: 'r.csv', size: 1, temporary: true })).toThrow(/import_closed/);
  });

  it('a failed import keeps its upload for another try (e.g. with acceptValid)', async () => {
    const temp = copyInto(env, SAMPLES.report, 'retry.tmp');
    const id = register(env, temp, true);
    const failed = await env.imports.commit(id, { format: '1c' }, () => {}).done;
    expect(failed).toMatchObject({ phase: 'failed', failure: { code: 'not_1c' } });
    expect(existsSync(temp)).toBe(true);
    expect(await env.imports.commit(id, {}, () => {}).done).toMatchObject({ phase: 'done' });
    expect(existsSync(temp)).toBe(false);
  });
});
