// `kassa import` and `kassa reconcile` as real processes on one data dir: exactly one JSON object on
// stdout with --json, human text otherwise, dry runs write nothing, reconcile prints and exports.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { repoRoot, runCli, spawnCli, spawnCliSync } from './cli-helpers.js';
import { SAMPLES } from './helpers.js';
import { openDatabase } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations.js';
import { formatTenge } from '../../../shared/money.js';

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-cli-'));
  dataDir = join(dir, 'data');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('kassa import (child process)', () => {
  it('--dry-run --json reports what would be imported and writes nothing', () => {
    const run = spawnCliSync('import', [SAMPLES.report, '--data-dir', dataDir, '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'kaspi-report', rows: 3, imported: 3, duplicates: 0, invalid: [], batchId: null, problems: [], dryRun: true,
    });
    expect(existsSync(dataDir)).toBe(false); // compared with an empty database made aside: not even the folder
  });

  it('a data folder whose database is damaged: exit 2, database_unavailable, the file untouched', () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'kassa.db'), Buffer.alloc(20_000, 0x5a));
    const run = spawnCliSync('import', [SAMPLES.report, '--data-dir', broken, '--json']);
    expect(run.code, run.stderr).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: null, imported: 0, batchId: null, error: { code: 'database_unavailable' } });
    expect(run.stderr).toContain('The Kassa database is damaged');
    expect(readFileSync(join(broken, 'kassa.db')).equals(Buffer.alloc(20_000, 0x5a))).toBe(true);
  });

  it('--dry-run on an existing older database leaves it as it was: no migration, no backup, no log', () => {
    const older = join(dir, 'older');
    const db = openDatabase(join(older, 'kassa.db'), migrations.slice(0, -1));
    const version = db.pragma('user_version', { simple: true });
    db.close();
    const run = spawnCliSync('import', [SAMPLES.report, '--data-dir', older, '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, imported: 3, dryRun: true });
    expect(readdirSync(older).sort()).toEqual(['kassa.db']); // not even the -wal / -shm of a connection left behind
    const after = openDatabase(join(older, 'kassa.db'), migrations.slice(0, -1));
    expect(after.pragma('user_version', { simple: true })).toBe(version);
    after.close();
  });

  it('--json prints exactly one JSON object; a second run imports nothing', () => {
    const first = spawnCliSync('import', [SAMPLES.report, '--data-dir', dataDir, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    // a fresh data folder: the one extra key says a new database was made
    expect(JSON.parse(first.stdout)).toEqual({ format: 'kaspi-report', rows: 3, imported: 3, duplicates: 0, invalid: [], batchId: '1', problems: [], newDatabase: true });
    const progress = first.stderr.trim().split('\n').map((l) => JSON.parse(l) as { progress: { phase: string } });
    expect(progress.map((p) => p.progress.phase)).toContain('writing');
    const again = spawnCliSync('import', [SAMPLES.report, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ format: 'kaspi-report', rows: 3, imported: 0, duplicates: 3, invalid: [], batchId: null, problems: [] });
  });

  it('human output: one result line on stdout', () => {
    const run = spawnCliSync('import', [SAMPLES.oneC, '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`kaspi_statement_1c_sample.txt: 1C statement, rows: 2: imported: 2, batch 2 (${formatTenge(1_127_500)}); already imported: 0\n`);
  });

  it('speaks the shop\'s language to people (Russian by default, --lang, KASSA_LANG); --json stays English', () => {
    const { KASSA_LANG: _ignored, ...noLang } = process.env;
    const ru = spawnCliSync('import', [SAMPLES.oneC, '--data-dir', dataDir], noLang);
    expect(ru.stdout).toBe('kaspi_statement_1c_sample.txt: Выписка 1С, строк: 2: нового нет, все строки уже импортированы (2)\n');
    const kk = spawnCliSync('import', [SAMPLES.oneC, '--data-dir', dataDir, '--lang', 'kk'], noLang);
    expect(kk.stdout).toContain('барлық жолдар бұрын импортталған');
    const refused = spawnCliSync('import', [join(dir, 'nope.csv'), '--data-dir', dataDir, '--json'], noLang);
    expect(JSON.parse(refused.stdout).error.reason).toMatch(/^The file could not be read/);
  });

  it('a wrong call is told in the shop\'s language too (the usage with it); --json keeps English', async () => {
    const { KASSA_LANG: _ignored, ...noLang } = process.env;
    const none = await runCli('import', ['--data-dir', dataDir], noLang);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('kassa import: укажите ровно один FILE\n');
    const unknown = await runCli('import', [SAMPLES.oneC, '--bogus', '--lang', 'kk'], noLang);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('kassa import: белгісіз параметр --bogus\nҚолданылуы:\n  kassa import FILE');
    const missing = await runCli('import', [join(dir, 'nope.csv'), '--data-dir', dataDir, '--json', '--lang', 'ru'], noLang);
    expect(missing.stderr).toBe(`kassa import: не удаётся прочитать ${join(dir, 'nope.csv')}: ${join(dir, 'nope.csv')}: нет такого файла или папки\n`);
    expect(JSON.parse(missing.stdout).error.reason).toBe(`The file could not be read: ${join(dir, 'nope.csv')}: no such file or folder`);
    const days = await runCli('reconcile', ['--from', '2025-02-31', '--to', '2025-03-01', '--data-dir', dataDir], noLang);
    expect(days.stderr).toBe('kassa reconcile: --from и --to должны быть настоящими датами\n');
    const help = await runCli('reconcile', ['--help', '--lang=kk'], noLang);
    expect(help.stdout).toContain('Күндер — Алматы бойынша күнтізбелік күндер');
    // the language typed before the command is the one spoken (it is no command either)
    const before = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', '--lang', 'kk', 'import', SAMPLES.oneC], { cwd: repoRoot, encoding: 'utf8', env: noLang });
    expect(before.status).toBe(2);
    expect(before.stderr).toContain('kassa: белгісіз команда');
  });

  it('a refused file: exit 2, the reason on stderr', () => {
    const run = spawnCliSync('import', [join(dir, 'nope.csv'), '--data-dir', dataDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read/);
  });
});

describe('kassa reconcile', () => {
  it('prints both legs and exports a view', async () => {
    const run = spawnCliSync('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Till ↔ Kaspi report: matched: 0, amount differs: 0, only in the till: 0, only in the report: 3');
    expect(run.stdout).toContain(`Only in the report: refund of purchase 13000000101, 02.03.2025 09:05:10: till —, report ${formatTenge(-150_000)}`);
    // the same sign as the screen and the export: report − till
    expect(run.stdout).toContain(`till ${formatTenge(0)}, report ${formatTenge(1_500_000)}, difference (report − till) ${formatTenge(1_500_000)}`);
    expect(run.stdout).toContain(`02.03.2025: report ${formatTenge(1_627_500)}, bank ${formatTenge(1_627_500)}, ok`);
    expect(run.stdout).toContain('01.03.2025 … 02.03.2025'); // days as people write them, as on the screens

    const json = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ from: '2025-03-01', reportVsBank: { differenceTiyn: 0 } });

    const out = join(dir, 'bank.csv');
    const exported = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', out, '--view', 'report-bank', '--lang', 'ru']);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('02.03.2025;16275,00;16275,00;0,00;Да');
    const english = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', out, '--view', 'report-bank', '--lang', 'en']);
    expect(english.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Settlement day;Report net, ₸;Bank credit, ₸;Difference (bank − report), ₸;Matches');
    expect(readFileSync(out, 'utf8')).toContain('02.03.2025;16275,00;16275,00;0,00;Yes');
    const filtered = join(dir, 'only-report.csv');
    expect((await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', filtered, '--status', 'matched', '--lang', 'en'])).code).toBe(0);
    expect(readFileSync(filtered, 'utf8').trim().split('\r\n')).toHaveLength(2); // no matched pair: headings and total only
    expect((await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', filtered, '--status', 'odd'])).stderr).toContain('--status must be one of');
    // taken only where it filters something: not for the report ↔ bank view, not without a file
    for (const args of [['--out', filtered, '--view', 'report-bank'], []]) {
      const refused = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, ...args, '--status', 'matched', '--lang', 'en']);
      expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('--status picks the pairs of an exported till ↔ report view')]);
    }
    const xlsx = join(dir, 'pairs.xlsx');
    expect((await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-02', '--data-dir', dataDir, '--out', xlsx])).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('--json into a pipe arrives whole (a month of 3000 pairs is far past a pipe\'s 64 KiB), read as it comes', async () => {
    const piped = join(dir, 'piped');
    const head = ';Период:;01.03.2025 - 31.03.2025;;;;;;;;;;\n#;Номер заказа (ID/RRN);Дата операции;Время;Дата учета операции;Тип операции;Тип оплаты;Сумма операции (т);Сумма к зачислению/ списанию (т)\n';
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1};${14000000000 + i};01.03.2025;10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')};02.03.2025;Покупка;QR;100,00;99,00`);
    const file = join(dir, 'month.csv');
    writeFileSync(file, `\ufeff${head}${rows.join('\n')}\n`);
    expect((await runCli('import', [file, '--data-dir', piped, '--json'])).code).toBe(0);
    const child = spawnCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-31', '--data-dir', piped, '--json']);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(200_000);
    expect(JSON.parse(out).tillVsReport.pairs).toHaveLength(3000);
  });

  it('invalid input is exit code 2', async () => {
    expect((await runCli('reconcile', ['--from', '2025-03-02', '--to', '2025-03-01', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli('reconcile', ['--from', '2025-3-1', '--to', '2025-03-01', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli('reconcile', ['--from', '2025-02-30', '--to', '2025-03-01', '--data-dir', dataDir])).code).toBe(2);
    const tooLong = await runCli('reconcile', ['--from', '2000-01-01', '--to', '2025-03-01', '--data-dir', dataDir, '--lang', 'en']);
    expect(tooLong).toMatchObject({ code: 2, stdout: '' });
    expect(tooLong.stderr).toContain('at most 10 years');
    expect((await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', dataDir, '--out', 'x.pdf'])).code).toBe(2);
    expect((await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', dataDir, '--lang', 'de'])).code).toBe(2);
    const noFolder = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', dataDir, '--out', join(dir, 'no-folder', 'x.csv')]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('does not exist');
    const folderOut = join(dir, 'folder.csv');
    mkdirSync(folderOut);
    const aFolder = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', dataDir, '--out', folderOut]);
    expect(aFolder.code).toBe(2);
    expect(aFolder.stderr).toContain('is a folder');
    const empty = join(dir, 'no-such-data');
    const missing = await runCli('reconcile', ['--from', '2025-03-01', '--to', '2025-03-01', '--data-dir', empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no Kassa database/);
    expect(existsSync(empty)).toBe(false);
  });
});
