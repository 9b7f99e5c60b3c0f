// The staging table of one preview or commit: a TEMP table (a temp file, never the main database,
// so staging takes no lock the till could wait on) filled in chunks while the file streams, then
// asked in SQL what the preview shows — in-file duplicates, rows already imported, near duplicates,
// a sample — and finally copied into the main table by the commit. Memory stays flat whatever the
// file size: rows go to disk as they come, and duplicate ids are found by an index, not a Map.
import type Database from 'better-sqlite3';
import type { Db } from '../../store/database.js';
import type { AnyRowKind } from './row-kinds.js';

/** Rows per multi-row INSERT (17 columns × 200 = 3400 parameters, far below SQLite's 32766). */
const ROWS_PER_INSERT = 200;

export interface InFileDuplicate {
  line: number;
  firstLine: number;
  externalId: string;
}

export interface InFileDuplicates {
  count: number;
  /** The first ones, in file order. */
  first: InFileDuplicate[];
}

export const NO_DUPLICATES: InFileDuplicates = Object.freeze({ count: 0, first: [] as InFileDuplicate[] });

export interface StagedTotals {
  rows: number;
  sumTiyn: number;
  /** Rows whose (source, external_id) is already in the main table. */
  existing: number;
}

/** What a re-export says about report rows already stored (import-job / preview). */
export interface ReexportCheck {
  /** Stored rows with an empty settlement date or fee that the file has. */
  fillable: number;
  /** Stored rows whose settlement date, fee, gross or net the file has otherwise (not applied). */
  changed: number;
  firstChangedLine: number | null;
}

export const NOTHING_REEXPORTED: ReexportCheck = Object.freeze({ fillable: 0, changed: 0, firstChangedLine: null });

let counter = 0;

/**
 * What one file's amounts may add up to (by size): 10^13 ₸, beyond any shop's statement — a file past it
 * is a wrong column read as the amount (a BIN, an account), and its sums would no longer be exact numbers.
 */
export const MAX_FILE_SUM_TIYN = 1e15;

