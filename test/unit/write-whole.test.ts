// A file written whole or not at all: through a link, the file it names is replaced and the link stays;
// a failure is said of the file asked for, and leaves nothing beside it.
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWhole } from '../../main/write-whole.js';
import { perTest } from '../helpers/per-test.js';

const t = perTest();

describe('writeWhole', () => {
  it('writes through a link: the link stays a link, the file it names gets the new content', () => {
    mkdirSync(join(t.dir, 'exports'));
    const real = join(t.dir, 'exports', 'march.csv');
    writeFileSync(real, 'old');
    const link = join(t.dir, 'march.csv');
    symlinkSync(real, link);
    writeWhole(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(join(t.dir, 'exports'))).toEqual(['march.csv']);
  });

  it('a folder that is not there: the error names the file asked for, not a temporary one', () => {
    const wanted = join(t.dir, 'missing', 'march.csv');
    expect(() => writeWhole(wanted, 'x')).toThrow(expect.objectContaining({ code: 'ENOENT', path: wanted }));
  });
});
