// The three kinds of imported rows and how each one lies in SQLite: its table, its columns (the
// staging table has the same ones), a row flattened into those columns, and the columns the
// preview and the near-duplicate search read. Formats map onto kinds here too.
import type { ImportFormat } from '../../../shared/import-domain.js';
import type { SalesReportRow, SeedPaymentRow, StatementRow } from './import-row.js';

export type RowKindName = 'report' | 'statement' | 'seed';

export interface RowKind<Row> {
  name: RowKindName;
  /** The table in the main database. */
  table: 'report_rows' | 'statement_rows' | 'seed_payments';
  /** Columns besides id and batch_id, in the order `push` writes them. */
  columns: readonly string[];
  /** Appends the row's column values to `out`. */
  push(row: Row, out: unknown[]): void;
  /** Signed amount (the batch sum, the preview sum, near duplicates). */
  amount: string;
  /** Day column for near duplicates; null = this kind has none. */
  day: string | null;
  /** SQL of the preview's date and label, over the staging table's columns. */
  dateSql: string;
  labelSql: string;
}

const undef = (v: string | number | undefined): string | number | null => (v === undefined ? null : v);

export const reportKind: RowKind<SalesReportRow> = {
  name: 'report',
  table: 'report_rows',
  columns: [
    'source', 'external_id', 'line', 'purchase_id', 'operation_type', 'operation_at', 'operation_date',
    'settlement_date', 'gross_tiyn', 'net_tiyn', 'fee_tiyn', 'payment_type', 'payment_type2', 'terminal',
    'doc_number', 'card_mask', 'details',
  ],
  push(r, out) {
    out.push(
      r.source, r.externalId, r.line, r.purchaseId, r.operationType, r.operationAt, r.operationAt.slice(0, 10),
      r.settlementDate, r.grossTiyn, r.netTiyn, undef(r.feeTiyn), undef(r.paymentType), undef(r.paymentType2),
      undef(r.terminal), undef(r.docNumber), undef(r.cardMask), undef(r.details),
    );
  },
  amount: 'gross_tiyn',
  day: 'operation_date',
  dateSql: 'operation_at',
  labelSql: "purchase_id || CASE operation_type WHEN 'refund' THEN ' ↩' ELSE '' END || COALESCE(' · ' || details, '')",
};

export const statementKind: RowKind<StatementRow> = {
  name: 'statement',
  table: 'statement_rows',
  columns: [
    'source', 'external_id', 'line', 'date', 'value_date', 'operation_at', 'amount_tiyn', 'account', 'currency',
    'counterparty', 'counterparty_bin', 'counterparty_account', 'counterparty_bic', 'purpose', 'knp', 'doc_number', 'reversal',
  ],
  push(r, out) {
    out.push(
      r.source, r.externalId, r.line, r.date, undef(r.valueDate), undef(r.operationAt), r.amountTiyn, r.account,
      undef(r.currency), undef(r.counterparty), undef(r.counterpartyBin), undef(r.counterpartyAccount),
      undef(r.counterpartyBic), undef(r.purpose), undef(r.knp), undef(r.docNumber), r.reversal ? 1 : 0,
    );
  },
  amount: 'amount_tiyn',
  day: 'date',
  dateSql: 'date',
  // (a mapped CSV without an account has the placeholder 'unspecified': no words for the manager)
  labelSql: "COALESCE(counterparty, purpose, NULLIF(account, 'unspecified'), doc_number, '')",
};

export const seedKind: RowKind<SeedPaymentRow> = {
  name: 'seed',
  table: 'seed_payments',
  columns: ['source', 'external_id', 'line', 'order_id', 'amount_tiyn', 'status', 'transaction_id'],
  push(r, out) {
    out.push(r.source, r.externalId, r.line, r.orderId, r.amountTiyn, r.status, undef(r.transactionId));
  },
  amount: 'amount_tiyn',
  day: null,
  dateSql: "''",
  labelSql: "order_id || ' · ' || status",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRowKind = RowKind<any>;

export function kindOfFormat(format: ImportFormat): AnyRowKind {
  if (format === 'kaspi-report') return reportKind;
  if (format === 'json') return seedKind;
  return statementKind;
}

export const ALL_KINDS: readonly AnyRowKind[] = [reportKind, statementKind, seedKind];