export class Staging {
  readonly table: string;
  /** Rows staged so far (duplicates included). */
  rows = 0;
  /** The line at which the file's amounts added up past MAX_FILE_SUM_TIYN; null while they have not. */
  tooLargeAt: number | null = null;
  private absSumTiyn = 0;
  private readonly inserts = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Db,
    readonly kind: AnyRowKind,
  ) {
    this.table = `import_stage_${process.pid}_${++counter}`;
    const columns = kind.columns.join(', ');
    db.exec(`CREATE TEMP TABLE ${this.table} (${columns}, dup INTEGER NOT NULL DEFAULT 0)`);
  }

  /** Stages `rows` rows already flattened into the kind's columns, one transaction for the lot. */
  addFlat(values: readonly unknown[], rows: number): void {
    if (rows === 0) return;
    const width = this.kind.columns.length;
    if (values.length !== rows * width) throw new Error(`staging: ${values.length} values for ${rows} rows of ${width} columns`);
    if (this.tooLargeAt === null) this.addToSum(values, width);
    this.db.transaction(() => {
      const full = ROWS_PER_INSERT * width;
      let at = 0;
      for (; at + full <= values.length; at += full) this.insertStatement(ROWS_PER_INSERT).run(values.slice(at, at + full));
      if (at < values.length) this.insertStatement((values.length - at) / width).run(values.slice(at));
    })();
    this.rows += rows;
  }

  /** The amounts' running sum (by size): every sum of the file stays an exact integer of tiyn. */
  private addToSum(values: readonly unknown[], width: number): void {
    const amount = this.kind.columns.indexOf(this.kind.amount);
    const line = this.kind.columns.indexOf('line');
    for (let at = 0; at < values.length; at += width) {
      this.absSumTiyn += Math.abs(values[at + amount] as number);
      if (this.absSumTiyn > MAX_FILE_SUM_TIYN) {
        this.tooLargeAt = values[at + line] as number;
        return;
      }
    }
  }

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const one = `(${this.kind.columns.map(() => '?').join(', ')})`;
      statement = this.db.prepare(`INSERT INTO temp.${this.table} (${this.kind.columns.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  /**
   * Flags every row whose external id an earlier line of the file already had (dup = 1) and lists
   * the first `max` of them. Builds the index the later queries use.
   */
  markInFileDuplicates(max: number): InFileDuplicates {
    const t = this.table;
    this.db.exec(`CREATE INDEX temp.${t}_ext ON ${t} (external_id)`);
    // one pass over the index first: the usual file has no duplicate at all
    const any = this.db.prepare(`SELECT 1 FROM temp.${t} GROUP BY external_id HAVING COUNT(*) > 1 LIMIT 1`).get();
    if (any === undefined) return NO_DUPLICATES;
    const count = this.db
      .prepare(
        `UPDATE temp.${t} SET dup = 1 WHERE rowid IN (
           SELECT s.rowid FROM temp.${t} s
           WHERE EXISTS (SELECT 1 FROM temp.${t} e WHERE e.external_id = s.external_id AND e.rowid < s.rowid))`,
      )
      .run().changes;
    if (count === 0) return NO_DUPLICATES;
    const first = this.db
      .prepare(
        `SELECT s.line AS line, s.external_id AS externalId,
                (SELECT MIN(e.line) FROM temp.${t} e WHERE e.external_id = s.external_id) AS firstLine
         FROM temp.${t} s WHERE s.dup = 1 ORDER BY s.rowid LIMIT ?`,
      )
      .all(max) as InFileDuplicate[];
    return { count, first };
  }

  totals(): StagedTotals {
    const { table, columns } = { table: this.kind.table, columns: this.kind.amount };
    return this.db
      .prepare(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(s.${columns}), 0) AS sumTiyn,
                COALESCE(SUM(EXISTS (SELECT 1 FROM main.${table} m WHERE m.source = s.source AND m.external_id = s.external_id)), 0) AS existing
         FROM temp.${this.table} s WHERE s.dup = 0`,
      )
      .get() as StagedTotals;
  }

  /**
   * For a report: the staged rows already stored, compared field by field (one pass over the
   * staging table, each row looked up by the UNIQUE(source, external_id) index). Other kinds: none.
   */
  reexport(): ReexportCheck {
    if (this.kind.table === 'statement_rows') return this.reusedIds();
    if (this.kind.table !== 'report_rows') return NOTHING_REEXPORTED;
    const r = this.db
      .prepare(
        `SELECT COALESCE(SUM(fill), 0) AS fillable, COALESCE(SUM(changed), 0) AS changed, MIN(CASE WHEN changed THEN line END) AS firstChangedLine
         FROM (SELECT s.line AS line,
                 (m.settlement_date IS NULL AND s.settlement_date IS NOT NULL) OR (m.fee_tiyn IS NULL AND s.fee_tiyn IS NOT NULL) AS fill,
                 COALESCE(m.settlement_date <> s.settlement_date OR m.fee_tiyn <> s.fee_tiyn, 0)
                   OR m.gross_tiyn <> s.gross_tiyn OR m.net_tiyn <> s.net_tiyn AS changed
               FROM temp.${this.table} s JOIN main.report_rows m ON m.source = s.source AND m.external_id = s.external_id
               WHERE s.dup = 0)`,
      )
      .get() as ReexportCheck;
    return r;
  }

  /**
   * For a statement: staged rows whose id is stored with another day or amount — not the same movement
   * (a mapped CSV's id column that is a row counter, 1, 2, 3… again in every export): skipped as
   * "already imported", they must at least be named.
   */
  private reusedIds(): ReexportCheck {
    return this.db
      .prepare(
        `SELECT 0 AS fillable, COUNT(*) AS changed, MIN(s.line) AS firstChangedLine
         FROM temp.${this.table} s JOIN main.statement_rows m ON m.source = s.source AND m.external_id = s.external_id
         WHERE s.dup = 0 AND (m.date <> s.date OR m.amount_tiyn <> s.amount_tiyn)`,
      )
      .get() as ReexportCheck;
  }

  /** First rows of the file, each flagged when it is already imported. */
  sample(limit: number): { line: number; externalId: string; date: string; amountTiyn: number; label: string; duplicate: boolean }[] {
    const k = this.kind;
    const rows = this.db
      .prepare(
        // date and label expressions name the staging table's columns (the only table in FROM)
        `SELECT s.line AS line, s.external_id AS externalId, COALESCE(${k.dateSql}, '') AS date, s.${k.amount} AS amountTiyn,
                substr(COALESCE(${k.labelSql}, ''), 1, 300) AS label,
                EXISTS (SELECT 1 FROM main.${k.table} m WHERE m.source = s.source AND m.external_id = s.external_id) AS duplicate
         FROM temp.${this.table} s WHERE s.dup = 0 ORDER BY s.rowid LIMIT ?`,
      )
      .all(limit) as { line: number; externalId: string; date: string; amountTiyn: number; label: string; duplicate: number }[];
    return rows.map((r) => ({ ...r, duplicate: r.duplicate === 1 }));
  }

  /**
   * New rows with the same amount on the same day as a row already imported under another id:
   * suggestions for the manager, never merged. A purchase the manager locked in a reconciled pair is
   * no longer offered as the counterpart of another purchase — only of a copy of itself.
   */
  nearDuplicates(limit: number): { line: number; externalId: string; amountTiyn: number; date: string; existingExternalId: string; label: string; existingLabel: string }[] {
    const k = this.kind;
    if (k.day === null) return [];
    // the lock keeps other purchases off a confirmed one; a copy of that very purchase (or of its
    // refund: refund pairs are never locked) is what the suggestion is for
    const locked =
      k.table === 'report_rows'
        ? "AND (m.purchase_id = s.purchase_id OR m.operation_type = 'refund' OR NOT EXISTS (SELECT 1 FROM main.reconciled_pairs p WHERE p.purchase_id = m.purchase_id))"
        : '';
    // the label expression names bare columns: inside each subquery they are the one table's in FROM
    const label = `substr(COALESCE(${k.labelSql}, ''), 1, 300)`;
    return this.db
      .prepare(
        `SELECT line, externalId, amountTiyn, date, label,
                (SELECT external_id FROM main.${k.table} WHERE rowid = existingRowid) AS existingExternalId,
                (SELECT ${label} FROM main.${k.table} WHERE rowid = existingRowid) AS existingLabel
         FROM (
           SELECT s.rowid AS r, s.line AS line, s.external_id AS externalId, s.${k.amount} AS amountTiyn, s.${k.day} AS date,
                  (SELECT ${label} FROM temp.${this.table} WHERE rowid = s.rowid) AS label,
                  (SELECT m.rowid FROM main.${k.table} m
                   WHERE m.${k.day} = s.${k.day} AND m.${k.amount} = s.${k.amount} AND m.external_id <> s.external_id ${locked}
                   LIMIT 1) AS existingRowid
           FROM temp.${this.table} s
           WHERE s.dup = 0
             AND NOT EXISTS (SELECT 1 FROM main.${k.table} x WHERE x.source = s.source AND x.external_id = s.external_id))
         WHERE existingRowid IS NOT NULL ORDER BY r LIMIT ?`,
      )
      .all(limit) as { line: number; externalId: string; amountTiyn: number; date: string; existingExternalId: string; label: string; existingLabel: string }[];
  }

  /** Largest rowid staged (rowids run 1..maxRowid in file order). */
  maxRowid(): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(rowid), 0) AS m FROM temp.${this.table}`).get() as { m: number }).m;
  }

  drop(): void {
    this.inserts.clear();
    try {
      this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
    } catch {
      // the connection is closing anyway
    }
  }
}
