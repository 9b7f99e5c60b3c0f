// Another organization's file (a sister shop's statement or report) is named at its preview even
// without r3 settings: a batch keeps the BIN/IIN its file was made for (a report's, a 1C statement's
// owner's), and the preview says which BIN the files imported so far were made for.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, makeEnv, register, SAMPLES, writeFile, type Env } from './helpers.js';

let env: Env;
beforeEach(() => {
  env = makeEnv('kassa-file-bin-');
});
afterEach(async () => {
  await env.cleanup();
});

const SHOP = '200340001238';
const OTHER = '990140000385';
/** The 1C sample as another organization's statement: its BIN and account. */
function otherStatement(): string {
  const text = iconv.decode(readFileSync(SAMPLES.oneC), 'windows-1251').replaceAll(SHOP, OTHER).replaceAll('KZ18722S000012345678', 'KZ55722S000099998888');
  return writeFile(env, 'other-1c.txt', iconv.encode(text, 'windows-1251'));
}

describe("the BIN/IIN a file was made for", () => {
  it("a 1C statement's owner is read from its documents; a batch keeps its file's BIN", async () => {
    const preview = await env.imports.preview(register(env, SAMPLES.oneC));
    expect(preview.header?.bin).toBe(SHOP);
    expect(preview.knownBin).toBeNull(); // nothing imported yet
    await importFile(env, SAMPLES.report);
    await importFile(env, SAMPLES.oneC);
    expect(env.db.prepare('SELECT format, bin FROM import_batches ORDER BY id').all()).toEqual([
      { format: 'kaspi-report', bin: SHOP },
      { format: '1c', bin: SHOP },
    ]);
  });

  it("another organization's statement: the preview names its BIN beside the one the imported files were made for", async () => {
    await importFile(env, SAMPLES.report);
    const preview = await env.imports.preview(register(env, otherStatement()));
    expect(preview.header?.bin).toBe(OTHER);
    expect(preview.knownBin).toBe(SHOP);
    // the shop's own statement: the same BIN, nothing to say
    expect((await env.imports.preview(register(env, SAMPLES.oneC))).knownBin).toBe(SHOP);
  });

  it("the shop's BIN is what most imported files say; an undone file no longer counts", async () => {
    const other = await importFile(env, otherStatement());
    expect((await env.imports.preview(register(env, SAMPLES.report))).knownBin).toBe(OTHER);
    await importFile(env, SAMPLES.report);
    await importFile(env, SAMPLES.oneC);
    expect((await env.imports.preview(register(env, SAMPLES.report))).knownBin).toBe(SHOP); // two files against one
    env.imports.undo(other.batch!.id);
    await importFile(env, otherStatement());
    expect((await env.imports.preview(register(env, SAMPLES.report))).knownBin).toBe(SHOP);
  });
  it("one other organization's file let through does not become the shop's BIN: a tie goes to the BIN imported first", async () => {
    await importFile(env, SAMPLES.report); // the shop's own
    await importFile(env, otherStatement()); // a sister shop's, imported despite the warning
    const own = await env.imports.preview(register(env, SAMPLES.oneC));
    expect(own.header?.bin).toBe(SHOP);
    expect(own.knownBin).toBe(SHOP); // the shop's own statement is not flagged…
    expect((await env.imports.preview(register(env, otherStatement()))).knownBin).toBe(SHOP); // …the sister's next one is
  });
});
