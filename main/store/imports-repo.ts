// Import batches and their rows in the main database: create a batch, copy staged rows into it
// (INSERT OR IGNORE against UNIQUE(source, external_id): a re-import inserts nothing), fill the
// empty settlement dates / fees of report rows already stored from a re-export (report_fills,
// migration 6), totals, the list, undo (the batch's rows deleted — or handed to a later batch whose
// file had them too — what it filled emptied, marked undone, one transaction), and the saved CSV mappings. The staging side lives in services/imports/import-staging.ts.
import { nextDay } from '../../shared/almaty-time.js';
import type { ImportBatch, ImportFormat, UndoImpact } from '../../shared/import-domain.js';
import { AppError } from '../services/app-error.js';
import { registerKaspiCredit } from '../services/reconcile/kaspi-payer.js';
import type { Db } from './database.js';

/**
 * A statement's row that tells it is of an account Kaspi settles into: a Kaspi Bank account (IBAN bank
 * code 722) or a Kaspi credit on it.
 */
const KASPI_ACCOUNT_ROW = `(r.account LIKE 'KZ__722%' OR (r.amount_tiyn > 0 AND kaspi_credit(r.counterparty, r.counterparty_bin, r.purpose)))`;
/**
 * The rows batch `b` imported itself: its id range (a range scan — statement_rows has no batch index),
 * batch_id still deciding. Rows an undo handed to it lie outside the range; its skips name them.
 */
const OWN_ROWS = 'r.id BETWEEN b.first_row_id AND b.last_row_id AND r.batch_id = b.id';

interface BatchRow {
  id: number;
  file_name: string;
  format: ImportFormat;
  rows: number;
  sum_tiyn: number;
  created_at: string;
  undone_at: string | null;
  updated: number;
  first_row_id: number | null;
  last_row_id: number | null;
  period_from: string | null;
  period_to: string | null;
  invalid_rows: number;
}

const TABLE_OF_FORMAT: Record<ImportFormat, 'report_rows' | 'statement_rows' | 'seed_payments'> = {
  'kaspi-report': 'report_rows',
  '1c': 'statement_rows',
  mt940: 'statement_rows',
  csv: 'statement_rows',
  'kaspi-gold': 'statement_rows',
  json: 'seed_payments',
};

const AMOUNT_OF_TABLE = { report_rows: 'gross_tiyn', statement_rows: 'amount_tiyn', seed_payments: 'amount_tiyn' } as const;

type RowTable = 'report_rows' | 'statement_rows' | 'seed_payments';

/** The formats whose rows a table holds, as an SQL list (constants of ours, never input). */
const formatsOf = (table: RowTable): string =>
  (Object.keys(TABLE_OF_FORMAT) as ImportFormat[])
    .filter((f) => TABLE_OF_FORMAT[f] === table)
    .map((f) => `'${f}'`)
    .join(', ');

/** A report row's fields an import may fill, with their flags in report_fills. */
const FILLABLE = [
  ['settlement_date', 'settlement_filled'],
  ['fee_tiyn', 'fee_filled'],
] as const;
type Fillable = (typeof FILLABLE)[number];
/** A report_fills record of one flag: its (settlement_filled, fee_filled) values. */
const flagValues = (flag: Fillable[1]): string => (flag === 'settlement_filled' ? '1, 0' : '0, 1');
/**
 * The first live report, other than @batch and the row's owner batch `owner`, whose file had report row
 * `rowId` with `field` set — the one that fills it, as importing in order would have. (`owner` is an
 * expression of the outer query: a subquery on report_rows inside an UPDATE of report_rows would read
 * its own rows, not the row being updated.)
 */
const firstFiller = (field: Fillable[0], rowId: string, owner: string): string =>
  `SELECT k.batch_id ${otherSkippers('report_rows', rowId)} AND k.batch_id <> ${owner}
      AND k.${field} IS NOT NULL ORDER BY k.batch_id LIMIT 1`;
/** The value of `field` the owner's own file had for report row `rowId` (its skip, for a row handed to it). */
const ownValue = (field: Fillable[0], rowId: string, owner: string): string =>
  `(SELECT k.${field} FROM import_skips k WHERE k.row_id = ${rowId} AND k.batch_id = ${owner})`;

