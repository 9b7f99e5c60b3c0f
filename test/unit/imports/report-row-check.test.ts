// The hand-written hot-path check must agree with salesReportRowSchema on every row: valid ones,
// and one broken field at a time (a disagreement would let a bad row in, or refuse a good one).
import { describe, expect, it } from 'vitest';
import { salesReportRowSchema, type SalesReportRow } from '../../../main/services/imports/import-row.js';
import { isValidReportRow } from '../../../main/services/imports/report-row-check.js';

const base: SalesReportRow = {
  source: 'kaspi-report',
  externalId: 'kaspi-report|13000000101|purchase|2025-03-01T10:15:02',
  line: 6,
  purchaseId: '13000000101',
  operationType: 'purchase',
  operationAt: '2025-03-01T10:15:02+05:00',
  settlementDate: '2025-03-02',
  grossTiyn: 450_000,
  netTiyn: 445_500,
};

const full: SalesReportRow = {
  ...base,
  feeTiyn: 4_500,
  paymentType: 'QR',
  paymentType2: 'Kaspi Gold',
  terminal: 'Алматы, Абая 1',
  docNumber: '77',
  cardMask: '440043******1234',
  details: 'Кофе 250 г, 3 шт.',
};

const variants: [string, Record<string, unknown>][] = [
  ['base', {}],
  ['refund', { operationType: 'refund', grossTiyn: -150_000, netTiyn: -148_500 }],
  ['no settlement', { settlementDate: null }],
  ['+06:00', { operationAt: '2024-02-01T10:15:02+06:00' }],
  ['wrong source', { source: '1c' }],
  ['empty external id', { externalId: '' }],
  ['long external id', { externalId: 'x'.repeat(401) }],
  ['line 0', { line: 0 }],
  ['fractional line', { line: 1.5 }],
  ['empty purchase id', { purchaseId: '' }],
  ['long purchase id', { purchaseId: '1'.repeat(65) }],
  ['unknown type', { operationType: 'sale' }],
  ['UTC moment', { operationAt: '2025-03-01T10:15:02Z' }],
  ['+07:00', { operationAt: '2025-03-01T10:15:02+07:00' }],
  ['settlement format', { settlementDate: '02.03.2025' }],
  ['float gross', { grossTiyn: 1.5 }],
  ['unsafe net', { netTiyn: 2 ** 53 }],
  ['string gross', { grossTiyn: '100' }],
  ['float fee', { feeTiyn: 0.5 }],
  ['long payment type', { paymentType: 'x'.repeat(101) }],
  ['long terminal', { terminal: 'x'.repeat(201) }],
  ['long doc', { docNumber: 'x'.repeat(65) }],
  ['long card mask', { cardMask: 'x'.repeat(33) }],
  ['long details', { details: 'x'.repeat(1001) }],
  ['number details', { details: 5 }],
  ['unknown key', { extra: 'x' }],
  ['missing purchase id', { purchaseId: undefined }],
];

describe('isValidReportRow agrees with salesReportRowSchema', () => {
  for (const start of [base, full]) {
    it.each(variants)(`%s (${start === base ? 'minimal' : 'full'} row)`, (_name, change) => {
      const row = { ...start, ...change } as Record<string, unknown>;
      for (const key of Object.keys(change)) if (change[key] === undefined) delete row[key];
      const zod = salesReportRowSchema.safeParse(row).success;
      expect(isValidReportRow(row as SalesReportRow)).toBe(zod);
    });
  }

  it('the variants cover both verdicts', () => {
    const verdicts = variants.map(([, change]) => salesReportRowSchema.safeParse({ ...full, ...change }).success);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(2);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(15);
  });
});
