// What the Import tab and the Reconciliation view see: previews, batches, progress, and the
// three-way reconciliation (till ↔ Kaspi sales report ↔ bank statement). Pure data, no I/O.
import { z } from 'zod';
import { ymdSchema as ymd } from './domain.js';

export const IMPORT_FORMATS = ['json', 'kaspi-report', '1c', 'mt940', 'csv', 'kaspi-gold'] as const;
export const importFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof importFormatSchema>;

const amount = z.number().int().safe();
const reasonParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A translatable reason: `import.reason.<code>` in the message catalogue. */
export const importReasonSchema = z.object({ code: z.string().max(64), params: reasonParams.optional() });
export type ImportReasonView = z.infer<typeof importReasonSchema>;

/** The date formats a column mapping may name (two-digit years as in Kaspi Gold; month first as a US-locale Excel saves). */
export const MAPPING_DATE_FORMATS = ['dd.mm.yyyy', 'dd.mm.yy', 'yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy'] as const;

/** The manager's column mapping for "any other CSV" (saved by name). */
export const csvMappingSchema = z
  .object({
    delimiter: z.enum([';', ',', '\t', '|']),
    encoding: z.enum(['utf-8', 'windows-1251']),
    headerRow: z.number().int().min(1).max(1000),
    dateColumn: z.string().min(1).max(200),
    dateFormat: z.enum(MAPPING_DATE_FORMATS),
    timeColumn: z.string().max(200).optional(),
    amountColumn: z.string().max(200).optional(),
    creditColumn: z.string().max(200).optional(),
    debitColumn: z.string().max(200).optional(),
    invertSign: z.boolean().optional(),
    decimalSeparator: z.enum([',', '.']),
    idColumn: z.string().max(200).optional(),
    descriptionColumn: z.string().max(200).optional(),
    /** The payer / recipient: tells Kaspi Bank's settlements from other credits. */
    counterpartyColumn: z.string().max(200).optional(),
    docNumberColumn: z.string().max(200).optional(),
    account: z.string().max(64).optional(),
  })
  .strict();
export type CsvMapping = z.infer<typeof csvMappingSchema>;

/** One row as the preview table shows it, whatever the format. */
export const previewRowSchema = z.object({
  line: z.number().int(),
  externalId: z.string().max(400),
  date: z.string().max(40),
  amountTiyn: amount,
  label: z.string().max(300),
  duplicate: z.boolean(),
});

/** What a file says about itself (report metadata rows, a statement's period and accounts). */
export const fileHeaderSchema = z.object({
  periodFrom: ymd.nullable(),
  periodTo: ymd.nullable(),
  /** The organisation's BIN/IIN the report was made for. */
  bin: z.string().max(20).nullable(),
  name: z.string().max(200).nullable(),
  accounts: z.array(z.string().max(64)).max(10),
});
export type FileHeader = z.infer<typeof fileHeaderSchema>;

