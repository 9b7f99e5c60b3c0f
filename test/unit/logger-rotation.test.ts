// The log never grows without bound: past its size it is rotated, and only the newest few are kept.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLogger, LOG_KEEP } from '../../main/services/logger.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('log rotation', () => {
  it('rotates past the size and keeps the newest files, each a whole number of lines', () => {
    const log = fileLogger(dir, false, 10_000);
    for (let i = 0; i < 2_000; i += 1) log.warn('payment/status failed', { sale: `sale-${i}`, error: 'unavailable:http_503' });
    const logs = join(dir, 'logs');
    const files = readdirSync(logs).sort();
    expect(files).toEqual(['kassa.1.log', 'kassa.2.log', 'kassa.3.log', 'kassa.4.log', 'kassa.log'].slice(0, LOG_KEEP + 1));
    for (const name of files) {
      expect(statSync(join(logs, name)).size).toBeLessThanOrEqual(10_000);
      for (const line of readFileSync(join(logs, name), 'utf8').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(readFileSync(join(logs, 'kassa.log'), 'utf8')).toContain('"sale":"sale-1999"');
  });

  it('two writers (the till and kassa import) rotate once per crossing, not once each', () => {
    const till = fileLogger(dir, false, 10_000);
    const cli = fileLogger(dir, false, 10_000);
    for (let i = 0; i < 60; i += 1) (i % 2 === 0 ? till : cli).info('line', { i, pad: 'x'.repeat(150) });
    const logs = join(dir, 'logs');
    expect(readdirSync(logs).sort()).toEqual(['kassa.1.log', 'kassa.log']);
    expect(statSync(join(logs, 'kassa.1.log')).size).toBeGreaterThan(9_000); // a full file was rotated, not a few lines
  });
});

describe('a logs folder that cannot be made', () => {
  it('(a file named logs, a read-only folder) loses the lines, as a full disk does, instead of stopping the start with Node\'s "EEXIST: …, mkdir"', () => {
    writeFileSync(join(dir, 'logs'), 'not a folder');
    const log = fileLogger(dir);
    expect(() => log.error('a line', { n: 1 })).not.toThrow();
    expect(readFileSync(join(dir, 'logs'), 'utf8')).toBe('not a folder');
  });
});
