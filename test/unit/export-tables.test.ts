// The export tables' own choices: a refund pair (never marked) has no "Reconciled: No", and the
// sheet names fit Excel's 31 characters in every language without being cut mid-word.
import { describe, expect, it } from 'vitest';
import { reportBankTable, tillReportTable } from '../../main/services/reconcile/export-tables.js';
import { translate } from '../../shared/i18n/messages.js';
import type { ReconcileView } from '../../shared/import-domain.js';

type Pair = ReconcileView['tillVsReport']['pairs'][number];
const pair = (kind: Pair['kind'], reconciled: boolean): Pair => ({
  id: `${kind}:P-1`,
  kind,
  status: 'matched',
  purchaseId: 'P-1',
  saleId: 's-1',
  orderNumber: '000001',
  at: '2025-03-05T10:00:00+05:00',
  tillTiyn: kind === 'refund' ? -10_000 : 100_000,
  reportTiyn: kind === 'refund' ? -10_000 : 100_000,
  reconciled,
  counterpartOutside: null,
});

describe('export tables', () => {
  it('a refund pair has no Reconciled answer; a purchase pair says yes or no', () => {
    const table = tillReportTable([pair('purchase', true), pair('purchase', false), pair('refund', false)], { till: 0, report: 0 }, 'en');
    const column = table.headers.length - 2;
    expect(table.rows.slice(0, 3).map((row) => row[column])).toEqual([translate('en', 'export.yes'), translate('en', 'export.no'), null]);
  });

  it.each(['ru', 'kk', 'en'] as const)('%s: both sheet names are whole and fit 31 characters', (locale) => {
    const names = [tillReportTable([], { till: 0, report: 0 }, locale).sheetName, reportBankTable([], { report: 0, bank: 0 }, locale).sheetName];
    expect(names).toEqual([translate(locale, 'export.sheet.leg1'), translate(locale, 'export.sheet.leg2')]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });
});

describe('the report ↔ bank export', () => {
  it('a day no imported statement covers reads "no statement", not "No" (as on the screen)', () => {
    const day = (date: string, noStatement: boolean, bank: number) => ({
      date, reportNetTiyn: 99_000, bankCreditTiyn: bank, differenceTiyn: bank - 99_000, matched: bank === 99_000, noStatement,
    });
    const table = reportBankTable([day('2025-03-06', false, 99_000), day('2025-03-07', false, 0), day('2025-03-08', true, 0)], { report: 297_000, bank: 99_000 }, 'en');
    expect(table.rows.slice(0, 3).map((row) => row[4])).toEqual(['Yes', 'No', 'no statement']);
  });

  it('a day of refunds only (no credit comes: Kaspi takes them back later) reads "refunds only", as on the screen', () => {
    const table = reportBankTable(
      [{ date: '2025-03-03', reportNetTiyn: -148_500, bankCreditTiyn: 0, differenceTiyn: 148_500, matched: false, noStatement: false }],
      { report: -148_500, bank: 0 },
      'en',
    );
    expect(table.rows[0]![4]).toBe(translate('en', 'reconcile.dayRefunds'));
  });
});
