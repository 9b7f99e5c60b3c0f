// `npm start`: the Electron app when its binary is installed; otherwise, in one line, why not, and
// the same Kassa served on 127.0.0.1 with both screens opened in the system's Chromium/Chrome.
import { spawn } from 'node:child_process';
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

const extra = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...extra], { stdio: 'inherit' })
  : (console.log('Electron is not installed on this machine (its binary could not be downloaded): starting Kassa in the browser instead.'),
    spawn(process.execPath, ['dist/main/cli.js', 'serve', ...extra], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
