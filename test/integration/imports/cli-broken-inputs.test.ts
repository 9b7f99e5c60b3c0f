// A corpus of broken inputs through `kassa import`: each gives a clear message (with the line where
// there is one), exit code 2, and leaves the database exactly as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile, runCli } from './cli-helpers.js';
import { openDatabase } from '../../../main/store/database.js';
import { ImportsRepo } from '../../../main/store/imports-repo.js';
import { REPORT_HEADER, SAMPLES } from './helpers.js';
import { makeZip, SIGNED_MAPPING } from '../../unit/imports/helpers.js';

let dir: string;
let dataDir: string;
let dbFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-cli-broken-'));
  dataDir = join(dir, 'data');
  dbFile = join(dataDir, 'kassa.db');
  // a database with something in it, so "unchanged" means something
  expect((await runCli('import', [SAMPLES.oneC, '--data-dir', dataDir])).code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const report = (rows: string[]) => `\ufeff;Период:;01.03.2025 - 02.03.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
const GOOD_ROW = '1;13000000101;01.03.2025;10:15:02;02.03.2025;Покупка;QR;4 500,00;4 455,00;45,00;0,00;;Кофе';

async function workbookHalf(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Отчёт');
  sheet.addRow(REPORT_HEADER.split(';'));
  for (let i = 0; i < 200; i++) sheet.addRow([i + 1, `1300000${i}`, '01.03.2025', '10:00:00', '02.03.2025', 'Покупка', 'QR', 100, 99, 1, 0, '', `Товар ${i}`]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

interface Case {
  name: string;
  file: string;
  content: () => Buffer | string | Promise<Buffer | string>;
  args?: string[];
  code: string;
  line?: number | null;
}

const BANK_MAPPING = { ...SIGNED_MAPPING, account: 'KZ1', descriptionColumn: 'Назначение' };
const sample1c = () => readFileSync(SAMPLES.oneC);
const CASES: Case[] = [
  { name: 'a report cut in the middle of a row', file: 'cut.csv', content: () => report([GOOD_ROW, '2;13000000102;01.03.2025;12:4']), code: 'too_few_columns', line: 5 },
  { name: 'an xlsx cut in half', file: 'cut.xlsx', content: workbookHalf, code: 'not_xlsx|corrupt_xlsx', line: null },
  {
    name: 'a 1C statement cut inside a document',
    file: 'cut-1c.txt',
    content: () => sample1c().subarray(0, 900), // ends inside document 900001 (its СекцияДокумент is line 20)
    code: 'unterminated_document',
    line: 20,
  },
  {
    name: 'an MT940 statement cut before its closing balance',
    file: 'cut.sta',
    content: () => readFileSync(SAMPLES.mt940).subarray(0, 200), // ends after the first entry's :86:; no :62F:
    code: 'unterminated_statement',
    line: 1,
  },
  { name: 'a JSON file in windows-1251', file: 'cp1251.json', content: () => iconv.encode('[{"orderId":"Заказ-1","amount":100,"status":"paid"}]', 'windows-1251'), code: 'bad_encoding', line: null },
  { name: 'binary junk', file: 'junk.csv', content: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)), code: 'binary_content', line: null },
  { name: 'a 10 MB single field', file: 'huge-field.csv', content: () => report([GOOD_ROW, `2;13000000102;01.03.2025;12:40:45;02.03.2025;Покупка;QR;1,00;0,99;0,01;0,00;;${'x'.repeat(10 * 1024 * 1024)}`]), code: 'field_too_long', line: 5 },
  { name: 'the date 31.02.2025', file: 'bad-date.csv', content: () => report([GOOD_ROW, '2;13000000102;31.02.2025;12:40:45;02.03.2025;Покупка;QR;1,00;0,99;0,01;0,00;;x']), code: 'bad_date', line: 5 },
  { name: 'the amount 1.234,5,6', file: 'bad-amount.csv', content: () => report([GOOD_ROW, '2;13000000102;01.03.2025;12:40:45;02.03.2025;Покупка;QR;1.234,5,6;0,99;0,01;0,00;;x']), code: 'bad_amount', line: 5 },
  { name: 'a JSON that is not an array', file: 'object.json', content: () => '{"orderId":"A-1","amount":100,"status":"paid"}', code: 'json_not_array', line: null },
  {
    name: 'amounts adding up past what any statement holds (a BIN read as the amount)',
    file: 'huge-sums.json',
    content: () => JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ orderId: `BIG-${i}`, amount: '9999999999999.99', status: 'paid' }))),
    code: 'amounts_too_large',
    line: 2,
  },
  { name: 'a JSON syntax error', file: 'syntax.json', content: () => '[\n  {"orderId": "A-1", "amount": 100,}\n]', code: 'bad_json', line: 2 },
  { name: 'an xlsx that is a renamed zip of junk', file: 'junk.xlsx', content: () => makeZip([{ name: 'hello.txt', data: 'not a workbook' }, { name: 'x/y.bin', data: Buffer.from([1, 2, 3]) }]), code: 'not_xlsx', line: null },
  { name: 'an empty file', file: 'empty.csv', content: () => '', code: 'empty_file', line: null },
  { name: 'a PDF', file: 'statement.pdf', content: () => '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', code: 'pdf_not_supported', line: null },
  { name: 'an Excel 97 file', file: 'old.xls', content: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), code: 'legacy_xls', line: null },
  { name: 'an MT940 entry that does not parse', file: 'bad.sta', content: () => ':20:X\r\n:25:KZ18722S000012345678\r\n:60F:C250301KZT100,00\r\n:61:25XX02C16275,00NTRF//A\r\n:62F:C250303KZT100,00\r\n-\r\n', code: 'bad_entry', line: 4 },
  { name: 'a report forced to be read as 1C', file: 'report-as-1c.csv', content: () => report([GOOD_ROW]), args: ['--format', '1c'], code: 'not_1c', line: null },
  {
    name: 'a report whose goods name opens a quote that never closes, even with --accept-valid',
    file: 'quote.csv',
    content: () => report([1, 2, 3].map((n) => GOOD_ROW.replace('1;13000000101', `${n};1390000000${n}`).replace(';Кофе', n === 2 ? ';"Арабика" 250 г' : ';Кофе'))),
    args: ['--accept-valid'],
    code: 'unclosed_quote',
    line: 5,
  },
  {
    name: 'a mapped CSV whose purpose opens a quote that never closes, even with --accept-valid',
    file: 'quote-bank.csv',
    content: () => 'Дата;Сумма;Назначение\r\n01.03.2025;1000,00;Поступление\r\n02.03.2025;2000,00;"Kaspi Bank" АО, зачисление\r\n03.03.2025;3000,00;Поступление\r\n',
    args: ['--format', 'csv', '--mapping', 'MAPPING', '--accept-valid'],
    code: 'unclosed_quote',
    line: 3,
  },
  { name: 'a mapped CSV without a mapping', file: 'bank.csv', content: () => 'Дата;Сумма\r\n01.03.2025;100\r\n', code: 'needs_mapping', line: null },
];

describe('kassa import refuses broken inputs with exit code 2 and writes nothing', () => {
  it.each(CASES)('$name', async ({ file, content, args, code, line }) => {
    const path = join(dir, file);
    writeFileSync(path, await content());
    const before = dumpFile(dbFile);
    writeFileSync(join(dir, 'bank-mapping.json'), JSON.stringify(BANK_MAPPING));
    args = args?.map((a) => (a === 'MAPPING' ? join(dir, 'bank-mapping.json') : a));
    const run = await runCli('import', [path, '--data-dir', dataDir, '--json', ...(args ?? [])]);
    expect(run.code, run.stderr).toBe(2);
    const out = JSON.parse(run.stdout) as { invalid: { line: number | null; code: string; reason: string }[]; imported: number; batchId: null; error: { code: string } };
    expect(out.imported).toBe(0);
    expect(out.batchId).toBeNull();
    const first = out.invalid.find((i) => new RegExp(`^(${code})$`).test(i.code));
    expect(first, JSON.stringify(out)).toBeDefined();
    expect(first!.reason.length).toBeGreaterThan(10);
    expect(first!.reason).not.toMatch(/\{\w+\}/); // every placeholder filled in
    if (line !== undefined) expect(first!.line).toBe(line);
    expect(dumpFile(dbFile)).toBe(before);

    const human = await runCli('import', [path, '--data-dir', dataDir, ...(args ?? [])]);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/nothing was imported/);
    if (typeof line === 'number') expect(human.stderr).toContain(`line ${line}`);
    expect(dumpFile(dbFile)).toBe(before);
  });

  it('--accept-valid imports the valid rows of a file with a bad date (exit 0)', async () => {
    const path = join(dir, 'bad-date-accept.csv');
    writeFileSync(path, report([GOOD_ROW, '2;13000000102;31.02.2025;12:40:45;02.03.2025;Покупка;QR;1,00;0,99;0,01;0,00;;x']));
    const run = await runCli('import', [path, '--data-dir', dataDir, '--json', '--accept-valid']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'kaspi-report', rows: 1, imported: 1, invalid: [{ line: 5, code: 'bad_date' }] });
  });

  it('with --json, usage errors and a missing FILE still print exactly one JSON line with an error (exit 2)', async () => {
    writeFileSync(join(dir, 'bad-mapping.json'), '{"delimiter":";"');
    const cases: [string[], string][] = [
      [['--data-dir', dataDir], 'usage'],
      [[join(dir, 'missing.csv'), '--data-dir', dataDir], 'read_failed'],
      [[SAMPLES.report, '--bogus'], 'usage'],
      [[SAMPLES.report, '--format', 'pdf', '--data-dir', dataDir], 'usage'],
      [[SAMPLES.report, '--mapping', join(dir, 'bad-mapping.json'), '--data-dir', dataDir], 'usage'],
    ];
    const before = dumpFile(dbFile);
    for (const [args, code] of cases) {
      const run = await runCli('import', [...args, '--json']);
      expect(run.code, run.stderr).toBe(2);
      const lines = run.stdout.split('\n').filter((l) => l !== '');
      expect(lines, run.stdout).toHaveLength(1);
      const out = JSON.parse(lines[0]!) as { imported: number; batchId: null; error: { code: string; reason: string } };
      expect(out).toMatchObject({ format: null, rows: 0, imported: 0, duplicates: 0, batchId: null, problems: [] });
      expect(out.error.code, JSON.stringify(args)).toBe(code);
      expect(out.error.reason.length).toBeGreaterThan(10);
      expect(out.error.reason).not.toMatch(/\{\w+\}/);
      expect(run.stderr).not.toMatch(/ENOENT|EACCES|stat '/); // words, not Node's error text
    }
    expect(dumpFile(dbFile)).toBe(before);
  });

  it.runIf(process.platform === 'linux')('a FILE that exists but cannot be read is read_failed, exit 2', async () => {
    const unreadable = '/proc/self/mem'; // a regular file whose first bytes give EIO, even to root
    const before = dumpFile(dbFile);
    for (const extra of [[], ['--dry-run']]) {
      const run = await runCli('import', [unreadable, '--data-dir', dataDir, '--json', ...extra]);
      expect(run.code, run.stdout).toBe(2);
      expect(JSON.parse(run.stdout)).toMatchObject({ imported: 0, batchId: null, error: { code: 'read_failed' } });
    }
    const human = await runCli('import', [unreadable, '--data-dir', dataDir]);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/could not be read/);
    expect(dumpFile(dbFile)).toBe(before);
  });

  it('usage errors are exit code 2 too', async () => {
    expect((await runCli('import', ['--data-dir', dataDir])).code).toBe(2);
    expect((await runCli('import', [join(dir, 'missing.csv'), '--data-dir', dataDir])).stderr).toMatch(/cannot read/);
    expect((await runCli('import', [SAMPLES.report, '--format', 'pdf', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli('import', [SAMPLES.report, '--bogus'])).code).toBe(2);
    writeFileSync(join(dir, 'mapping.json'), '{"delimiter":";"');
    expect((await runCli('import', [SAMPLES.report, '--mapping', join(dir, 'mapping.json'), '--data-dir', dataDir])).stderr).toMatch(/--mapping/);
  });

  it('--mapping NAME uses the mapping saved by that name in the Import tab (no file needed); an unknown name lists the saved ones', async () => {
    const saving = join(dir, 'saved-mapping');
    const db = openDatabase(join(saving, 'kassa.db'));
    new ImportsRepo(db).saveMapping('Halyk', BANK_MAPPING, '2026-11-29T06:00:00.000Z');
    db.close();
    writeFileSync(join(dir, 'halyk.csv'), 'Дата;Сумма;Назначение\r\n01.03.2025;1000,00;Поступление\r\n');
    const unknown = await runCli('import', [join(dir, 'halyk.csv'), '--format', 'csv', '--mapping', 'Kaspi', '--data-dir', saving, '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ imported: 0, error: { code: 'usage' } });
    expect(unknown.stderr).toContain('--mapping Kaspi: there is no such file, nor a mapping saved by that name in the Import tab (saved: Halyk)');
    const run = await runCli('import', [join(dir, 'halyk.csv'), '--format', 'csv', '--mapping', 'Halyk', '--data-dir', saving, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'csv', imported: 1 });
  });

  it('a wrong --mapping is told in the manager\'s language: no validation codes, no JavaScript parser English', async () => {
    writeFileSync(join(dir, 'broken.json'), '{bad');
    writeFileSync(join(dir, 'wrong.json'), '{"dateColumn":0,"headerRow":true}');
    const run = async (file: string, lang: string) => (await runCli('import', [SAMPLES.report, '--format', 'csv', '--mapping', join(dir, file), '--data-dir', dataDir, '--lang', lang])).stderr;
    expect(await run('broken.json', 'ru')).toContain('Файл не является корректным JSON.');
    expect(await run('broken.json', 'kk')).toContain('Файл дұрыс JSON емес.');
    const wrong = await run('wrong.json', 'ru');
    expect(wrong).toContain('Сопоставление столбцов неверно');
    expect(wrong).not.toMatch(/invalid_type|invalid_value|Expected property/);
  });
});

describe('a data folder without a till', () => {
  it('kassa import says it made a new database — with --json too (a mistyped --data-dir, another user\'s home)', async () => {
    const fresh = join(dir, 'typo-dir');
    const first = await runCli('import', [SAMPLES.report, '--data-dir', fresh, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 3, newDatabase: true });
    const again = await runCli('import', [SAMPLES.oneC, '--data-dir', fresh, '--json']);
    expect(JSON.parse(again.stdout)).not.toHaveProperty('newDatabase'); // the folder has one now
    const human = await runCli('import', [SAMPLES.report, '--data-dir', join(dir, 'other-typo')]);
    expect(human.stderr).toContain('no Kassa database in');
  });
});
