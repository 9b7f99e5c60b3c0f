// `kassa import` / `kassa reconcile` (in process, English words) — cases mutation testing found
// unpinned: a dry run of a file with an invalid row imports (and fills) nothing unless --accept-valid, usage
// errors for two files, a folder as FILE and an unknown --view, and demo sales left out of reconcile
// unless --include-demo.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile, runCli } from './cli-helpers.js';
import { REPORT_HEADER, SAMPLES } from './helpers.js';
import { openDatabase } from '../../../main/store/database.js';
import { paidSale } from '../reconcile/helpers.js';

let dir: string;
let dataDir: string;
let dbFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-cli-gaps-'));
  dataDir = join(dir, 'data');
  dbFile = join(dataDir, 'kassa.db');
  expect((await runCli('import', [SAMPLES.report, '--data-dir', dataDir])).code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const report = (rows: string[]) => `\ufeff;Период:;01.03.2025 - 02.03.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;

describe('kassa import', () => {
  it('--dry-run of a file with an invalid row: nothing would be imported, invalid_rows, exit 2; with --accept-valid the valid rows', async () => {
    const file = join(dir, 'one-bad.csv');
    writeFileSync(file, report([
      '1;14000000101;03.03.2025;10:15:02;04.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;Кофе',
      '2;14000000102;31.02.2025;10:16:02;04.03.2025;Покупка;QR;1 000,00;990,00;10,00;0,00;;Чай',
    ]));
    const strict = await runCli('import', [file, '--data-dir', dataDir, '--dry-run', '--json']);
    expect(strict.code, strict.stderr).toBe(2);
    expect(JSON.parse(strict.stdout)).toMatchObject({ rows: 1, imported: 0, dryRun: true, error: { code: 'invalid_rows' } });
    const lenient = await runCli('import', [file, '--data-dir', dataDir, '--dry-run', '--json', '--accept-valid']);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ rows: 1, imported: 1, dryRun: true });
    expect(JSON.parse(lenient.stdout).error).toBeUndefined();
  });

  it('--dry-run of a re-export that would fill a settlement date but has an invalid row: nothing would be updated either', async () => {
    const first = join(dir, 'no-settlement.csv');
    writeFileSync(first, report(['1;15000000101;03.03.2025;11:15:02;;Покупка;QR;700,00;693,00;7,00;0,00;;Кофе']));
    expect((await runCli('import', [first, '--data-dir', dataDir, '--json'])).code).toBe(0);
    const again = join(dir, 're-export.csv');
    writeFileSync(again, report([
      '1;15000000101;03.03.2025;11:15:02;04.03.2025;Покупка;QR;700,00;693,00;7,00;0,00;;Кофе',
      '2;15000000102;03.03.2025;11:16:02;04.03.2025;Покупка;QR;abc;693,00;7,00;0,00;;Чай',
    ]));
    const strict = JSON.parse((await runCli('import', [again, '--data-dir', dataDir, '--dry-run', '--json'])).stdout);
    expect(strict).toMatchObject({ imported: 0, duplicates: 1, error: { code: 'invalid_rows' } });
    expect(strict.updated).toBeUndefined();
    const lenient = JSON.parse((await runCli('import', [again, '--data-dir', dataDir, '--dry-run', '--json', '--accept-valid'])).stdout);
    expect(lenient).toMatchObject({ imported: 0, duplicates: 1, updated: 1 });
  });

  it('two FILEs, or a folder as FILE, are usage errors (exit 2) and write nothing', async () => {
    const before = dumpFile(dbFile);
    const two = await runCli('import', [SAMPLES.report, SAMPLES.oneC, '--data-dir', dataDir]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give exactly one FILE');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const notFile = await runCli('import', [folder, '--data-dir', dataDir]);
    expect(notFile.code).toBe(2);
    expect(notFile.stderr).toContain('not a regular file');
    expect(dumpFile(dbFile)).toBe(before);
  });
});

describe('kassa reconcile', () => {
  it('an unknown --view is a usage error (exit 2), nothing exported', async () => {
    const out = join(dir, 'view.csv');
    const run = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', out, '--view', 'bank']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--view is till-report or report-bank');
  });

  it('demo sales are left out unless --include-demo', async () => {
    const db = openDatabase(dbFile);
    try {
      paidSale(db, { id: 'demo-1', amountTiyn: 450_000, at: '2025-03-01T05:15:00.000Z', purchaseId: '13000000101', mode: 'demo' });
    } finally {
      db.close();
    }
    const args = ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', dataDir, '--json'];
    const without = JSON.parse((await runCli('reconcile', args)).stdout);
    expect(without.tillVsReport).toMatchObject({ demoSalesLeftOut: 1, tillTotalTiyn: 0, counts: { matched: 0 } });
    const withDemo = JSON.parse((await runCli('reconcile', [...args, '--include-demo'])).stdout);
    expect(withDemo.tillVsReport).toMatchObject({ demoSalesLeftOut: 0, tillTotalTiyn: 450_000, counts: { matched: 1 } });
  });
});
