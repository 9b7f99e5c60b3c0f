// The Kaspi Pay sales report's column dictionary (BANK_EXPORT_FORMATS.md §2) with aliases, and the
// test that recognises its header row by content. Header texts are compared in a normalized form:
// lower case, ё→е, currency marks "(т)", "(тг)", ", KZT" dropped, then only letters, digits, #, %, №.

export type ReportField =
  | 'rowNo'
  | 'purchaseId'
  | 'terminal'
  | 'operationDate'
  | 'operationTime'
  | 'settlementDate'
  | 'operationType'
  | 'paymentType'
  | 'paymentType2'
  | 'cardMask'
  | 'gross'
  | 'net'
  | 'feeOperations'
  | 'feeCard'
  | 'feeGuarantee'
  | 'feeKaspiPay'
  | 'feeKaspiTravel'
  | 'docNumber'
  | 'details';

const ALIASES: Record<ReportField, readonly string[]> = {
  rowNo: ['#', '№', '№ п/п', 'N'],
  purchaseId: ['Номер заказа (ID/RRN)', 'Номер заказа', 'ID/RRN', 'RRN', 'ID заказа', 'ID операции', 'Номер операции'],
  terminal: ['Адрес точки продаж', 'Идентификатор точки', 'ID терминала', 'Терминал', 'Точка продаж'],
  operationDate: ['Дата операции', 'Дата и время операции', 'Дата транзакции'],
  operationTime: ['Время', 'Время операции'],
  settlementDate: ['Дата учета операции', 'Дата учета', 'Дата зачисления'],
  operationType: ['Тип операции', 'Вид операции'],
  paymentType: ['Тип оплаты', 'Способ оплаты'],
  paymentType2: ['Тип оплаты 2'],
  cardMask: ['Номер карты'],
  gross: ['Сумма операции (т)', 'Сумма операции', 'Сумма (т)', 'Сумма'],
  net: ['Сумма к зачислению/ списанию (т)', 'Сумма к зачислению/списанию', 'Сумма к зачислению', 'К зачислению'],
  feeOperations: ['Комиссия за операции (т)', 'Комиссия за операцию (т)', 'Комиссия (т)'],
  feeCard: ['Комиссия за операции по карте (т)'],
  feeGuarantee: ['Комиссия за обеспечение платежа (т)'],
  feeKaspiPay: ['Комиссия Kaspi Pay (т)'],
  feeKaspiTravel: ['Комиссия Kaspi Travel (т)'],
  docNumber: ['№ документа покупки/возврата', 'Номер документа покупки/возврата', 'Номер документа'],
  details: ['Детали покупки', 'Детали'],
};

export const FEE_FIELDS: readonly ReportField[] = [
  'feeOperations',
  'feeCard',
  'feeGuarantee',
  'feeKaspiPay',
  'feeKaspiTravel',
];

/** Without these a row cannot be reconciled (net may be derived from gross − fees). */
export const REQUIRED_FIELDS: readonly ReportField[] = ['purchaseId', 'operationDate', 'operationType', 'gross'];

/** The header text a field is known by in Kaspi's files (for messages). */
export function fieldTitle(field: ReportField): string {
  return ALIASES[field][0]!;
}

export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\(\s*(?:т|тг|тенге|kzt|₸)\s*\)|,\s*(?:тг|тенге|kzt|₸)\s*$/g, '')
    .replace(/[^\p{L}\p{N}#%№]/gu, '');
}

const LOOKUP = new Map<string, ReportField>();
for (const [field, names] of Object.entries(ALIASES) as [ReportField, readonly string[]][]) {
  for (const name of names) if (!LOOKUP.has(normalizeHeader(name))) LOOKUP.set(normalizeHeader(name), field);
}

export type ColumnMap = Partial<Record<ReportField, number>>;

/** Maps header cells to fields (first column wins when a name repeats). */
export function mapHeader(cells: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  cells.forEach((cell, index) => {
    const field = LOOKUP.get(normalizeHeader(cell));
    if (field !== undefined && map[field] === undefined) map[field] = index;
  });
  return map;
}

/**
 * A header row names at least three report columns, one of them the purchase id or the operation
 * date, and either starts with '#' or names four or more columns. Metadata rows never do.
 */
export function isReportHeader(cells: readonly string[]): ColumnMap | null {
  const map = mapHeader(cells);
  const fields = Object.keys(map) as ReportField[];
  if (fields.length < 3) return null;
  if (map.purchaseId === undefined && map.operationDate === undefined) return null;
  if (map.rowNo === undefined && fields.length < 4) return null;
  return map;
}
