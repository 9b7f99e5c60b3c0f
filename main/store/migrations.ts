// Numbered schema migrations. The database's `user_version` is the number of the last one applied.
// Append only: never edit a migration that has shipped.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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
];
