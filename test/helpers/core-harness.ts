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
    const tables = ['sales', 'orders', 'sale_events', 'demo_purchases'];
    const rows = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
    const settingsFile = join(dataDir, 'settings.json');
    return [...rows, existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : ''].join('\n');
  } finally {
    db.close();
  }
}

export function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token')!;
}
