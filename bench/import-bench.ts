// `npm run bench:import` (node --import tsx bench/import-bench.ts [--rows N] [--reconcile-rows N] [--keep]):
// a generated 1 000 000-row Kaspi sales report through the real import pipeline (ImportService →
// parse worker → staging → one-transaction commit) into a fresh database, against `sqlite3 .import`
// of the same file into a plain table; then reconcile 100 000 paid sales × 100 000 report rows.
// Prints figures next to their targets; asserts nothing. The import runs bundled, as shipped, in a
// child process of its own (bench/import-child.ts), so its peak RSS (the kernel's VmHWM) is the
// import's, not the file generator's or tsx's.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportService } from '../main/services/imports/import-service.js';
import { parseSalesReport } from '../main/services/imports/sales-report-parser.js';
import { silentLogger } from '../main/services/logger.js';
import { ReconcileService } from '../main/services/reconcile/reconcile-service.js';
import { openDatabase, type Db } from '../main/store/database.js';
import { ImportsRepo } from '../main/store/imports-repo.js';
import { writeReport } from '../test/helpers/report-file.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'reconcile-rows': { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const RECONCILE_ROWS = Number(values['reconcile-rows']);
const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-'));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function sqliteImportMs(csv: string): number | null {
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const db = join(dir, 'plain.db');
  const columns = Array.from({ length: 13 }, (_, i) => `c${i + 1}`).join(', ');
  const started = performance.now();
  execFileSync('sqlite3', [db, `CREATE TABLE t(${columns});`, '.mode csv', '.separator ;', `.import --skip 4 ${csv} t`], { stdio: ['ignore', 'ignore', 'ignore'] });
  return performance.now() - started;
}

/**
 * The importing child runs the shipped code: `bench/import-child.ts` bundled as scripts/build.mjs
 * bundles the app (the parse worker beside it), then run by plain Node — not through tsx, whose
 * loader would count towards the import's memory and time.
 */
