// Builds everything `npm start`, `kassa serve` and the tests run: the renderer (Vite) and the
// main-process entry points (esbuild). Type checking is `npm run typecheck`.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { thirdPartyNotices } from './third-party-notices.mjs';

rmSync('dist/main', { recursive: true, force: true });
rmSync('dist/preload', { recursive: true, force: true });

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
  // Plain Node entry: `kassa serve | simulator | ...`. Packages stay external (better-sqlite3 is native).
  // The import's worker sits next to both entries (main/services/imports/worker-start.ts finds it there).
  esbuild({
    ...node,
    entryPoints: { cli: 'main/cli.ts', 'import-worker': 'main/services/imports/import-worker.ts' },
    outdir: 'dist/main',
    format: 'esm',
    packages: 'external',
  }),
  // Electron main process.
  esbuild({
    ...node,
    entryPoints: { 'electron-main': 'main/electron/electron-main.ts' },
    outdir: 'dist/main',
    format: 'esm',
    packages: 'external',
  }),
  // Sandboxed preloads may only require('electron'): bundle everything else into one CommonJS file.
  esbuild({
    ...node,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
    metafile: true,
  }).then(({ metafile }) =>
    // zod (and whatever else the preload bundles) keeps its licence beside it.
    writeFileSync('dist/preload/THIRD_PARTY_NOTICES.txt', thirdPartyNotices(Object.keys(metafile.inputs), 'the window bridge (dist/preload)')),
  ),
]);
console.log('built dist/renderer, dist/main, dist/preload');
