// The column mapping a manager saves for "any other CSV" (a bank without a known format).
// Columns are named by their header text (matched trimmed and case-insensitively) or by 1-based
// number; names need a header row. One signed amount column, or separate credit/debit columns.
// Two spellings are accepted: this module's nested `csvMappingSchema`, and the flat shape of the
// IPC contract (shared/import-domain.ts `csvMappingSchema`, known here as `flatCsvMappingSchema`);
// `readCsvMapping` turns either into a CsvMapping.
import { csvMappingSchema as flatCsvMappingSchema, MAPPING_DATE_FORMATS, type CsvMapping as ContractCsvMapping } from '../../../shared/import-domain.js';
import { z } from 'zod';

const UNSPECIFIED_ACCOUNT_VALUE = 'unspecified';
/** The account of rows whose mapping named none (it is part of their external id). */
export const UNSPECIFIED_ACCOUNT = UNSPECIFIED_ACCOUNT_VALUE;

const columnRef = z.union([z.string().trim().min(1).max(200), z.number().int().min(1).max(1000)]);
export type ColumnRef = z.infer<typeof columnRef>;

export const csvMappingSchema = z
  .object({
    delimiter: z.enum([';', ',', '\t', '|']),
    encoding: z.enum(['utf-8', 'windows-1251']),
    /** 1-based row number of the header; 0 = the file has no header (columns by number only). */
    headerRow: z.number().int().min(0).max(1000),
    date: z
      .object({
        column: columnRef,
        format: z.enum(MAPPING_DATE_FORMATS),
        timeColumn: columnRef.optional(),
      })
      .strict(),
    amount: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('signed'), column: columnRef }).strict(),
      z.object({ kind: z.literal('split'), credit: columnRef, debit: columnRef }).strict(),
    ]),
    /** Negate every amount (for banks that write debits positive in a signed column). */
    invertSign: z.boolean().default(false),
    decimalSeparator: z.enum(['.', ',']),
    /** Our account (IBAN) these rows belong to; UNSPECIFIED_ACCOUNT when the manager gave none. */
    // Written as banks print it ("KZ18 722S 0000 …") or as 1C and MT940 give it: the same account.
    account: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .default(UNSPECIFIED_ACCOUNT_VALUE)
      .transform((account) => (account === UNSPECIFIED_ACCOUNT_VALUE ? account : account.replace(/\s+/g, '').toUpperCase())),
    idColumn: columnRef.optional(),
    descriptionColumn: columnRef.optional(),
    counterpartyColumn: columnRef.optional(),
    docNumberColumn: columnRef.optional(),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    if (mapping.headerRow > 0) return;
    for (const [path, ref] of columnRefs(mapping)) {
      if (typeof ref === 'string') {
        ctx.addIssue({ code: 'custom', path: path.split('.'), message: 'named_column_without_header' });
      }
    }
  });

export type CsvMapping = z.infer<typeof csvMappingSchema>;
export type CsvMappingInput = z.input<typeof csvMappingSchema>;

/** Every column the mapping refers to, with its path in the mapping. */
export function columnRefs(mapping: Omit<CsvMapping, 'invertSign'> & { invertSign?: boolean }): [string, ColumnRef][] {
  const refs: [string, ColumnRef | undefined][] = [
    ['date.column', mapping.date.column],
    ['date.timeColumn', mapping.date.timeColumn],
    ...(mapping.amount.kind === 'signed'
      ? ([['amount.column', mapping.amount.column]] as [string, ColumnRef][])
      : ([
          ['amount.credit', mapping.amount.credit],
          ['amount.debit', mapping.amount.debit],
        ] as [string, ColumnRef][])),
    ['idColumn', mapping.idColumn],
    ['descriptionColumn', mapping.descriptionColumn],
    ['counterpartyColumn', mapping.counterpartyColumn],
    ['docNumberColumn', mapping.docNumberColumn],
  ];
  return refs.filter((r): r is [string, ColumnRef] => r[1] !== undefined);
}

/** The IPC contract's flat mapping (columns by header name only) is defined by the contract itself. */
export { flatCsvMappingSchema };
export type FlatCsvMapping = ContractCsvMapping;

export type MappingRead = { ok: true; mapping: CsvMapping } | { ok: false; path: string; issue: string };

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

function fromFlat(flat: FlatCsvMapping): MappingRead {
  const amountColumn = blank(flat.amountColumn);
  const credit = blank(flat.creditColumn);
  const debit = blank(flat.debitColumn);
  let amount: CsvMappingInput['amount'];
  if (amountColumn && !credit && !debit) amount = { kind: 'signed', column: amountColumn };
  else if (!amountColumn && credit && debit) amount = { kind: 'split', credit, debit };
  else return { ok: false, path: amountColumn ? 'amountColumn' : 'creditColumn', issue: 'amount_columns' };
  const nested: CsvMappingInput = {
    delimiter: flat.delimiter,
    encoding: flat.encoding,
    headerRow: flat.headerRow,
    date: { column: flat.dateColumn, format: flat.dateFormat, timeColumn: blank(flat.timeColumn) },
    amount,
    invertSign: flat.invertSign ?? false,
    decimalSeparator: flat.decimalSeparator,
    account: blank(flat.account),
    idColumn: blank(flat.idColumn),
    descriptionColumn: blank(flat.descriptionColumn),
    counterpartyColumn: blank(flat.counterpartyColumn),
    docNumberColumn: blank(flat.docNumberColumn),
  };
  return readNested(nested);
}

function readNested(input: unknown): MappingRead {
  const parsed = csvMappingSchema.safeParse(input);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, path: issue?.path.join('.') ?? '', issue: issue?.code === 'custom' ? issue.message : (issue?.code ?? 'invalid') };
}

/** Reads a saved mapping in either shape; the error points into the shape the caller used. */
export function readCsvMapping(input: unknown): MappingRead {
  const isFlat = typeof input === 'object' && input !== null && ('dateColumn' in input || 'amountColumn' in input || 'creditColumn' in input);
  if (!isFlat) return readNested(input);
  const flat = flatCsvMappingSchema.safeParse(input);
  if (!flat.success) {
    const issue = flat.error.issues[0];
    return { ok: false, path: issue?.path.join('.') ?? '', issue: issue?.code ?? 'invalid' };
  }
  return fromFlat(flat.data);
}
