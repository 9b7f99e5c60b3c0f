// Helpers for the reconciliation tests: paid till sales through the real SalesRepo (insert →
// qr_shown → paid with Kaspi's purchase id, which writes the order), done refunds through the real
// RefundsRepo, and small Kaspi report / 1C statement files.
import { RefundsRepo } from '../../../main/store/refunds-repo.js';
import { SalesRepo } from '../../../main/store/sales-repo.js';
import type { Db } from '../../../main/store/database.js';
import { REPORT_HEADER } from '../imports/helpers.js';

/** A sale paid through the state machine; `at` is UTC ISO (as the till stores it). */
export function paidSale(db: Db, sale: { id: string; amountTiyn: number; at: string; purchaseId: string | null; mode?: 'demo' | 'live' }): void {
  const sales = new SalesRepo(db);
  sales.insert({ id: sale.id, amountTiyn: sale.amountTiyn, description: null, mode: sale.mode ?? 'live', externalIdPrefix: 'kassa', at: sale.at });
  sales.transition(sale.id, 'qr_shown', { qr_shown_at: sale.at }, sale.at);
  sales.transition(sale.id, 'paid', sale.purchaseId === null ? { finished_at: sale.at } : { qr_payment_id: sale.purchaseId, finished_at: sale.at }, sale.at);
}

export function doneRefund(db: Db, refund: { id: string; saleId: string; amountTiyn: number; at: string }): void {
  new RefundsRepo(db).insert({ ...refund, method: 'manual', status: 'done' });
}

export interface ReportLine {
  purchaseId: string;
  /** 'dd.mm.yyyy' */
  date: string;
  time: string;
  /** 'dd.mm.yyyy' */
  settlement: string;
  type?: 'Покупка' | 'Возврат';
  /** Tenge text as Kaspi writes it, e.g. '4 500,00'. */
  gross: string;
  net: string;
}

export function reportCsv(lines: ReportLine[]): string {
  const rows = lines.map(
    (l, i) => `${i + 1};${l.purchaseId};${l.date};${l.time};${l.settlement};${l.type ?? 'Покупка'};QR;${l.gross};${l.net};0,00;0,00;;`,
  );
  return `\ufeff;Период:;01.03.2025 - 31.03.2025\r\n\r\n${REPORT_HEADER}\r\n${rows.join('\r\n')}\r\n`;
}

export interface StatementDoc {
  number: string;
  /** 'dd.mm.yyyy' */
  date: string;
  credit?: string;
  debit?: string;
  payer?: string;
  payerBin?: string;
  purpose?: string;
}

const ACCOUNT = 'KZ18722S000012345678';

/** A 1C statement (UTF-8 is accepted too) whose credits come from `payer` (default Kaspi Bank). */
/** `period`: the ДатаНачала / ДатаКонца the file declares (dd.mm.yyyy), when it declares one. */
export function statement1c(docs: StatementDoc[], period?: [string, string]): string {
  const lines = ['1CClientBankExchange', 'ВерсияФормата=1.01', 'Кодировка=Windows', `РасчСчет=${ACCOUNT}`];
  if (period) lines.push(`ДатаНачала=${period[0]}`, `ДатаКонца=${period[1]}`);
  for (const d of docs) {
    const incoming = d.credit !== undefined;
    lines.push(
      'СекцияДокумент=выписка',
      `НомерДокумента=${d.number}`,
      `ДатаДокумента=${d.date}`,
      `ПлательщикНаименование=${incoming ? (d.payer ?? 'АО "Kaspi Bank"') : 'ТОО "Тестовый магазин"'}`,
      ...(d.payerBin ? [`ПлательщикБИН_ИИН=${d.payerBin}`] : []),
      `ПлательщикИИК=${incoming ? 'KZ39722S000055556666' : ACCOUNT}`,
      `ПолучательИИК=${incoming ? ACCOUNT : 'KZ77722C000098765432'}`,
      incoming ? `СуммаПриход=${d.credit}` : `СуммаРасход=${d.debit}`,
      `ДатаОперации=${d.date}`,
      `НазначениеПлатежа=${d.purpose ?? 'Зачисление по операциям Kaspi Pay'}`,
      'КонецДокумента',
    );
  }
  lines.push('КонецФайла');
  return lines.join('\r\n') + '\r\n';
}
