// The house rules on imports, checked on every `npm run typecheck` (tsconfig alone cannot forbid a
// module that is installed): shared/ is environment-free, renderer/ never reaches Node or Electron,
// and only main/electron/ and preload/ may import electron.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const ELECTRON = new Set(['electron', 'electron-store']);
const NATIVE = new Set(['better-sqlite3']);

const rules = [
  { dir: 'shared', forbid: (spec) => NODE.has(spec) || ELECTRON.has(spec) || NATIVE.has(spec) || spec.includes('/main/') || spec.includes('/renderer/') },
  { dir: 'renderer/src', forbid: (spec) => NODE.has(spec) || spec.startsWith('node:') || ELECTRON.has(spec) || NATIVE.has(spec) || /(^|\/)main\//.test(spec) },
  { dir: 'main', skip: `main${sep}electron${sep}`, forbid: (spec) => ELECTRON.has(spec) },
  { dir: 'preload', forbid: (spec) => (!spec.startsWith('.') && spec !== 'electron') || spec.includes('/main/') },
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield full;
  }
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const rule of rules) {
  for (const file of files(rule.dir)) {
    if (rule.skip && file.startsWith(rule.skip)) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (rule.forbid(spec)) problems.push(`${relative('.', file)}: may not import "${spec}"`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Import rules broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
