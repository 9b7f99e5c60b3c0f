// THIRD_PARTY_NOTICES.txt for code bundled into Kassa's own files (the renderer, the preload): their
// licences ask that the notice travels with every copy. Packages shipped as they are (node_modules in
// app.asar) carry their own LICENSE files. Given the module ids a bundler read, it lists each package
// once — name, version, licence — with its licence text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** node_modules/<name> (or <@scope/name>) holding this module file, or null for our own code. */
function packageDirOf(id) {
  const clean = id.replace(/\\/g, '/').replace(/^\0/, '').split('?')[0];
  const path = clean.startsWith('/') ? clean : `./${clean}`; // esbuild's inputs are relative to the project
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = path.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return path.slice(0, at) + '/node_modules/' + name;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

export function thirdPartyNotices(moduleIds, what) {
  const seen = new Map();
  for (const id of moduleIds) {
    const dir = packageDirOf(id);
    if (!dir || seen.has(dir) || !existsSync(join(dir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    seen.set(dir, { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see its package', text: licenceText(dir) });
  }
  const entries = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  const head = `Kassa — ${what} — third-party packages it contains: ${entries.length}\n`;
  return [head, ...entries.map((e) => `${'='.repeat(78)}\n${e.name} ${e.version} — ${e.license}\n\n${e.text ?? `(no licence file in the package; its package.json says: ${e.license})`}\n`)].join('\n');
}
