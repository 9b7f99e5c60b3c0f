// Normalized import rows and their zod schemas. Money is integer tiyn (credit/purchase positive),
// dates are 'yyyy-mm-dd', moments are ISO strings with Almaty's offset (+05:00, +06:00 before
// 2024-03-01). `line` is the 1-based position in the file (each parser documents what it counts).
import { z } from 'zod';
import { clip, reason, type Reason } from './reason-codes.js';

const tiyn = z.number().int().safe();
const ymdDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const almatyMoment = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[56]:00$/);
const text = (max: number) => z.string().max(max);
const externalId = z.string().min(1).max(400);
const line = z.number().int().positive();

/** One row of a Kaspi Pay sales report ("отчёт по продажам"). */
export const salesReportRowSchema = z
  .object({
    source: z.literal('kaspi-report'),
    externalId,
    line,
    /** `Номер заказа (ID/RRN)` — Kaspi's purchase id, the key to till sales. */
    purchaseId: z.string().min(1).max(64),
    operationType: z.enum(['purchase', 'refund']),
    operationAt: almatyMoment,
    /** `Дата учета операции` — the day the net amount is settled; null when the file has no such value. */
    settlementDate: ymdDate.nullable(),
    /** Gross amount; negative for refunds whatever sign the file used. */
    grossTiyn: tiyn,
    /** Net to be credited (purchase, positive) or debited (refund, negative). */
    netTiyn: tiyn,
    /** Sum of the tenge fee columns present, with the file's sign. */
    feeTiyn: tiyn.optional(),
    paymentType: text(100).optional(),
    paymentType2: text(100).optional(),
    terminal: text(200).optional(),
    docNumber: text(64).optional(),
    /** Masked card number (never a full PAN: full ones are masked on the way in). */
    cardMask: text(32).optional(),
    details: text(1000).optional(),
  })
  .strict();
export type SalesReportRow = z.infer<typeof salesReportRowSchema>;

/** One movement on a bank account (1C, MT940, mapped CSV, Kaspi Gold statement lines). */
export const statementRowSchema = z
  .object({
    source: z.enum(['1c', 'mt940', 'csv', 'kaspi-gold']),
    externalId,
    line,
    /** Booking / operation date. */
    date: ymdDate,
    /** Credit positive, debit negative. */
    amountTiyn: tiyn,
    /** Our own account (IBAN) the movement belongs to. */
    account: z.string().min(1).max(64),
    currency: text(8).optional(),
    valueDate: ymdDate.optional(),
    /** When the source gives a time of day. */
    operationAt: almatyMoment.optional(),
    counterparty: text(300).optional(),
    counterpartyBin: text(20).optional(),
    counterpartyAccount: text(64).optional(),
    counterpartyBic: text(20).optional(),
    purpose: text(2000).optional(),
    /** КНП, the 3-digit payment purpose code. */
    knp: z.string().regex(/^\d{3}$/).optional(),
    docNumber: text(64).optional(),
    /**
     * A reversal (MT940 RC/RD, a negative credit in a mapped CSV's credit column): a credit reversed
     * is netted against Kaspi's credits (report-bank.ts), a debit reversed is no Kaspi credit.
     */
    reversal: z.literal(true).optional(),
  })
  .strict();
export type StatementRow = z.infer<typeof statementRowSchema>;

/** One payment of a JSON seed file. */
export const seedPaymentRowSchema = z
  .object({
    source: z.literal('json'),
    externalId,
    line,
    orderId: z.string().min(1).max(64),
    amountTiyn: tiyn.positive(),
    status: z.string().min(1).max(40),
    transactionId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type SeedPaymentRow = z.infer<typeof seedPaymentRowSchema>;

export type ImportRow = SalesReportRow | StatementRow | SeedPaymentRow;

/**
 * Drops undefined optionals so rows compare and serialize cleanly. Builds a fresh object rather than
 * deleting keys (a delete turns a V8 object into a slow dictionary — felt at 10^6 rows).
 */
export function compact<T extends object>(row: T): T {
  const out = {} as T;
  for (const key in row) if (row[key] !== undefined) out[key] = row[key];
  return out;
}

/** Checks a built row against its schema; a failure is a parser bug surfaced as schema_violation. */
export function validateRow<T>(
  schema: z.ZodType<T>,
  row: unknown,
): { ok: true; row: T } | { ok: false; reason: Reason } {
  const parsed = schema.safeParse(row);
  if (parsed.success) return { ok: true, row: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: reason('schema_violation', {
      path: clip(issue?.path.join('.') ?? ''),
      issue: issue?.code ?? 'unknown',
    }),
  };
}
