// The "CSV with mapping" form as typed (every field a string or a flag), and its conversion to the
// contract's flat csvMappingSchema: null until the date column and the amount column(s) are named.
import { csvMappingSchema, MAPPING_DATE_FORMATS, type CsvMapping } from '../../../shared/import-domain.js';

export type Delimiter = CsvMapping['delimiter'];
export type CsvEncoding = CsvMapping['encoding'];
export type DateFormat = CsvMapping['dateFormat'];
export type DecimalSeparator = CsvMapping['decimalSeparator'];

export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
export const ENCODINGS: readonly CsvEncoding[] = ['utf-8', 'windows-1251'];
export const DATE_FORMATS: readonly DateFormat[] = MAPPING_DATE_FORMATS;
export const DECIMAL_SEPARATORS: readonly DecimalSeparator[] = [',', '.'];

export interface MappingDraft {
  delimiter: Delimiter;
  encoding: CsvEncoding;
  /** 1-based, as typed. */
  headerRow: string;
  dateColumn: string;
  dateFormat: DateFormat;
  timeColumn: string;
  /** One signed amount column, or credit and debit columns. */
  amountMode: 'single' | 'split';
  amountColumn: string;
  creditColumn: string;
  debitColumn: string;
  invertSign: boolean;
  decimalSeparator: DecimalSeparator;
  idColumn: string;
  descriptionColumn: string;
  counterpartyColumn: string;
  docNumberColumn: string;
  account: string;
}

export const EMPTY_DRAFT: MappingDraft = {
  delimiter: ';',
  encoding: 'utf-8',
  headerRow: '1',
  dateColumn: '',
  dateFormat: 'dd.mm.yyyy',
  timeColumn: '',
  amountMode: 'single',
  amountColumn: '',
  creditColumn: '',
  debitColumn: '',
  invertSign: false,
  decimalSeparator: ',',
  idColumn: '',
  descriptionColumn: '',
  counterpartyColumn: '',
  docNumberColumn: '',
  account: '',
};

/** The header row as a number, or null when it is not 1..1000. */
export function headerRowNumber(draft: MappingDraft): number | null {
  const n = Number(draft.headerRow.trim());
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : null;
}

/** The mapping to send, or null while a required field is missing. */
export function toMapping(draft: MappingDraft): CsvMapping | null {
  const headerRow = headerRowNumber(draft);
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const dateColumn = text(draft.dateColumn);
  if (headerRow === null || !dateColumn) return null;
  const amount =
    draft.amountMode === 'single'
      ? text(draft.amountColumn) && { amountColumn: text(draft.amountColumn) }
      : text(draft.creditColumn) && text(draft.debitColumn) && { creditColumn: text(draft.creditColumn), debitColumn: text(draft.debitColumn) };
  if (!amount) return null;
  const candidate = {
    delimiter: draft.delimiter,
    encoding: draft.encoding,
    headerRow,
    dateColumn,
    dateFormat: draft.dateFormat,
    ...(text(draft.timeColumn) ? { timeColumn: text(draft.timeColumn) } : {}),
    ...amount,
    ...(draft.invertSign ? { invertSign: true } : {}),
    decimalSeparator: draft.decimalSeparator,
    ...(text(draft.idColumn) ? { idColumn: text(draft.idColumn) } : {}),
    ...(text(draft.descriptionColumn) ? { descriptionColumn: text(draft.descriptionColumn) } : {}),
    ...(text(draft.counterpartyColumn) ? { counterpartyColumn: text(draft.counterpartyColumn) } : {}),
    ...(text(draft.docNumberColumn) ? { docNumberColumn: text(draft.docNumberColumn) } : {}),
    ...(text(draft.account) ? { account: text(draft.account) } : {}),
  };
  const parsed = csvMappingSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** A saved mapping back into the form. */
export function fromMapping(mapping: CsvMapping): MappingDraft {
  const split = !mapping.amountColumn && Boolean(mapping.creditColumn || mapping.debitColumn);
  return {
    delimiter: mapping.delimiter,
    encoding: mapping.encoding,
    headerRow: String(mapping.headerRow),
    dateColumn: mapping.dateColumn,
    dateFormat: mapping.dateFormat,
    timeColumn: mapping.timeColumn ?? '',
    amountMode: split ? 'split' : 'single',
    amountColumn: mapping.amountColumn ?? '',
    creditColumn: mapping.creditColumn ?? '',
    debitColumn: mapping.debitColumn ?? '',
    invertSign: mapping.invertSign ?? false,
    decimalSeparator: mapping.decimalSeparator,
    idColumn: mapping.idColumn ?? '',
    descriptionColumn: mapping.descriptionColumn ?? '',
    counterpartyColumn: mapping.counterpartyColumn ?? '',
    docNumberColumn: mapping.docNumberColumn ?? '',
    account: mapping.account ?? '',
  };
}
