// The repo carries byte-exact copies of the shared Kaspi samples (test/fixtures/kaspi-samples), so a
// fresh clone tests on its own. Next to the shared folder (as on our machines and CI), they must match it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { samplesDir } from './helpers.js';

const sharedDir = fileURLToPath(new URL('../../../../shared/kaspi/samples/', import.meta.url));

describe('the committed sample copies', () => {
  it.skipIf(!existsSync(sharedDir))('are the shared samples, byte for byte, all of them', () => {
    expect(readdirSync(samplesDir).sort()).toEqual(readdirSync(sharedDir).sort());
    for (const name of readdirSync(sharedDir)) expect(readFileSync(samplesDir + name).equals(readFileSync(sharedDir + name)), name).toBe(true);
  });
});
