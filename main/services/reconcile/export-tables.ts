// The two reconciliation views as plain tables in the app's language (the one ru/kk/en catalogue,
// the screen's column names and signs), amounts in tenge as numbers, and a closing total row.
import type { Locale } from '../../../shared/domain.js';
import { translate, type MessageKey } from '../../../shared/i18n/messages.js';
import { dayStatus } from '../../../shared/reconcile-notes.js';
import type { ExportTable, LocalDateCell } from './cell-escape.js';
import type { SettlementDay } from './report-bank.js';
import type { Pair } from './till-report.js';

/** Excel refuses sheet names longer than 31 characters. */
const SHEET_NAME_MAX = 31;

const tenge = (tiyn: number | null): number | null => (tiyn === null ? null : tiyn / 100);

/** '2025-03-01T10:15:02+05:00' → 01.03.2025 10:15:02 (Almaty time, as the report writes it), a date cell. */
function localDate(iso: string): LocalDateCell | string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(iso);
  return m ? { ymd: m[1]!, time: m[2] ?? null } : iso;
}

function texts(locale: Locale) {
  const t = (key: MessageKey) => translate(locale, key);
  return {
    t,
    money: (key: MessageKey) => `${t(key)}, ₸`,
    yesNo: (yes: boolean) => t(yes ? 'export.yes' : 'export.no'),
    sheet: (key: MessageKey) => t(key).slice(0, SHEET_NAME_MAX),
  };
}

/** Difference = report − till, as on the screen; none when a side is missing. */
export function tillReportTable(pairs: Pair[], totals: { till: number; report: number }, locale: Locale): ExportTable {
  const { t, money, yesNo, sheet } = texts(locale);
  const rows = pairs.map((p) => [
    t(`reconcile.status.${p.status}`),
    t(`reconcile.kind.${p.kind}`),
    p.purchaseId,
    p.orderNumber,
    p.saleId,
    localDate(p.at),
    tenge(p.tillTiyn),
    tenge(p.reportTiyn),
    p.tillTiyn === null || p.reportTiyn === null ? null : tenge(p.reportTiyn - p.tillTiyn),
    p.kind === 'refund' ? null : yesNo(p.reconciled), // refund pairs are never marked: no "No" for them
    // the side dated in another period counts in that period's totals, not in this file's Total row
    p.counterpartOutside === null ? null : t(`reconcile.outside.${p.counterpartOutside}`),
  ]);
  // the rows' sides dated in another period, summed: the column sums less this row are the Total row
  const outsideTill = pairs.reduce((sum, p) => sum + (p.counterpartOutside === 'till' ? (p.tillTiyn ?? 0) : 0), 0);
  const outsideReport = pairs.reduce((sum, p) => sum + (p.counterpartOutside === 'report' ? (p.reportTiyn ?? 0) : 0), 0);
  if (pairs.some((p) => p.counterpartOutside !== null)) {
    rows.push([t('export.outsideRow'), null, null, null, null, null, tenge(outsideTill), tenge(outsideReport), null, null, null]);
  }
  rows.push([t('reconcile.total'), null, null, null, null, null, tenge(totals.till), tenge(totals.report), tenge(totals.report - totals.till), null, null]);
  return {
    sheetName: sheet('export.sheet.leg1'),
    headers: [
      t('export.col.status'),
      t('export.col.operation'),
      t('export.col.purchase'),
      t('export.col.receipt'),
      t('export.col.sale'),
      t('export.col.at'),
      money('reconcile.col.till'),
      money('reconcile.col.report'),
      money('reconcile.leg1Difference'),
      t('export.col.reconciled'),
      t('export.col.outside'),
    ],
    rows,
    moneyColumns: [6, 7, 8],
  };
}

/** Difference = bank − report, as on the screen. */
export function reportBankTable(days: SettlementDay[], totals: { report: number; bank: number }, locale: Locale): ExportTable {
  const { t, money, yesNo, sheet } = texts(locale);
  // a day no imported statement covers, or one of refunds only, is not "No": worded as on the screen
  const matched = (d: SettlementDay) => {
    const status = dayStatus(d);
    return status === 'no_statement' ? t('reconcile.dayNoStatement') : status === 'refunds' ? t('reconcile.dayRefunds') : yesNo(status === 'matched');
  };
  const rows = days.map((d) => [localDate(d.date), tenge(d.reportNetTiyn), tenge(d.bankCreditTiyn), tenge(d.differenceTiyn), matched(d)]);
  rows.push([t('reconcile.total'), tenge(totals.report), tenge(totals.bank), tenge(totals.bank - totals.report), null]);
  return {
    sheetName: sheet('export.sheet.leg2'),
    headers: [
      t('reconcile.col.settlementDay'),
      money('reconcile.col.reportNet'),
      money('reconcile.col.bankCredit'),
      money('reconcile.col.bankDifference'),
      t('export.col.dayMatched'),
    ],
    rows,
    moneyColumns: [1, 2, 3],
  };
}
