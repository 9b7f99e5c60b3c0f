// The real core (real SQLite in a temp dir, real registry) and, optionally, the real loopback host.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, DATABASE_FILE, type KassaCore } from '../../main/app-core.js';
import { startHost, type RunningHost } from '../../main/host/http-host.js';
import { silentLogger } from '../../main/services/logger.js';
import { openDatabase } from '../../main/store/database.js';

export async function openCore(dataDir: string): Promise<KassaCore> {
  return startCore({ dataDir, transport: 'http', version: '0.0.0-test', log: silentLogger });
}

export async function openHost(core: KassaCore, rendererDir: string): Promise<RunningHost> {
  return startHost({ core, rendererDir });
}

/** Everything a request could have changed: table contents and the settings file. */
export function snapshot(dataDir: string): string {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    // every table of the schema (sales, refunds, imports, marks, mappings…): a refused call writes none
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const order = (t: string) => {
      const key = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      return key.length > 0 ? key.map((c) => `"${c.name}"`).join(', ') : 'rowid';
    };
    const rows = tables.map((t) => `${t} ${JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY ${order(t)}`).all())}`);
    const settingsFile = join(dataDir, 'settings.json');
    return [...rows, existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : ''].join('\n');
  } finally {
    db.close();
  }
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token')!;
}
