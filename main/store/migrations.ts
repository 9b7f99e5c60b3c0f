// Numbered schema migrations. The database's `user_version` is the number of the last one applied.
// Append only: never edit a migration that has shipped.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** SQL for a mapped-CSV account compacted as csv-mapping.ts does it (IBANs are ASCII: upper() suffices). */
const compactAccount = `upper(replace(replace(replace(replace(account, ' ', ''), char(9), ''), char(160), ''), char(8239), ''))`;

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'sales, orders, sale events, demo purchases',
    sql: `
      CREATE TABLE sales (
        id              TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL UNIQUE,
        amount_tiyn     INTEGER NOT NULL CHECK (amount_tiyn > 0),
        description     TEXT,
        status          TEXT NOT NULL CHECK (status IN
                          ('created','unknown','qr_shown','scanned','paid','failed','expired','cancelled')),
        mode            TEXT NOT NULL CHECK (mode IN ('demo','live')),
        external_id     TEXT NOT NULL UNIQUE,
        qr_payment_id   TEXT,
        qr_token        TEXT,
        expire_date     TEXT,
        payment_methods TEXT NOT NULL DEFAULT '[]',
        poll_interval_s INTEGER,
        scan_timeout_s  INTEGER,
        confirm_timeout_s INTEGER,
        kaspi_status    TEXT,
        error_code      TEXT,
        settled         INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        qr_shown_at     TEXT,
        scanned_at      TEXT,
        finished_at     TEXT,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX sales_unsettled ON sales(settled) WHERE settled = 0;
      CREATE INDEX sales_created ON sales(created_at);
      CREATE UNIQUE INDEX sales_qr_payment ON sales(mode, qr_payment_id) WHERE qr_payment_id IS NOT NULL;

      CREATE TABLE orders (
        number      INTEGER PRIMARY KEY,
        sale_id     TEXT NOT NULL UNIQUE REFERENCES sales(id),
        amount_tiyn INTEGER NOT NULL CHECK (amount_tiyn > 0),
        created_at  TEXT NOT NULL
      );

      CREATE TABLE sale_events (
        id          INTEGER PRIMARY KEY,
        sale_id     TEXT NOT NULL REFERENCES sales(id),
        from_status TEXT,
        to_status   TEXT NOT NULL,
        kaspi_status TEXT,
        at          TEXT NOT NULL
      );
      CREATE INDEX sale_events_sale ON sale_events(sale_id);

      -- The in-process Kaspi simulator of demo mode keeps its purchases here, so a demo sale
      -- survives a restart exactly like a live one does at Kaspi.
      CREATE TABLE demo_purchases (
        qr_payment_id TEXT PRIMARY KEY,
        data          TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'pay links, Kaspi v02 details, refunds',
    sql: `
      ALTER TABLE sales ADD COLUMN kind TEXT NOT NULL DEFAULT 'qr' CHECK (kind IN ('qr','link'));
      ALTER TABLE sales ADD COLUMN pay_link TEXT;
      ALTER TABLE sales ADD COLUMN kaspi_transaction_id TEXT;
      ALTER TABLE sales ADD COLUMN product_type TEXT;

      CREATE TABLE refunds (
        id                  TEXT PRIMARY KEY,
        sale_id             TEXT NOT NULL REFERENCES sales(id),
        amount_tiyn         INTEGER NOT NULL CHECK (amount_tiyn > 0),
        method              TEXT NOT NULL CHECK (method IN ('api','qr','manual')),
        status              TEXT NOT NULL CHECK (status IN
                              ('created','qr_shown','identified','returning','done','failed','unknown','cancelled')),
        qr_return_id        TEXT,
        qr_token            TEXT,
        poll_interval_s     INTEGER,
        scan_timeout_s      INTEGER,
        qr_shown_at         TEXT,
        return_operation_id TEXT,
        available_before_tiyn INTEGER,
        error_code          TEXT,
        error_params        TEXT,
        settled             INTEGER NOT NULL DEFAULT 0,
        created_at          TEXT NOT NULL,
        finished_at         TEXT,
        updated_at          TEXT NOT NULL
      );
      CREATE INDEX refunds_sale ON refunds(sale_id);
      CREATE INDEX refunds_unsettled ON refunds(settled) WHERE settled = 0;
    `,
  },
  {
    version: 3,
    name: 'imports: batches, report/statement/seed rows, reconciled pairs, CSV mappings',
    // One table per kind of imported row. UNIQUE(source, external_id) makes a re-import insert
    // nothing; batch_id lets an undo delete exactly one batch's rows (it is not declared a foreign
    // key: batches are never deleted, and the check costs ~10 % of a large import). The other
    // indexes serve the reconciliation (purchase id → amounts covered, operation day + amount — also
    // the near-duplicate search —, settlement day, statement day + amount).
    sql: `
      CREATE TABLE import_batches (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        file_name   TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('json','kaspi-report','1c','mt940','csv','kaspi-gold')),
        rows        INTEGER NOT NULL DEFAULT 0,
        sum_tiyn    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        undone_at   TEXT
      );

      CREATE TABLE report_rows (
        id              INTEGER PRIMARY KEY,
        batch_id        INTEGER NOT NULL,
        source          TEXT NOT NULL,
        external_id     TEXT NOT NULL,
        line            INTEGER NOT NULL,
        purchase_id     TEXT NOT NULL,
        operation_type  TEXT NOT NULL CHECK (operation_type IN ('purchase','refund')),
        operation_at    TEXT NOT NULL,
        operation_date  TEXT NOT NULL,
        settlement_date TEXT,
        gross_tiyn      INTEGER NOT NULL,
        net_tiyn        INTEGER NOT NULL,
        fee_tiyn        INTEGER,
        payment_type    TEXT,
        payment_type2   TEXT,
        terminal        TEXT,
        doc_number      TEXT,
        card_mask       TEXT,
        details         TEXT,
        UNIQUE (source, external_id)
      );
      CREATE INDEX report_rows_purchase ON report_rows(purchase_id, operation_type, gross_tiyn);
      CREATE INDEX report_rows_operation ON report_rows(operation_date, gross_tiyn);
      CREATE INDEX report_rows_settlement ON report_rows(settlement_date);
      CREATE INDEX report_rows_batch ON report_rows(batch_id);

      CREATE TABLE statement_rows (
        id                   INTEGER PRIMARY KEY,
        batch_id             INTEGER NOT NULL,
        source               TEXT NOT NULL CHECK (source IN ('1c','mt940','csv','kaspi-gold')),
        external_id          TEXT NOT NULL,
        line                 INTEGER NOT NULL,
        date                 TEXT NOT NULL,
        value_date           TEXT,
        operation_at         TEXT,
        amount_tiyn          INTEGER NOT NULL,
        account              TEXT NOT NULL,
        currency             TEXT,
        counterparty         TEXT,
        counterparty_bin     TEXT,
        counterparty_account TEXT,
        counterparty_bic     TEXT,
        purpose              TEXT,
        knp                  TEXT,
        doc_number           TEXT,
        UNIQUE (source, external_id)
      );
      CREATE INDEX statement_rows_date ON statement_rows(date, amount_tiyn);
      CREATE INDEX statement_rows_batch ON statement_rows(batch_id);

      CREATE TABLE seed_payments (
        id             INTEGER PRIMARY KEY,
        batch_id       INTEGER NOT NULL,
        source         TEXT NOT NULL,
        external_id    TEXT NOT NULL,
        line           INTEGER NOT NULL,
        order_id       TEXT NOT NULL,
        amount_tiyn    INTEGER NOT NULL,
        status         TEXT NOT NULL,
        transaction_id TEXT,
        UNIQUE (source, external_id)
      );
      CREATE INDEX seed_payments_order ON seed_payments(order_id);
      CREATE INDEX seed_payments_batch ON seed_payments(batch_id);

      -- Till sale <-> report purchase pairs the manager confirmed: shown as reconciled while both
      -- amounts stay what they were, and never offered as near-duplicate suggestions again.
      CREATE TABLE reconciled_pairs (
        pair_id     TEXT PRIMARY KEY,
        purchase_id TEXT NOT NULL,
        sale_id     TEXT NOT NULL,
        till_tiyn   INTEGER NOT NULL,
        report_tiyn INTEGER NOT NULL,
        marked_at   TEXT NOT NULL
      );
      CREATE INDEX reconciled_pairs_purchase ON reconciled_pairs(purchase_id);

      -- The till side of the reconciliation reads paid sales by day: index-only for 10^5 sales.
      CREATE INDEX sales_paid_created ON sales(created_at, mode, qr_payment_id, amount_tiyn, id) WHERE status = 'paid';

      CREATE TABLE csv_mappings (
        name       TEXT PRIMARY KEY,
        mapping    TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'import batches know their row-id range; no batch_id indexes',
    // A batch's rows are inserted in one transaction, so their ids run first_row_id..last_row_id:
    // undo and the batch totals read that range, and no import pays for a batch_id index any more.
    sql: `
      ALTER TABLE import_batches ADD COLUMN first_row_id INTEGER;
      ALTER TABLE import_batches ADD COLUMN last_row_id INTEGER;
      UPDATE import_batches SET
        first_row_id = (SELECT MIN(id) FROM report_rows WHERE batch_id = import_batches.id),
        last_row_id  = (SELECT MAX(id) FROM report_rows WHERE batch_id = import_batches.id)
      WHERE format = 'kaspi-report';
      UPDATE import_batches SET
        first_row_id = (SELECT MIN(id) FROM statement_rows WHERE batch_id = import_batches.id),
        last_row_id  = (SELECT MAX(id) FROM statement_rows WHERE batch_id = import_batches.id)
      WHERE format IN ('1c', 'mt940', 'csv', 'kaspi-gold');
      UPDATE import_batches SET
        first_row_id = (SELECT MIN(id) FROM seed_payments WHERE batch_id = import_batches.id),
        last_row_id  = (SELECT MAX(id) FROM seed_payments WHERE batch_id = import_batches.id)
      WHERE format = 'json';
      DROP INDEX report_rows_batch;
      DROP INDEX statement_rows_batch;
      DROP INDEX seed_payments_batch;
    `,
  },
  {
    version: 5,
    name: 'refund events: every move of a refund, and who made it',
    // The audit trail of a refund: each status (or reason) change, written in the same transaction as
    // the change itself. actor 'manager' marks a hand resolution of a refund Kaspi never confirmed.
    sql: `
      CREATE TABLE refund_events (
        id          INTEGER PRIMARY KEY,
        refund_id   TEXT NOT NULL REFERENCES refunds(id),
        from_status TEXT,
        to_status   TEXT NOT NULL,
        error_code  TEXT,
        actor       TEXT NOT NULL CHECK (actor IN ('kassa','manager')),
        detail      TEXT,
        at          TEXT NOT NULL
      );
      CREATE INDEX refund_events_refund ON refund_events(refund_id);
    `,
  },
  {
    version: 6,
    name: 'report re-exports fill empty settlement dates and fees, undoable with their batch',
    // A re-import of report rows already stored fills their NULL settlement_date / fee_tiyn (never
    // overwrites): report_fills records which fields of which rows a batch filled, so its undo can
    // empty exactly those again; import_batches.updated counts the rows it filled.
    sql: `
      ALTER TABLE import_batches ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE report_fills (
        batch_id          INTEGER NOT NULL,
        row_id            INTEGER NOT NULL,
        settlement_filled INTEGER NOT NULL,
        fee_filled        INTEGER NOT NULL,
        PRIMARY KEY (batch_id, row_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'report_fills found by row too (undo of the batch that owns the rows)',
    sql: `CREATE INDEX report_fills_row ON report_fills(row_id);`,
  },
  {
    version: 8,
    name: 'a random tag of this database in the ExternalId sent to Kaspi',
    // Sale numbers start at 1 again in a fresh database (a reinstall, a new till with the same
    // DeviceId): the tag keeps "<DeviceId>-<tag>-<n>" from repeating an ExternalId Kaspi has seen,
    // whether Kaspi refuses repeats or (worse) answers them with the old purchase — the spec leaves
    // open whether ExternalId must be unique.
    sql: `
      CREATE TABLE kassa_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO kassa_meta (key, value) VALUES ('instance', lower(hex(randomblob(3))));
    `,
  },
  {
    version: 9,
    name: 'refunds: the last successful check of one marked "not applied"',
    // A refund the manager marked "not applied" is checked against Kaspi until a successful read at or
    // after the end of its watch window — not merely until the window has passed on the wall clock, so a
    // drop while the till was off or Kaspi unreachable is still seen. Older verdicts (null) are checked
    // once more on the next start.
    sql: `ALTER TABLE refunds ADD COLUMN checked_at TEXT;`,
  },
  {
    version: 10,
    name: 'mapped-CSV rows: the account as 1C and MT940 give it (no spaces, upper case), in the row and its id',
    // The mapping's account is now compacted when read ("KZ18 722S …" = "KZ18722S…"); rows imported
    // before keep the same ids as a new import of the same file. A row whose compacted id already
    // exists (the file was imported both ways) is left as it was; so are accounts holding an id's
    // escape characters (% | #) or anything but printable ASCII, spaces and tabs — which SQL's
    // replace() and upper() cannot compact exactly as the mapping does.
    sql: `
      UPDATE OR IGNORE statement_rows
         SET external_id = 'csv|' || ${compactAccount} || substr(external_id, length(account) + 5),
             account = ${compactAccount}
       WHERE source = 'csv' AND account <> 'unspecified'
         AND account NOT GLOB '*[%|#]*'
         AND account NOT GLOB '*[^ -~' || char(9, 160, 8239) || ']*'
         AND substr(external_id, 1, length(account) + 5) = 'csv|' || account || '|'
         AND account <> ${compactAccount};
    `,
  },
  {
    version: 11,
    name: 'the sale occupying the till found by an index, not by walking every sale',
    // SalesRepo.active() runs on every charge and customer-display refresh; its WHERE is this one.
    sql: `CREATE INDEX sales_open ON sales(seq) WHERE status IN ('created','qr_shown','scanned');`,
  },
  {
    version: 12,
    name: 'reconciled marks: purchase amounts, as purchase pairs now compare them (refunds are pairs of their own)',
    // A mark made while a pair's amounts were net of refunds stored those; the pair now compares the
    // purchase itself. A mark that was a match (till = report) on a purchase whose amounts still match
    // now takes them, so the manager's confirmation survives the upgrade; anything else is left as it was.
    sql: `
      UPDATE reconciled_pairs
         SET till_tiyn = (SELECT s.amount_tiyn FROM sales s WHERE s.id = reconciled_pairs.sale_id),
             report_tiyn = (SELECT s.amount_tiyn FROM sales s WHERE s.id = reconciled_pairs.sale_id)
       WHERE till_tiyn = report_tiyn
         AND (SELECT s.amount_tiyn FROM sales s WHERE s.id = reconciled_pairs.sale_id) =
             (SELECT SUM(r.gross_tiyn) FROM report_rows r WHERE r.purchase_id = reconciled_pairs.purchase_id AND r.operation_type = 'purchase')
         AND till_tiyn <> (SELECT s.amount_tiyn FROM sales s WHERE s.id = reconciled_pairs.sale_id);
    `,
  },
  {
    version: 13,
    name: 'statement batches know the days they cover',
    // "No statement" for a settlement day means no imported statement covers it — by the period the
    // file declares (and its rows' dates), not by the dates of the rows alone: a month's statement
    // whose last Kaspi credit came on the 25th still covers the 26th–31st. Earlier batches: their rows' span.
    sql: `
      ALTER TABLE import_batches ADD COLUMN period_from TEXT;
      ALTER TABLE import_batches ADD COLUMN period_to TEXT;
      UPDATE import_batches SET period_from = span.first, period_to = span.last
        FROM (SELECT batch_id, MIN(date) AS first, MAX(date) AS last FROM statement_rows GROUP BY batch_id) AS span
       WHERE span.batch_id = import_batches.id AND import_batches.format IN ('1c', 'mt940', 'csv', 'kaspi-gold');
    `,
  },
  {
    version: 14,
    name: "statement rows a batch's file had that were already stored",
    // A statement vouches for a day of its period only while every row its file had that day is
    // stored: rows it left out as already imported go with the batch that holds them when that one is
    // undone. Batches of before: not known, taken as none left out.
    sql: `
      CREATE TABLE statement_skips (
        batch_id    INTEGER NOT NULL,
        source      TEXT NOT NULL,
        external_id TEXT NOT NULL,
        date        TEXT NOT NULL
      );
      CREATE INDEX statement_skips_batch_id ON statement_skips(batch_id);
      CREATE INDEX statement_skips_date ON statement_skips(date);
    `,
  },
  {
    version: 15,
    name: "the rows every batch's file had that were already stored",
    // A row that more than one imported file had belongs to the first; an undo of that one hands it to
    // the next file still imported that had it (the database is then what it would be had the undone
    // file never been imported), so every kind of batch keeps these rows — by row id, in its own
    // table (a row's id never changes while it exists, and it exists while a batch names it here) —
    // and, for report rows, the settlement day and fee its file had (what an undo of a fill, or the
    // handover, gives the row). A statement no longer needs to know on which day a row went missing.
    sql: `
      CREATE TABLE import_skips (
        batch_id        INTEGER NOT NULL,
        row_id          INTEGER NOT NULL,
        settlement_date TEXT,
        fee_tiyn        INTEGER
      );
      INSERT INTO import_skips (batch_id, row_id)
        SELECT k.batch_id, r.id FROM statement_skips k JOIN statement_rows r ON r.source = k.source AND r.external_id = k.external_id;
      DROP TABLE statement_skips;
      CREATE INDEX import_skips_batch_id ON import_skips(batch_id);
      CREATE INDEX import_skips_row ON import_skips(row_id);
    `,
  },
  {
    version: 16,
    name: 'a sale paid after the cashier gave it up, until the cashier has seen it',
    // 'unseen' from the moment Kaspi says a cancelled or expired sale was paid after all, 'seen' once a
    // cashier acknowledged it: the notice stays on the till (other sales running, a restart) until then.
    // Sales of before: nobody is told of them any more.
    sql: `
      ALTER TABLE sales ADD COLUMN paid_late TEXT CHECK (paid_late IN ('unseen', 'seen'));
      UPDATE sales SET paid_late = 'seen'
       WHERE status = 'paid' AND EXISTS (SELECT 1 FROM sale_events e WHERE e.sale_id = sales.id AND e.to_status = 'paid' AND e.from_status IN ('cancelled', 'expired'));
      CREATE INDEX sales_paid_late ON sales(paid_late) WHERE paid_late = 'unseen';
    `,
  },
  {
    version: 17,
    name: 'the BIN/IIN a batch\'s file was made for',
    // A Kaspi report's BIN, a 1C statement's owner's: a file of another organization (a sister shop's
    // statement) is flagged at its preview against the files imported so far, also without r3 settings.
    sql: `ALTER TABLE import_batches ADD COLUMN bin TEXT;`,
  },
  {
    version: 18,
    name: 'refunds: when payment/return was sent',
    // The day a refund belongs to is the day Kaspi applied it: when payment/return went out (a manual
    // one: when it was recorded) — not when Kassa learned it was done (a lost answer confirmed after
    // midnight, at the next start, at a manager's verdict). History and reconciliation both date by it.
    // Earlier refunds: their move to 'returning' in the audit trail; a done one without (older than the
    // trail, or manual) its creation.
    sql: `
      ALTER TABLE refunds ADD COLUMN sent_at TEXT;
      UPDATE refunds SET sent_at = COALESCE(
        (SELECT MIN(e.at) FROM refund_events e WHERE e.refund_id = refunds.id AND e.to_status = 'returning'),
        CASE WHEN status = 'done' THEN created_at END);
      CREATE INDEX refunds_done_sent ON refunds(sent_at) WHERE status = 'done';
    `,
  },
  {
    version: 19,
    name: 'import batches: the lines with errors left out',
    // "Import only the valid rows": the history keeps how many lines of the file were not imported, so
    // a month's missing purchase or refund can be traced to the file that had it wrong.
    sql: `ALTER TABLE import_batches ADD COLUMN invalid_rows INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 20,
    name: '1C documents: the other side\'s account (else BIN) in the id',
    // A payment order's number is the payer's own: two payers' orders №1 for one sum on one day were
    // one id (the second refused, or dropped as "already imported" from another file). Rows imported
    // before get the id a new import of the same file gives them. Values holding an id's escape
    // characters (% | #) are left as they were (no account or BIN has them).
    sql: `
      UPDATE OR IGNORE statement_rows
         SET external_id = external_id || '|' || COALESCE(counterparty_account, counterparty_bin)
       WHERE source = '1c' AND doc_number IS NOT NULL
         AND COALESCE(counterparty_account, counterparty_bin) IS NOT NULL
         AND COALESCE(counterparty_account, counterparty_bin) NOT GLOB '*[%|#]*';
    `,
  },
  {
    version: 21,
    name: 'reconciled marks of purchases no report has any more',
    // An undo of a report now takes these off (a file imported later is checked anew, not shown
    // reconciled by itself); undos made before left them: they go now, as that undo would take them.
    sql: `
      DELETE FROM reconciled_pairs WHERE NOT EXISTS
        (SELECT 1 FROM report_rows r WHERE r.purchase_id = reconciled_pairs.purchase_id AND r.operation_type = 'purchase');
    `,
  },
  {
    version: 22,
    name: 'statement rows: reversals',
    // A Kaspi credit the bank reverses (MT940 RC, a negative credit in a mapped CSV) is netted against
    // the day's Kaspi credits; it was left out, so a reversed settlement still matched. Rows imported
    // before cannot be told apart (neither parser kept the mark): they stay 0.
    sql: `ALTER TABLE statement_rows ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 23,
    name: 'sales: when Kaspi answered qr/create',
    // The countdown runs from the asking (qr_shown_at); "did not scan in time" waits until the answer
    // plus the scan timeout, when Kaspi's own timer is surely over. Sales before: no allowance.
    sql: `ALTER TABLE sales ADD COLUMN qr_answered_at TEXT;`,
  },
];
