// electron-builder.yml packaged for real: electron-builder builds the Linux app folder offline around
// a stand-in Electron (the real binary cannot be downloaded here), without the native rebuild and the
// fuse flips, which need that binary and Electron's headers. What the shell and its import worker
// load must be inside: the built code, every package they import, the SQLite addon on disk beside
// app.asar; and nothing the app never loads: source maps, the CLI, its keyring module and node-forge,
// better-sqlite3's C sources.
import { extractFile, listPackage, statFile } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { builtinModules } from 'node:module';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const built = ['dist/main/electron-main.js', 'dist/main/import-worker.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'].every((f) =>
  existsSync(path.join(root, f)),
);
const work = mkdtempSync(path.join(tmpdir(), 'kassa-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bare package names a built bundle imports at run time (node: builtins and electron aside). */
function importedPackages(file: string): string[] {
  const code = readFileSync(path.join(root, file), 'utf8');
  const names = new Set<string>();
  const statics = code.matchAll(/^import\s(?:[^;]*?\sfrom\s*)?["']([^"'./][^"']*)["'];/gm);
  const dynamics = code.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g);
  for (const m of [...statics, ...dynamics]) {
    const spec = m[1]!;
    if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/.test(spec)) continue; // a string in the code, not a module
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!) || spec === 'electron') continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

let resources: string;
let entries: Set<string>;

beforeAll(async () => {
  if (!built) return;
  const electronDist = path.join(work, 'electron');
  mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  writeFileSync(path.join(electronDist, 'version'), JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version);
  for (const name of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(path.join(electronDist, name), '');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { extends: './electron-builder.yml', npmRebuild: false, electronDist, electronFuses: null, directories: { output: path.join(work, 'out') } },
  });
  resources = path.join(work, 'out', 'linux-unpacked', 'resources');
  entries = new Set(listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((entry) => entry.replaceAll('\\', '/')));
}, 180_000);

describe.skipIf(!built)('the packaged app (run "npm run build" first)', () => {
  it('holds exactly the built shell, preload, worker and renderer', () => {
    const assets = readdirSync(path.join(root, 'dist/renderer/assets')).map((name) => `/dist/renderer/assets/${name}`);
    const files = [...entries].filter((entry) => entry.startsWith('/dist/') && /\.[a-z]+$/.test(entry));
    expect(files.sort()).toEqual(
      [
        '/dist/main/electron-main.js',
        '/dist/main/import-worker.js',
        '/dist/preload/preload.cjs',
        '/dist/preload/THIRD_PARTY_NOTICES.txt',
        '/dist/renderer/index.html',
        '/dist/renderer/THIRD_PARTY_NOTICES.txt',
        ...assets,
      ].sort(),
    );
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(entries).toContain(`/${manifest.main}`);
  });

  it('carries the licence of every package bundled into the screens and the window bridge', () => {
    const screens = extractFile(path.join(resources, 'app.asar'), 'dist/renderer/THIRD_PARTY_NOTICES.txt').toString('utf8');
    for (const name of ['react', 'react-dom', 'scheduler', 'zustand', 'qrcode', 'zod']) expect(screens).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ — MIT$`, 'm'));
    expect(screens).toContain('Permission is hereby granted, free of charge');
    const bridge = extractFile(path.join(resources, 'app.asar'), 'dist/preload/THIRD_PARTY_NOTICES.txt').toString('utf8');
    expect(bridge).toMatch(/^zod \d+\.\d+\.\d+ — MIT$/m);
  });

  it('holds every package the shell and the import worker import', () => {
    const wanted = [...new Set([...importedPackages('dist/main/electron-main.js'), ...importedPackages('dist/main/import-worker.js')])];
    expect(wanted).toEqual(expect.arrayContaining(['better-sqlite3', 'exceljs', 'papaparse', 'zod'])); // the scan sees the bundles' imports
    for (const name of wanted) expect(entries, name).toContain(`/node_modules/${name}/package.json`);
  });

  it('keeps the SQLite addon on disk beside app.asar, without its C sources', () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(statFile(path.join(resources, 'app.asar'), addon)).toMatchObject({ unpacked: true });
    expect(existsSync(path.join(resources, 'app.asar.unpacked', addon))).toBe(true);
    expect(existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/deps'))).toBe(false);
    expect(existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/src'))).toBe(false);
  });

  it('leaves out what the app never loads: source maps, the CLI, the keyring module, node-forge', () => {
    const unwanted = [...entries].filter(
      (entry) => entry.endsWith('.map') && entry.startsWith('/dist/') || entry === '/dist/main/cli.js' || entry.startsWith('/node_modules/@napi-rs/') || entry.startsWith('/node_modules/node-forge/'),
    );
    expect(unwanted).toEqual([]);
  });
});