/** The live batches, other than @batch, whose file had row `rowId` of `table` (left out as stored). */
const otherSkippers = (table: RowTable, rowId: string) =>
  `FROM import_skips k JOIN import_batches b ON b.id = k.batch_id
    WHERE k.row_id = ${rowId} AND k.batch_id <> @batch AND b.undone_at IS NULL AND b.format IN (${formatsOf(table)})`;

/**
 * The rows of batch @batch (id range @first..@last, and rows handed to it before) some batch skipped,
 * each with the first other live batch that did (its heir), or null.
 */
const heirsSelect = (table: RowTable): string =>
  `WITH mine AS (
     SELECT row_id AS id FROM import_skips WHERE row_id BETWEEN @first AND @last
     UNION SELECT row_id FROM import_skips WHERE batch_id = @batch)
   SELECT r.id AS id, r.${AMOUNT_OF_TABLE[table]} AS amount, (SELECT MIN(k.batch_id) ${otherSkippers(table, 'r.id')}) AS heir
     FROM mine JOIN ${table} r ON r.id = mine.id WHERE r.batch_id = @batch`;

const heirsParams = (batch: BatchRow) => ({ batch: batch.id, first: batch.first_row_id ?? 0, last: batch.last_row_id ?? -1 });

function toBatch(row: BatchRow, reconciledPairs: number): ImportBatch {
  return {
    id: String(row.id),
    fileName: row.file_name,
    format: row.format,
    rows: row.rows,
    sumTiyn: row.sum_tiyn,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    updated: row.updated,
    reconciledPairs,
    invalidRows: row.invalid_rows,
  };
}

/** Batch ids travel as decimal text; anything else names no batch. */
function batchNumber(id: string): number | null {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
}

export class ImportsRepo {
  constructor(private readonly db: Db) {}

  /** A new, still empty batch (call inside the write transaction). */
  /** `invalidRows`: lines of the file with errors, left out (the manager imported the valid rows only). */
  createBatch(fileName: string, format: ImportFormat, at: string, bin: string | null = null, invalidRows = 0): number {
    const result = this.db
      .prepare('INSERT INTO import_batches (file_name, format, rows, sum_tiyn, created_at, bin, invalid_rows) VALUES (?, ?, 0, 0, ?, ?, ?)')
      .run(fileName.slice(0, 300), format, at, bin, invalidRows);
    return Number(result.lastInsertRowid);
  }

  /**
   * The BIN/IIN most of the imported files (undone ones left out) were made for: the shop's, as its files
   * say. A tie goes to the BIN imported first: one other organization's file let through must not become
   * the shop's (its next files would pass unflagged, the shop's own be flagged).
   */
  knownBin(): string | null {
    const row = this.db
      .prepare('SELECT bin FROM import_batches WHERE undone_at IS NULL AND bin IS NOT NULL GROUP BY bin ORDER BY COUNT(*) DESC, MIN(id) ASC LIMIT 1')
      .get() as { bin: string } | undefined;
    return row?.bin ?? null;
  }

  /**
   * Copies staged rows `fromRowid..toRowid` (not flagged as in-file duplicates) into the batch.
   * Returns how many were new. `columns` are the kind's columns, the same in both tables.
   */
  copyStaged(table: string, staging: string, columns: readonly string[], batchId: number, fromRowid: number, toRowid: number): number {
    const list = columns.join(', ');
    return this.db
      .prepare(
        `INSERT OR IGNORE INTO main.${table} (batch_id, ${list})
         SELECT ?, ${list} FROM temp.${staging} WHERE rowid BETWEEN ? AND ? AND dup = 0 ORDER BY rowid`,
      )
      .run(batchId, fromRowid, toRowid).changes;
  }

  /**
   * Report rows already stored (same source and external id as a staged row) get the staged
   * settlement date / fee where theirs is NULL — never overwritten. Which fields of which rows were
   * filled is recorded for the batch's undo. Returns how many rows were filled. Call inside the
   * write transaction, after markInFileDuplicates (its index on the staging ids serves the update).
   */
  fillStaged(staging: string, batchId: number): number {
    const filled = this.db
      .prepare(
        `INSERT INTO main.report_fills (batch_id, row_id, settlement_filled, fee_filled)
         SELECT ?, m.id, m.settlement_date IS NULL AND s.settlement_date IS NOT NULL, m.fee_tiyn IS NULL AND s.fee_tiyn IS NOT NULL
         FROM temp.${staging} s JOIN main.report_rows m ON m.source = s.source AND m.external_id = s.external_id
         WHERE s.dup = 0 AND ((m.settlement_date IS NULL AND s.settlement_date IS NOT NULL) OR (m.fee_tiyn IS NULL AND s.fee_tiyn IS NOT NULL))`,
      )
      .run(batchId).changes;
    if (filled === 0) return 0;
    this.db
      .prepare(
        `UPDATE main.report_rows AS m SET settlement_date = COALESCE(m.settlement_date, s.settlement_date), fee_tiyn = COALESCE(m.fee_tiyn, s.fee_tiyn)
         FROM main.report_fills f, temp.${staging} s
         WHERE f.batch_id = ? AND m.id = f.row_id AND s.source = m.source AND s.external_id = m.external_id AND s.dup = 0`,
      )
      .run(batchId);
    return filled;
  }