async function buildChild(): Promise<string> {
  const out = fileURLToPath(new URL('../dist/bench/', import.meta.url));
  await build({
    entryPoints: { 'import-child': fileURLToPath(new URL('./import-child.ts', import.meta.url)), 'import-worker': fileURLToPath(new URL('../main/services/imports/import-worker.ts', import.meta.url)) },
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return join(out, 'import-child.js');
}

/**
 * The floor under any import of these rows: the rows the import wrote, copied by SQLite itself
 * (no parsing, no binding, no staging) into a fresh database with the same schema — the same
 * UNIQUE key and secondary indexes (rebuilt after the copy, as the import does), one durable
 * transaction, the write-ahead log left to a later checkpoint as the import leaves it. What the
 * import costs beyond this is parsing, validation and staging.
 */
function writeFloorMs(): number {
  const db = openDatabase(join(dir, 'floor.db'));
  try {
    db.exec(`ATTACH ${JSON.stringify(join(dir, 'kassa.db'))} AS imported`);
    db.pragma('wal_autocheckpoint = 0'); // as the import: the checkpoint is not part of the commit
    const columns = (db.prepare("SELECT name FROM pragma_table_info('report_rows') WHERE name <> 'id'").all() as { name: string }[])
      .map((c) => c.name)
      .join(', ');
    const started = performance.now();
    db.exec('BEGIN IMMEDIATE');
    const rebuild = new ImportsRepo(db).suspendIndexes('report_rows');
    db.exec(`INSERT INTO main.report_rows (${columns}) SELECT ${columns} FROM imported.report_rows ORDER BY id`);
    rebuild();
    db.exec('COMMIT');
    return performance.now() - started;
  } finally {
    db.close();
  }
}

async function importBench(): Promise<{ ms: number; peak: number; sqliteMs: number | null; floorMs: number }> {
  const csv = join(dir, 'report.csv');
  const started = performance.now();
  writeReport(csv, ROWS);
  const size = statSync(csv).size;
  console.log(`generated ${ROWS} report rows: ${mb(size)} in ${s(performance.now() - started)}`);
  const child = spawnSync(process.execPath, [await buildChild(), csv, dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the import child exited with ${child.status}`);
  const r = JSON.parse(child.stdout) as { phase: string; imported: number; ms: number; parseMs: number; peak: number };
  if (r.phase !== 'done' || r.imported !== ROWS) throw new Error(`import ended ${r.phase} with ${r.imported} rows`);
  console.log(
    `import: ${ROWS} rows in ${s(r.ms)} = ${Math.round(ROWS / (r.ms / 1000))} rows/s ` +
      `(parse + staging ${s(r.parseMs)}, write + commit ${s(r.ms - r.parseMs)}); peak RSS of the importing process ${mb(r.peak)}`,
  );
  return { ms: r.ms, peak: r.peak, sqliteMs: sqliteImportMs(csv), floorMs: writeFloorMs() };
}

/** Paid live sales written as SalesRepo leaves them (sales + orders rows), in one transaction. */
function insertPaidSales(db: Db, count: number): void {
  const sale = db.prepare(
    `INSERT INTO sales (id, seq, amount_tiyn, status, mode, kind, external_id, qr_payment_id, created_at, qr_shown_at, finished_at, updated_at)
     VALUES (?, ?, ?, 'paid', 'live', 'qr', ?, ?, ?, ?, ?, ?)`,
  );
  const order = db.prepare('INSERT INTO orders (number, sale_id, amount_tiyn, created_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      // the report generator's row i: purchase 14e9 + i on 2025-03-(1 + i mod 28), gross (1000 + i mod 5000) ₸ 17
      const day = String(1 + (i % 28)).padStart(2, '0');
      const at = `2025-03-${day}T0${i % 5}:30:00.000Z`;
      const amount = (1000 + (i % 5000)) * 100 + 17 + (i % 97 === 0 ? 100 : 0); // ~1 % differ
      sale.run(`sale-${i}`, i, amount, `kassa-${i}`, String(14_000_000_000 + i), at, at, at, at);
      order.run(i, `sale-${i}`, amount, at);
    }
  })();
}

async function reconcileBench(): Promise<number> {
  const db = openDatabase(join(dir, 'reconcile.db'));
  insertPaidSales(db, RECONCILE_ROWS);
  const csv = join(dir, 'reconcile-report.csv');
  writeReport(csv, RECONCILE_ROWS);
  const imports = new ImportService({ db, log: silentLogger });
  await imports.commit(imports.registerUpload({ path: csv, fileName: 'r.csv', size: statSync(csv).size, temporary: false }), {}, () => {}).outcome;
  await imports.close();
  const reconcile = new ReconcileService({ db });
  const times: number[] = [];
  let counts = {};
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    const view = reconcile.run('2025-03-01', '2025-03-31');
    times.push(performance.now() - started);
    counts = view.tillVsReport.counts;
  }
  db.close();
  const best = Math.min(...times.slice(1));
  console.log(`reconcile: ${RECONCILE_ROWS} paid sales × ${RECONCILE_ROWS} report rows: first run ${s(times[0]!)}, then ${s(best)} ${JSON.stringify(counts)}`);
  return best;
}

/**
 * A 300 000-row report (~35 MB) whose 10th goods name opens a quote that never closes: the whole file
 * is refused (unclosed_quote / record_too_long). How long the manager waits for that answer.
 */
async function refusalMs(): Promise<number> {
  const csv = join(dir, 'unclosed-quote.csv');
  writeReport(csv, 300_000);
  writeFileSync(csv, readFileSync(csv, 'utf8').replace(';Товар 10\r\n', ';"Товар 10\r\n'));
  const started = performance.now();
  const result = await parseSalesReport(createReadStream(csv));
  const ms = performance.now() - started;
  if (result.ok) throw new Error('the file with an unclosed quote was not refused');
  console.log(`refusal: ${mb(statSync(csv).size)} report with an unclosed quote on its 10th row refused (${result.code}) in ${s(ms)}`);
  return ms;
}

try {
  console.log(`kassa import bench (Node ${process.version}, data in ${dir})`);
  const result = await importBench();
  const reconcileMs = await reconcileBench();
  await refusalMs();
  console.log('\nfigures vs targets');
  if (result.sqliteMs === null) console.log(`  import ${s(result.ms)}; sqlite3 CLI not found (apt-get install -y sqlite3) — no ratio`);
  else {
    const ratio = result.ms / result.sqliteMs;
    console.log(`  import ${s(result.ms)} vs sqlite3 .import ${s(result.sqliteMs)}: ${ratio.toFixed(1)}× (target ≤ 2×)${ratio <= 2 ? '' : '  MISSED'}`);
    console.log(
      `  floor: SQLite copying the same rows into the same schema, nothing parsed: ${s(result.floorMs)} = ` +
        `${(result.floorMs / result.sqliteMs).toFixed(1)}× sqlite3 .import`,
    );
  }
  console.log(`  peak RSS ${mb(result.peak)} (target ≤ 200 MB whatever the file size)${result.peak <= 200e6 ? '' : '  MISSED'}`);
  console.log(`  reconcile ${s(reconcileMs)} (target ≤ 1 s)${reconcileMs <= 1000 ? '' : '  MISSED'}`);
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
