// The importing process of `npm run bench:import` (bundled and started by bench/import-bench.ts):
// `node import-child.js FILE DIR` imports FILE into DIR/kassa.db through the real pipeline
// (ImportService → parse worker → staging → one-transaction commit) and prints one JSON line:
// the outcome, the time from commit to outcome, when writing began, and the peak RSS.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ImportService } from '../main/services/imports/import-service.js';
import { silentLogger } from '../main/services/logger.js';
import { openDatabase } from '../main/store/database.js';

/** The process's peak RSS: the kernel's high-water mark where there is one, else what sampling saw. */
function peakRss(sampled: number): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return Math.max(sampled, hwm ? Number(hwm[1]) * 1024 : 0);
  } catch {
    return sampled;
  }
}

const [csv, dataDir] = process.argv.slice(2) as [string, string];
let sampled = process.memoryUsage().rss;
const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
const db = openDatabase(join(dataDir, 'kassa.db'));
const imports = new ImportService({ db, log: silentLogger });
const uploadId = imports.registerUpload({ path: csv, fileName: 'report.csv', size: statSync(csv).size, temporary: false });
const started = performance.now();
let writingAt = 0;
const outcome = await imports.commit(uploadId, {}, (p) => {
  if (p.phase === 'writing' && writingAt === 0) writingAt = performance.now();
}).outcome;
const ms = performance.now() - started;
clearInterval(timer);
await imports.close();
db.close();
const result = { phase: outcome.phase, imported: outcome.imported, ms, parseMs: writingAt - started, peak: peakRss(sampled) };
process.stdout.write(`${JSON.stringify(result)}\n`);
