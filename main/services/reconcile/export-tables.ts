// The two reconciliation views as plain tables with Russian headers (the manager's accountant reads
// Russian), amounts in tenge as numbers, and a closing "Итого" row.
import type { ExportTable } from './cell-escape.js';
import type { SettlementDay } from './report-bank.js';
import type { Pair, PairStatus } from './till-report.js';

const STATUS_RU: Record<PairStatus, string> = {
  matched: 'Совпадает',
  amount_differs: 'Сумма различается',
  only_till: 'Только в кассе',
  only_report: 'Только в отчёте Kaspi',
};

const tenge = (tiyn: number | null): number | null => (tiyn === null ? null : tiyn / 100);

/** '2025-03-01T10:15:02+05:00' → '01.03.2025 10:15:02' (Almaty time, as the report writes it). */
function localText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}${m[4] ? ` ${m[4]}` : ''}` : iso;
}

export function tillReportTable(pairs: Pair[], totals: { till: number; report: number }): ExportTable {
  const rows = pairs.map((p) => [
    STATUS_RU[p.status],
    p.purchaseId,
    p.orderNumber,
    p.saleId,
    localText(p.at),
    tenge(p.tillTiyn),
    tenge(p.reportTiyn),
    tenge((p.tillTiyn ?? 0) - (p.reportTiyn ?? 0)),
    p.reconciled ? 'Да' : 'Нет',
  ]);
  rows.push(['Итого', null, null, null, null, tenge(totals.till), tenge(totals.report), tenge(totals.till - totals.report), null]);
  return {
    sheetName: 'Касса и отчёт Kaspi',
    headers: [
      'Статус',
      'Номер заказа (ID/RRN)',
      'Номер чека',
      'Продажа в кассе',
      'Дата и время',
      'Сумма в кассе (т)',
      'Сумма в отчёте (т)',
      'Разница (т)',
      'Сверено',
    ],
    rows,
    moneyColumns: [5, 6, 7],
  };
}

export function reportBankTable(days: SettlementDay[], totals: { report: number; bank: number }): ExportTable {
  const rows = days.map((d) => [
    localText(d.date),
    tenge(d.reportNetTiyn),
    tenge(d.bankCreditTiyn),
    tenge(d.differenceTiyn),
    d.matched ? 'Да' : 'Нет',
  ]);
  rows.push(['Итого', tenge(totals.report), tenge(totals.bank), tenge(totals.bank - totals.report), null]);
  return {
    sheetName: 'Отчёт Kaspi и банк',
    headers: ['Дата учета операции', 'К зачислению по отчёту (т)', 'Зачислено банком (т)', 'Разница (т)', 'Совпадает'],
    rows,
    moneyColumns: [1, 2, 3],
  };
}