export const importPreviewSchema = z.object({
  uploadId: z.string().max(64),
  fileName: z.string().max(300),
  format: importFormatSchema,
  /** What detection found (the manager may override it). */
  detectedFormat: importFormatSchema.nullable(),
  rows: z.number().int().nonnegative(),
  sumTiyn: amount,
  newRows: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  /** Of the duplicates: report rows whose empty settlement date or fee this file fills in. */
  updatedRows: z.number().int().nonnegative(),
  invalidCount: z.number().int().nonnegative(),
  invalid: z.array(z.object({ line: z.number().int().nullable(), reason: importReasonSchema })).max(500),
  problems: z.array(importReasonSchema).max(100),
  /** Same amount and day as an existing row with another id: shown, never merged on their own. */
  nearDuplicates: z
    .array(
      z.object({
        line: z.number().int(),
        externalId: z.string().max(400),
        amountTiyn: amount,
        date: z.string().max(40),
        existingExternalId: z.string().max(400),
        /** What the manager recognises each row by (purchase id, counterparty, purpose...), as in the sample. */
        label: z.string().max(300),
        existingLabel: z.string().max(300),
      }),
    )
    .max(200),
  sample: z.array(previewRowSchema).max(200),
  /** null: the file says nothing about itself (JSON, a mapped CSV) or could not be read. */
  header: fileHeaderSchema.nullable(),
  /**
   * A statement declaring days no imported statement covers yet: importing it records its period (for
   * "no statement" in reconciliation) even with no new row, or none at all (a month without movements).
   */
  recordsPeriod: z.boolean(),
  /** The BIN/IIN most imported files were made for (the shop's, as its files say): a file of another is flagged. */
  knownBin: z.string().regex(/^\d{12}$/).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importFailureSchema = z.object({ code: z.string().max(64), params: reasonParams.optional() });

export const importBatchSchema = z.object({
  id: z.string().max(64),
  fileName: z.string().max(300),
  format: importFormatSchema,
  rows: z.number().int().nonnegative(),
  sumTiyn: amount,
  createdAt: z.string().max(40),
  undoneAt: z.string().max(40).nullable(),
  /** Report rows already stored whose empty settlement date or fee this batch filled (its undo empties them). */
  updated: z.number().int().nonnegative(),
  /** Pairs of this batch's report rows the manager marked reconciled: its undo reopens them (asked first). */
  reconciledPairs: z.number().int().nonnegative(),
  /** Lines of the file with errors, left out: the manager imported its valid rows only. */
  invalidRows: z.number().int().nonnegative(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

/**
 * What an import that ended well did: rows written (or stored rows filled in); nothing at all; or, for
 * a statement whose rows were all stored already (or that had none), only its period recorded.
 */
export function importDoneKind(done: { imported: number; updated: number; batchId: string | null }): 'rows' | 'nothing_new' | 'period_only' {
  if (done.imported > 0 || done.updated > 0) return 'rows';
  return done.batchId === null ? 'nothing_new' : 'period_only';
}

/** What undoing a batch would do: rows deleted, rows later imports keep, marks reopened, a statement's days given up. */
export const undoImpactSchema = z.object({
  batchId: z.string().max(64),
  deleted: z.number().int().nonnegative(),
  kept: z.number().int().nonnegative(),
  reopenedPairs: z.number().int().nonnegative(),
  /** Report rows whose settlement day or fee this batch filled (as it is now: an undo may have made it a row's filler). */
  filled: z.number().int().nonnegative(),
  /** A statement batch: the days it covers (no other statement may cover them once it is undone). */
  periodFrom: ymd.nullable(),
  periodTo: ymd.nullable(),
});
export type UndoImpact = z.infer<typeof undoImpactSchema>;

export const importProgressSchema = z.object({
  jobId: z.string().max(64),
  /** The file being imported: a window that did not start the job (another one, or this one reloaded) names it. */
  fileName: z.string().max(300),
  phase: z.enum(['parsing', 'writing', 'done', 'failed', 'cancelled']),
  rows: z.number().int().nonnegative(),
  /** While writing: the rows the write goes through (the bar's end); null before. */
  expectedRows: z.number().int().nonnegative().nullable(),
  /** For 'done': the file's valid rows that were stored already. */
  duplicates: z.number().int().nonnegative(),
  bytesRead: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  batch: importBatchSchema.nullable(),
  /** For 'failed': why nothing was written. */
  failure: importFailureSchema.nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** How far the preview has read a file (large files take seconds). */
export const previewProgressSchema = z.object({
  uploadId: z.string().max(64),
  rows: z.number().int().nonnegative(),
  bytesRead: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});
export type PreviewProgress = z.infer<typeof previewProgressSchema>;

export const reconcileStatuses = ['matched', 'amount_differs', 'only_till', 'only_report'] as const;

/** The longest period reconciled at once: ten years, each of its days listed (never a silently cut list). */
export const MAX_RECONCILE_YEARS = 10;
export const MAX_RECONCILE_DAYS = 3653;

/** Whether from..to (yyyy-mm-dd, inclusive) is more days than one reconciliation takes. */
export function periodTooLong(from: string, to: string): boolean {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1 > MAX_RECONCILE_DAYS;
}

export const tillReportPairSchema = z.object({
  id: z.string().max(200),
  /** A purchase, or the refunds of one purchase dated in the range (each dated by itself). */
  kind: z.enum(['purchase', 'refund']),
  status: z.enum(reconcileStatuses),
  purchaseId: z.string().max(64).nullable(),
  saleId: z.string().max(64).nullable(),
  orderNumber: z.string().max(32).nullable(),
  at: z.string().max(40),
  tillTiyn: amount.nullable(),
  reportTiyn: amount.nullable(),
  reconciled: z.boolean(),
  /**
   * The side dated outside the range (a sale at 23:58 on 31.03, its purchase at 00:01 on 01.04):
   * the pair is listed in both ranges, but that side's amount counts in its own range's totals only.
   */
  counterpartOutside: z.enum(['till', 'report']).nullable(),
});

export const settlementDaySchema = z.object({
  date: ymd,
  reportNetTiyn: amount,
  bankCreditTiyn: amount,
  differenceTiyn: amount,
  matched: z.boolean(),
  /** No Kaspi credit and no imported statement reaches this day: the statement is missing. */
  noStatement: z.boolean(),
});

export const reconcileViewSchema = z.object({
  from: ymd,
  to: ymd,
  tillVsReport: z.object({
    pairs: z.array(tillReportPairSchema).max(5000),
    /** Pairs beyond the list limit are counted here but not listed. */
    truncated: z.boolean(),
    /** The status the list holds only (asked for), or null: every status, problems first. */
    listedStatus: z.enum(reconcileStatuses).nullable(),
    counts: z.record(z.enum(reconcileStatuses), z.number().int().nonnegative()),
    /** Each side's sum per status over all pairs (listed or not), counted as the totals are. */
    sums: z.record(z.enum(reconcileStatuses), z.object({ tillTiyn: amount, reportTiyn: amount })),
    tillTotalTiyn: amount,
    reportTotalTiyn: amount,
    /** Paid demo sales of the period left out (0 when they were asked for). */
    demoSalesLeftOut: z.number().int().nonnegative(),
  }),
  reportVsBank: z.object({
    days: z.array(settlementDaySchema).max(MAX_RECONCILE_DAYS),
    reportNetTotalTiyn: amount,
    bankCreditTotalTiyn: amount,
    differenceTiyn: amount,
    /** Report rows of the period (by operation day) without a settlement day: not in `days`, not checked. */
    unsettled: z.object({ rows: z.number().int().nonnegative(), netTiyn: amount }),
  }),
});
export type ReconcileView = z.infer<typeof reconcileViewSchema>;
