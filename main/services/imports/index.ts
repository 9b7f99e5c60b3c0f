// Public surface of the import parsers: bytes (or a chunk stream) in, normalized rows + translatable
// reasons out. Nothing here writes anywhere; the import pipeline (preview, commit) builds on it.
export { IMPORT_REASONS, IMPORT_REASON_CODES } from './reason-codes.js';
export type { ImportReasonCode, ImportReasonLevel, Reason, ReasonParams, InvalidEntry, FileFailure } from './reason-codes.js';
export { collect } from './import-result.js';
export type { ImportEvent, ParseResult, ParseSuccess } from './import-result.js';
export type { ByteSource } from './byte-source.js';
export {
  salesReportRowSchema,
  statementRowSchema,
  seedPaymentRowSchema,
} from './import-row.js';
export type { SalesReportRow, StatementRow, SeedPaymentRow, ImportRow } from './import-row.js';
export { almatyIso, almatyOffset, parseLenientIso } from '../../../shared/almaty-time.js';
export { parseAmountText } from './amount-text.js';
export { detectEncoding, decodeBytes } from './encoding.js';
export type { TextEncodingName } from './encoding.js';
export { detectFormat } from './detect-format.js';
export type { FormatDetection, ImportFormat } from './detect-format.js';
export { parseSalesReport, streamSalesReport, streamSalesReportBatches } from './sales-report-parser.js';
export type { SalesReportMeta, SalesReportOptions } from './sales-report-parser.js';
export { parseStatement1c, streamStatement1c } from './statement-1c-parser.js';
export type { Statement1cMeta } from './statement-1c-parser.js';
export { parseMt940, streamMt940 } from './mt940-parser.js';
export type { Mt940Meta, Mt940Statement } from './mt940-parser.js';
export { parseMappedCsv, streamMappedCsv } from './mapped-csv-parser.js';
export type { MappedCsvMeta } from './mapped-csv-parser.js';
export { csvMappingSchema, flatCsvMappingSchema, readCsvMapping, UNSPECIFIED_ACCOUNT } from './csv-mapping.js';
export type { CsvMapping, CsvMappingInput, FlatCsvMapping } from './csv-mapping.js';
export { parseJsonPayments, streamJsonPayments } from './json-payments-parser.js';
export type { JsonPaymentsMeta } from './json-payments-parser.js';
export { parseKaspiGoldLines, streamKaspiGoldLines } from './kaspi-gold-lines-parser.js';
export type { KaspiGoldMeta, KaspiGoldOptions } from './kaspi-gold-lines-parser.js';
export type { BalanceFigures } from './balance-check.js';
