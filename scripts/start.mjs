// `npm start`: the Electron app when its binary is installed (Electron fetches it on first use, not
// at `npm install`: so here, once) and can load the SQLite addon; otherwise, in one line, why not,
// and the same Kassa served on 127.0.0.1 with both screens opened in the system's Chromium/Chrome.
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

/** Runs Electron's own installer (honours ELECTRON_MIRROR and its cache); null when it worked, else why not. */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  console.log('Electron is not installed yet: downloading it once (about 100 MB) ...');
  const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (install.status === 0) return null;
  if (install.error || install.signal) return 'its download did not finish in time';
  const why = install.stderr.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? `exit ${install.status}`;
  return `its download failed: ${why}`;
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
let binary = electronBinary();
const notDownloaded = binary ? null : downloadElectron();
if (!notDownloaded) binary = electronBinary();
const child = !binary
  ? serve(`Electron is not installed on this machine (${notDownloaded ?? 'its installer put no binary in place'})`)
  : !electronLoadsSqlite(binary)
    ? serve('Electron cannot load better-sqlite3 as built for Node (run `npx @electron/rebuild -w better-sqlite3` for the desktop app; `npm rebuild better-sqlite3` before `npm test` again)')
    : spawn(binary, ['.', ...extra], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
