// `npm start`: the Electron app when its binary is installed and can load the SQLite addon;
// otherwise, in one line, why not, and the same Kassa served on 127.0.0.1 with both screens opened
// in the system's Chromium/Chrome.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 is compiled for this Node (the tests run on it); Electron embeds another Node ABI.
 * Ask Electron itself, as plain Node, whether it can open a database with the installed addon.
 */
function electronLoadsSqlite(binary) {
  const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 20_000,
  });
  return probe.status === 0;
}

function serve(reason) {
  console.log(`${reason}: starting Kassa in the browser instead.`);
  return spawn(process.execPath, ['dist/main/cli.js', 'serve', ...extra], { stdio: 'inherit' });
}

const extra = process.argv.slice(2);
const binary = electronBinary();
const child = !binary
  ? serve('Electron is not installed on this machine (its binary could not be downloaded)')
  : !electronLoadsSqlite(binary)
    ? serve('Electron cannot load better-sqlite3 as built for Node (run `npx @electron/rebuild -w better-sqlite3` for the desktop app; `npm rebuild better-sqlite3` before `npm test` again)')
    : spawn(binary, ['.', ...extra], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