  /**
   * Drops the table's secondary indexes (not the UNIQUE one a re-import relies on) and returns a
   * function that builds them again — for a batch larger than the table, where building an index
   * once from sorted keys beats inserting 10^6 keys one by one. Call both inside the write
   * transaction: a crash in between rolls the drop back too.
   */
  suspendIndexes(table: string): () => void {
    const indexes = this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as { name: string; sql: string }[];
    for (const index of indexes) this.db.exec(`DROP INDEX main."${index.name}"`);
    return () => {
      for (const index of indexes) this.db.exec(index.sql);
    };
  }

  /** The largest row id of the table (0 when empty): a batch's rows will get the ids after it. */
  maxRowId(table: 'report_rows' | 'statement_rows' | 'seed_payments'): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM main.${table}`).get() as { m: number }).m;
  }

  rowCount(table: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM main.${table}`).get() as { n: number }).n;
  }

  /**
   * Counts and sums what the batch inserted — the rows after `afterRowId`, all of them this
   * batch's since its transaction holds the write lock — and stores the figures, the id range
   * (empty for a batch that only filled rows) and how many stored rows it filled.
   */
  finishBatch(
    batchId: number,
    table: 'report_rows' | 'statement_rows' | 'seed_payments',
    afterRowId: number,
    updated = 0,
    declared: { from: string; to: string } | null = null,
  ): ImportBatch {
    const days = table === 'statement_rows' ? 'MIN(date) AS first_day, MAX(date) AS last_day' : 'NULL AS first_day, NULL AS last_day';
    const totals = this.db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(${AMOUNT_OF_TABLE[table]}), 0) AS s, MAX(id) AS last, ${days}
           FROM ${table} WHERE id > ? AND batch_id = ?`,
      )
      .get(afterRowId, batchId) as { n: number; s: number; last: number | null; first_day: string | null; last_day: string | null };
    // a statement covers the period it declares; one that declares none (or was cut short), its rows' days
    const from = declared?.from ?? totals.first_day;
    const to = declared?.to ?? totals.last_day;
    this.db
      .prepare('UPDATE import_batches SET rows = ?, sum_tiyn = ?, first_row_id = ?, last_row_id = ?, updated = ?, period_from = ?, period_to = ? WHERE id = ?')
      .run(totals.n, totals.s, afterRowId + 1, totals.last ?? afterRowId, updated, table === 'statement_rows' ? from : null, table === 'statement_rows' ? to : null, batchId);
    return this.require(String(batchId));
  }

  /**
   * The periods of imported statements (reaching into `from`..`to`) that can say whether Kaspi paid: of
   * an account Kaspi settles into (KASPI_ACCOUNT_ROW among its rows, its own or those it found stored
   * already), or with no rows at all (which account is not known). Another bank's statement of the
   * month says nothing of Kaspi's credits: its days stay "no statement", not "Kaspi did not pay".
   */
  statementPeriods(from: string, to: string): { from: string; to: string }[] {
    registerKaspiCredit(this.db);
    return this.db
      .prepare(
        `SELECT b.period_from AS "from", b.period_to AS "to" FROM import_batches b
          WHERE b.undone_at IS NULL AND b.period_from IS NOT NULL AND b.period_to IS NOT NULL AND b.period_from <= @to AND b.period_to >= @from
            AND (EXISTS (SELECT 1 FROM statement_rows r WHERE ${OWN_ROWS} AND ${KASPI_ACCOUNT_ROW})
              OR EXISTS (SELECT 1 FROM import_skips k JOIN statement_rows r ON r.id = k.row_id WHERE k.batch_id = b.id AND ${KASPI_ACCOUNT_ROW})
              OR (NOT EXISTS (SELECT 1 FROM statement_rows r WHERE ${OWN_ROWS}) AND NOT EXISTS (SELECT 1 FROM import_skips k WHERE k.batch_id = b.id)))`,
      )
      .all({ from, to }) as { from: string; to: string }[];
  }

  /** Whether imported statements already cover every day of `from`..`to`. */
  statementsCover(from: string, to: string): boolean {
    let day = from;
    for (const p of this.statementPeriods(from, to).sort((a, b) => (a.from < b.from ? -1 : 1))) {
      if (p.from > day) break;
      if (p.to >= day) day = nextDay(p.to);
    }
    return day > to;
  }

  /**
   * The rows of the staged file left out as already stored by another batch (call inside the write
   * transaction, after the copy): should that batch be undone, they are handed to this one.
   */
  recordSkips(table: RowTable, staging: string, batchId: number): void {
    // a report row's settlement day and fee as this file has them: what an undo gives the row back
    const values = table === 'report_rows' ? 's.settlement_date, s.fee_tiyn' : 'NULL, NULL';
    this.db
      .prepare(
        `INSERT INTO main.import_skips (batch_id, row_id, settlement_date, fee_tiyn)
         SELECT ?, m.id, ${values} FROM temp.${staging} s JOIN main.${table} m ON m.source = s.source AND m.external_id = s.external_id
          WHERE s.dup = 0 AND m.batch_id <> ?`,
      )
      .run(batchId, batchId);
  }

  list(limit = 1000): ImportBatch[] {
    const rows = this.db.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as BatchRow[];
    const marked = this.markedPairs(null);
    return rows.map((row) => toBatch(row, row.undone_at === null ? (marked.get(row.id) ?? 0) : 0));
  }

  get(id: string): ImportBatch | null {
    const row = this.row(id);
    return row ? this.view(row) : null;
  }

  require(id: string): ImportBatch {
    return this.view(this.requireRow(id));
  }

  /** The batch as the history shows it: with the pairs of its report rows the manager marked reconciled. */
  private view(row: BatchRow): ImportBatch {
    const marked = row.undone_at === null && TABLE_OF_FORMAT[row.format] === 'report_rows' ? (this.markedPairs(row.id).get(row.id) ?? 0) : 0;
    return toBatch(row, marked);
  }

  /**
   * Per batch (one, or every one): the marked pairs whose report purchase row it holds — the marks its
   * undo reopens (a refund row of a purchase marked in another month's report reopens nothing). One
   * pass over the marks, each looked up by purchase id (indexed), whatever the number of batches.
   */
  private markedPairs(batchId: number | null): Map<number, number> {
    const rows = this.db
      .prepare(
        // CROSS JOIN keeps the marks outside: a 10^6-row batch is never walked row by row
        `SELECT r.batch_id AS batch, COUNT(DISTINCT p.pair_id) AS n FROM reconciled_pairs p
           CROSS JOIN report_rows r ON r.purchase_id = p.purchase_id AND r.operation_type = 'purchase'
          WHERE NOT EXISTS (SELECT 1 FROM report_rows o WHERE o.purchase_id = p.purchase_id AND o.operation_type = 'purchase' AND o.batch_id <> r.batch_id)
          ${batchId === null ? '' : 'AND r.batch_id = @batchId'} GROUP BY r.batch_id`,
      )
      .all(batchId === null ? {} : { batchId }) as { batch: number; n: number }[];
    return new Map(rows.map((r) => [r.batch, r.n]));
  }

  private row(id: string): BatchRow | null {
    const n = batchNumber(id);
    if (n === null) return null;
    return (this.db.prepare('SELECT * FROM import_batches WHERE id = ?').get(n) as BatchRow | undefined) ?? null;
  }

  private requireRow(id: string): BatchRow {
    const row = this.row(id);
    if (!row) throw new AppError('import_batch_not_found', { batchId: id.slice(0, 64) });
    return row;
  }

  /** What `undo` would do (read only): the question the manager answers before it. */
  undoImpact(id: string): UndoImpact {
    const row = this.requireRow(id);
    const table = TABLE_OF_FORMAT[row.format];
    if (row.undone_at !== null) return { batchId: String(row.id), deleted: 0, kept: 0, reopenedPairs: 0, filled: 0, periodFrom: null, periodTo: null };
    const kept = this.heirCount(table, row);
    const reopenedPairs =
      table !== 'report_rows'
        ? 0
        : (
            this.db
              .prepare(
                `SELECT COUNT(DISTINCT p.pair_id) AS n FROM reconciled_pairs p
                   CROSS JOIN report_rows r ON r.purchase_id = p.purchase_id AND r.operation_type = 'purchase'
                  WHERE r.batch_id = @batch AND NOT EXISTS (SELECT 1 ${otherSkippers('report_rows', 'r.id')})
                    -- as the undo: a mark stays while another batch still holds a purchase row of it
                    AND NOT EXISTS (SELECT 1 FROM report_rows o WHERE o.purchase_id = p.purchase_id AND o.operation_type = 'purchase' AND o.batch_id <> @batch)`,
              )
              .get({ batch: row.id }) as { n: number }
          ).n;
    const filled = (this.db.prepare('SELECT COUNT(*) AS n FROM report_fills WHERE batch_id = ?').get(row.id) as { n: number }).n;
    return { batchId: String(row.id), deleted: Math.max(0, row.rows - kept), kept, reopenedPairs, filled, periodFrom: row.period_from, periodTo: row.period_to };
  }

  /**
   * Takes the batch's rows out and marks it undone, in one transaction: a row another batch's file
   * had too (left out there as already stored) goes to the first such batch still imported, the rest
   * are deleted — the data is then what it would be had this file never been imported. Undoing an
   * undone batch changes nothing. The batch row itself stays (the history shows what was undone).
   */
  undo(id: string, at: string): ImportBatch {
    return this.db.transaction(() => {
      const row = this.requireRow(id);
      if (row.undone_at !== null) return this.view(row);
      const table = TABLE_OF_FORMAT[row.format];
      if (table === 'report_rows') this.undoFills(row.id);
      this.handOver(table, row);
      // rows handed to this batch by an earlier undo: named by its skips, outside its id range
      this.db
        .prepare(`DELETE FROM ${table} WHERE id IN (SELECT row_id FROM import_skips WHERE batch_id = @batch) AND batch_id = @batch`)
        .run({ batch: row.id });
      // the batch's id range (a range scan); batch_id still decides, whatever the range says
      if (row.first_row_id !== null && row.last_row_id !== null) {
        this.db.prepare(`DELETE FROM ${table} WHERE id BETWEEN ? AND ? AND batch_id = ?`).run(row.first_row_id, row.last_row_id, row.id);
      } else this.db.prepare(`DELETE FROM ${table} WHERE batch_id = ?`).run(row.id);
      if (table === 'report_rows') {
        // fills of the deleted rows by later batches must not follow a reused row id
        this.db.prepare('DELETE FROM report_fills WHERE NOT EXISTS (SELECT 1 FROM report_rows r WHERE r.id = report_fills.row_id)').run();
        // the marks of purchases no report has any more open again, as the undo question said: a file
        // imported later with the same amounts is checked anew, not shown reconciled by itself
        this.db
          .prepare(
            `DELETE FROM reconciled_pairs WHERE NOT EXISTS
               (SELECT 1 FROM report_rows r WHERE r.purchase_id = reconciled_pairs.purchase_id AND r.operation_type = 'purchase')`,
          )
          .run();
      }
      this.db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(at, row.id);
      this.db.prepare('DELETE FROM import_skips WHERE batch_id = ?').run(row.id);
      return this.require(id);
    }).immediate();
  }

  /**
   * The batch's rows that files of batches still imported had too go to the first of those (its
   * counts follow; a report row takes the settlement day and fee that file has, where it has them).
   * Only rows some batch skipped are looked at — by the skips' row index over the batch's id range,
   * and the rows handed to it before — never the batch's rows one by one; the hand-over itself is a
   * few statements over all of them (a 10^6-row undo is not 10^6 round trips).
   */
  private handOver(table: RowTable, batch: BatchRow): void {
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS handed (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, heir INTEGER NOT NULL)');
    this.db.exec('DELETE FROM temp.handed');
    this.db.prepare(`INSERT INTO temp.handed SELECT id, amount, heir FROM (${heirsSelect(table)}) WHERE heir IS NOT NULL`).run(heirsParams(batch));
    this.db.prepare(`UPDATE ${table} SET batch_id = h.heir FROM temp.handed h WHERE ${table}.id = h.id`).run();
    this.db
      .prepare(
        `UPDATE import_batches SET rows = rows + c.n, sum_tiyn = sum_tiyn + c.total
           FROM (SELECT heir, COUNT(*) AS n, SUM(amount) AS total FROM temp.handed GROUP BY heir) c WHERE import_batches.id = c.heir`,
      )
      .run();
    if (table === 'report_rows') this.refill(batch.id);
    this.db.exec('DELETE FROM temp.handed');
  }

  /**
   * The report rows just handed over (temp.handed): each field is what the new owner's file has, else
   * what the first later imported report has (that batch its filler) — as if the undone file had never been.
   */
  private refill(undone: number): void {
    this.db.prepare('DELETE FROM report_fills WHERE row_id IN (SELECT id FROM temp.handed)').run();
    for (const [field, flag] of FILLABLE) {
      this.db
        .prepare(
          `INSERT INTO report_fills (batch_id, row_id, settlement_filled, fee_filled)
           SELECT filler, id, ${flagValues(flag)} FROM
             (SELECT h.id AS id, (${firstFiller(field, 'h.id', 'h.heir')}) AS filler FROM temp.handed h WHERE ${ownValue(field, 'h.id', 'h.heir')} IS NULL)
           WHERE filler IS NOT NULL
           ON CONFLICT (batch_id, row_id) DO UPDATE SET ${flag} = 1`,
        )
        .run({ batch: undone });
      this.db
        .prepare(
          `UPDATE report_rows SET ${field} = COALESCE(${ownValue(field, 'report_rows.id', 'report_rows.batch_id')},
             ${ownValue(field, 'report_rows.id', `(${firstFiller(field, 'report_rows.id', 'report_rows.batch_id')})`)})
           WHERE id IN (SELECT id FROM temp.handed)`,
        )
        .run({ batch: undone });
    }
  }

  /** How many of the batch's rows a batch still imported had too (counted in SQL: the question before an undo reads no rows). */
  private heirCount(table: RowTable, batch: BatchRow): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM (${heirsSelect(table)}) WHERE heir IS NOT NULL`).get(heirsParams(batch)) as { n: number }).n;
  }

  /**
   * Gives back what the batch filled: a field another imported report also had a value for takes that
   * one (and that batch becomes its filler), the others are emptied again.
   */
  private undoFills(batchId: number): void {
    for (const [field, flag] of FILLABLE) {
      this.db
        .prepare(
          `INSERT INTO report_fills (batch_id, row_id, settlement_filled, fee_filled)
           SELECT heir, row_id, ${flagValues(flag)} FROM
             (SELECT (${firstFiller(field, 'f.row_id', '(SELECT r.batch_id FROM report_rows r WHERE r.id = f.row_id)')}) AS heir, f.row_id AS row_id
                FROM report_fills f WHERE f.batch_id = @batch AND f.${flag})
           WHERE heir IS NOT NULL
           ON CONFLICT (batch_id, row_id) DO UPDATE SET ${flag} = 1`,
        )
        .run({ batch: batchId });
    }
    const value = (field: Fillable[0]) => ownValue(field, 'report_rows.id', `(${firstFiller(field, 'report_rows.id', 'report_rows.batch_id')})`);
    this.db
      .prepare(
        `UPDATE report_rows SET
           settlement_date = CASE WHEN f.settlement_filled THEN ${value('settlement_date')} ELSE report_rows.settlement_date END,
           fee_tiyn = CASE WHEN f.fee_filled THEN ${value('fee_tiyn')} ELSE report_rows.fee_tiyn END
         FROM report_fills f WHERE f.batch_id = @batch AND report_rows.id = f.row_id`,
      )
      .run({ batch: batchId });
    this.db.prepare('DELETE FROM report_fills WHERE batch_id = ?').run(batchId);
  }

  mappings(): { name: string; mapping: unknown }[] {
    const rows = this.db.prepare('SELECT name, mapping FROM csv_mappings ORDER BY name LIMIT 100').all() as { name: string; mapping: string }[];
    return rows.map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as unknown }));
  }

  saveMapping(name: string, mapping: unknown, at: string): void {
    this.db
      .prepare(
        `INSERT INTO csv_mappings (name, mapping, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(name, JSON.stringify(mapping), at);
  }

  mappingCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM csv_mappings').get() as { n: number }).n;
  }
}

export { TABLE_OF_FORMAT };

