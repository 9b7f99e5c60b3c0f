// The column mapping a manager saves for "any other CSV" (a bank without a known format).
// Columns are named by their header text (matched trimmed and case-insensitively) or by 1-based
// number; names need a header row. One signed amount column, or separate credit/debit columns.
import { z } from 'zod';

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
        format: z.enum(['dd.mm.yyyy', 'yyyy-mm-dd', 'dd/mm/yyyy']),
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
    /** Our account (IBAN) these rows belong to. */
    account: z.string().trim().min(1).max(64),
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
