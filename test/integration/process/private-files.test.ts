// What `kassa serve` writes into a new data folder is private to the shop's account whatever the
// login's umask (here 022, which makes files world-readable): the folder 0700, the database, its
// WAL, the settings (Kaspi's DeviceToken lives there) and the log 0600. POSIX only: on Windows the
// per-user %APPDATA% ACLs do this.
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, spawnServe, stopServe, type ServeProcess } from '../../helpers/serve-process.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const mode = (path: string) => statSync(path).mode & 0o777;

function everything(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = join(root, name);
    return statSync(full).isDirectory() ? [full, ...everything(full)] : [full];
  });
}

describe.skipIf(process.platform === 'win32')('the data folder of kassa serve', () => {
  let serve: ServeProcess;
  afterAll(async () => serve && stopServe(serve));

  it('is created 0700 with every file in it 0600, under a umask of 022', async () => {
    const dataDir = join(dir, 'new', 'data');
    serve = await spawnServe(['--data-dir', dataDir], {}, { umask: 0o022 });
    const sale = await api(serve, 'payments.charge', { amountTiyn: 450_000 });
    expect(sale.ok).toBe(true);
    await api(serve, 'payments.cancel', { saleId: sale.data.id });
    expect(mode(dataDir)).toBe(0o700);
    const made = everything(dataDir);
    for (const name of ['kassa.db', 'kassa.db-wal', 'settings.json', join('logs', 'kassa.log')]) expect(made).toContain(join(dataDir, name));
    for (const path of made) expect([path, mode(path)]).toEqual([path, statSync(path).isDirectory() ? 0o700 : 0o600]);
  });

  it('closes a data folder an older Kassa left open (0755) to other users', async () => {
    await stopServe(serve);
    const dataDir = join(dir, 'new', 'data');
    chmodSync(dataDir, 0o755);
    serve = await spawnServe(['--data-dir', dataDir], {}, { umask: 0o022 });
    expect(mode(dataDir)).toBe(0o700);
  });
});
