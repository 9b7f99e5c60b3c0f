// Leg 2 of the reconciliation: the Kaspi report's net amounts grouped by settlement day
// (`Дата учета операции`, purchases and refunds alike) ↔ the bank statement's credits from Kaspi on
// that day.
//
// Which statement rows count as "credits from Kaspi":
//  * amount > 0 (a credit to our account), dated in the range; a credit reversed (MT940 RC, a
//    negative credit in a mapped CSV) counts negative, netted against the credit it takes back; a
//    debit reversed (RD) is no Kaspi credit;
//  * from Kaspi Bank (kaspi-payer.ts, in JS: SQLite folds the case of ASCII letters only): the
//    payer's BIN decides where the statement gives one (Kaspi Bank's 971240001315); else the
//    payer's name says Kaspi Bank (Latin or Cyrillic, any letter case); when the statement names no
//    payer at all (MT940, most mapped CSVs) the purpose must mention Kaspi Pay
//    (`Зачисление по операциям Kaspi Pay …`).
//  * one source per account and day: the same statement imported as 1C and as MT940 would count
//    twice, so for each (account, day) only the most detailed source present counts:
//    1C, then MT940, then mapped CSV, then Kaspi Gold lines.
//  * rows of no known account (a CSV mapped without one: 'unspecified') may be any account's
//    statement. On a day with no named account's rows they count. On a day with exactly one named
//    account they are taken for that account's statement, and the more detailed of the two counts.
//    On a day with several named accounts nothing says which one they copy: the named accounts
//    count and these rows are left out (never a named account dropped for them).
// Difference = bank credit − report net; a day matches when it is zero. A day with only refunds
// (negative net) shows a difference: Kaspi deducts it from a later credit.
import type { Db } from '../../store/database.js';
import { ImportsRepo } from '../../store/imports-repo.js';
import { UNSPECIFIED_ACCOUNT } from '../imports/csv-mapping.js';
import { KASPI_BANK_BIN, registerKaspiCredit } from './kaspi-payer.js';

export interface SettlementDay {
  date: string;
  reportNetTiyn: number;
  bankCreditTiyn: number;
  differenceTiyn: number;
  matched: boolean;
  /**
   * No Kaspi credit, and no imported statement of an account Kaspi settles into covers the day (by the
   * period it declares, or the span of its rows; not a day whose row it left out as already stored,
   * since undone; ImportsRepo.statementPeriods): its statement is missing, not Kaspi's payment.
   */
  noStatement: boolean;
}

export { KASPI_BANK_BIN };

const BANK_CREDITS = `
  WITH credits AS (
    SELECT date, account, amount_tiyn,
           CASE source WHEN '1c' THEN 1 WHEN 'mt940' THEN 2 WHEN 'csv' THEN 3 ELSE 4 END AS rank
    FROM statement_rows
    WHERE date BETWEEN @from AND @to AND (amount_tiyn > 0 AND reversal = 0 OR amount_tiyn < 0 AND reversal = 1)
      AND kaspi_credit(counterparty, counterparty_bin, purpose)
  ),
  best AS (SELECT date, account, MIN(rank) AS rank FROM credits GROUP BY date, account),
  named AS (SELECT date, MIN(rank) AS rank, COUNT(*) AS accounts FROM best WHERE account <> @unspecified GROUP BY date),
  loose AS (SELECT date, rank FROM best WHERE account = @unspecified)
  SELECT c.date AS date, SUM(c.amount_tiyn) AS credit
  FROM credits c JOIN best b ON b.date = c.date AND b.account = c.account AND b.rank = c.rank
  LEFT JOIN named n ON n.date = c.date
  LEFT JOIN loose l ON l.date = c.date
  WHERE CASE WHEN c.account = @unspecified THEN n.rank IS NULL OR (n.accounts = 1 AND c.rank < n.rank)
             ELSE l.rank IS NULL OR n.accounts > 1 OR l.rank >= n.rank END
  GROUP BY c.date`;

const REPORT_NET = `SELECT settlement_date AS date, SUM(net_tiyn) AS net FROM report_rows
  WHERE settlement_date BETWEEN @from AND @to GROUP BY settlement_date`;

/** Report rows operated in the range that have no settlement day (leg 2 cannot place them). */
export function unsettledRows(db: Db, from: string, to: string): { rows: number; netTiyn: number } {
  return db
    .prepare('SELECT COUNT(*) AS rows, COALESCE(SUM(net_tiyn), 0) AS netTiyn FROM report_rows WHERE operation_date BETWEEN ? AND ? AND settlement_date IS NULL')
    .get(from, to) as { rows: number; netTiyn: number };
}

/** Every day of the range that has report rows or Kaspi credits, in date order. */
export function settlementDays(db: Db, from: string, to: string): SettlementDay[] {
  const days = new Map<string, SettlementDay>();
  const day = (date: string): SettlementDay => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { date, reportNetTiyn: 0, bankCreditTiyn: 0, differenceTiyn: 0, matched: true, noStatement: false }));
    return d;
  };
  registerKaspiCredit(db);
  for (const r of db.prepare(REPORT_NET).all({ from, to }) as { date: string; net: number }[]) day(r.date).reportNetTiyn = r.net;
  for (const r of db.prepare(BANK_CREDITS).all({ from, to, unspecified: UNSPECIFIED_ACCOUNT }) as { date: string; credit: number }[]) day(r.date).bankCreditTiyn = r.credit;
  const list = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const periods = new ImportsRepo(db).statementPeriods(from, to);
  const covered = (date: string) => periods.some((p) => p.from <= date && date <= p.to);
  for (const d of list) {
    d.differenceTiyn = d.bankCreditTiyn - d.reportNetTiyn;
    d.matched = d.differenceTiyn === 0;
    d.noStatement = d.bankCreditTiyn === 0 && !covered(d.date);
  }
  return list;
}
