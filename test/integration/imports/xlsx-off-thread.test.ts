// A workbook is unpacked whole, and a file of a megabyte may hold millions of cells: the till's thread
// only reads the zip's directory to say "a workbook"; opening it — and finding its report header — is
// the worker's, however small the file (the worker's heap is bounded: parse-worker.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectUpload } from '../../../main/services/imports/upload-parsers.js';
import { stageFile } from '../../../main/services/imports/stage-file.js';
import { openJobConnection } from '../../../main/services/imports/job-connection.js';
import { makeZip, workbookBytes } from '../../unit/imports/helpers.js';
import { makeEnv, register, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-xlsx-thread-');
});
afterEach(async () => {
  await env.cleanup();
});

describe('workbooks off the till thread', () => {
  it('detection reads the directory only: a workbook whose sheet is junk is "a report" until the worker opens it', async () => {
    const junk = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: 'not xml at all <<<' },
    ]);
    const path = writeFile(env, 'junk.xlsx', junk);
    expect(await detectUpload(path, 'junk.xlsx', junk.length)).toEqual({ format: 'kaspi-report', reason: null });
    const preview = await env.imports.preview(register(env, path));
    expect(preview.problems.map((p) => p.code)).toEqual(['corrupt_xlsx']);
    const notWorkbook = makeZip([{ name: 'readme.txt', data: 'hello' }]);
    const other = writeFile(env, 'other.xlsx', notWorkbook);
    expect(await detectUpload(other, 'other.xlsx', notWorkbook.length)).toMatchObject({ format: null, reason: { code: 'not_xlsx' } });
  });

  it('a small workbook is parsed in the worker; one without a report header says so from there', async () => {
    const plain = await workbookBytes((wb) => {
      wb.addWorksheet('Лист1').getCell('A1').value = 'просто таблица';
    });
    const path = writeFile(env, 'plain.xlsx', plain);
    const db = openJobConnection(env.db);
    try {
      const staged = await stageFile(db, { path, fileName: 'plain.xlsx', format: 'kaspi-report', mapping: undefined });
      expect(staged).toMatchObject({ parsedIn: 'worker', failure: { code: 'no_header' } });
    } finally {
      db.close();
    }
    expect((await env.imports.preview(register(env, path))).problems.map((p) => p.code)).toEqual(['no_header']);
  });
});
