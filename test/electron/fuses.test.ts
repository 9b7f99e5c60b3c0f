// Security checklist #19: the fuses electron-builder flips in the packaged binary (packaging.test.ts
// builds around a stand-in Electron, without them). Run as Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS
// or --inspect, the signed till would run any code with its keychain identity: those stay off.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

/** The flat `key: value` lines of a top-level block of electron-builder.yml (comments dropped). */
function yamlBlock(name: string): Record<string, string> {
  const lines = readFileSync(path.resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8').split(/\r?\n/);
  const start = lines.indexOf(`${name}:`);
  expect(start).toBeGreaterThanOrEqual(0);
  const block: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line) && line.trim() !== '') break;
    const m = /^\s+([A-Za-z]+):\s*([^#\s]+)/.exec(line);
    if (m) block[m[1]!] = m[2]!;
  }
  return block;
}

it('electron-builder.yml flips the security fuses', () => {
  expect(yamlBlock('electronFuses')).toMatchObject({
    runAsNode: 'false',
    enableNodeOptionsEnvironmentVariable: 'false',
    enableNodeCliInspectArguments: 'false',
    enableEmbeddedAsarIntegrityValidation: 'true',
    onlyLoadAppFromAsar: 'true',
    grantFileProtocolExtraPrivileges: 'false',
    enableCookieEncryption: 'true',
  });
});
