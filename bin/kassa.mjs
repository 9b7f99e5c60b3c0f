#!/usr/bin/env node
// The `kassa` command: runs the built CLI (npm install builds it; or run `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('kassa: not built yet — run `npm run build` in the Kassa folder first.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
