// The bridge check shared by bank statements: opening + credits − debits must equal closing, and
// declared turnovers (1C ВсегоПоступило / ВсегоСписано) must equal the documents' sums. A failure is a
// file-level problem: the rows are still shown, the manager decides.
import { reason, type Reason } from './reason-codes.js';

export interface BalanceFigures {
  /** The account the figures belong to. */
  account: string;
  /** MT940: the statement's :20: reference (one figure set per statement). */
  statement?: string;
  openingTiyn: number | null;
  closingTiyn: number | null;
  /** Sums of the valid rows read. */
  creditsTiyn: number;
  debitsTiyn: number;
  /** What the file itself declares, when it does. */
  declaredCreditsTiyn: number | null;
  declaredDebitsTiyn: number | null;
  /** true = bridge holds, false = it does not, null = could not be checked. */
  balanced: boolean | null;
}

export function emptyFigures(account: string): BalanceFigures {
  return {
    account,
    openingTiyn: null,
    closingTiyn: null,
    creditsTiyn: 0,
    debitsTiyn: 0,
    declaredCreditsTiyn: null,
    declaredDebitsTiyn: null,
    balanced: null,
  };
}

export function addMovement(figures: BalanceFigures, amountTiyn: number): void {
  if (amountTiyn >= 0) figures.creditsTiyn += amountTiyn;
  else figures.debitsTiyn -= amountTiyn;
}

/** Fills `balanced` and returns the problems found. */
export function checkBalance(figures: BalanceFigures): Reason[] {
  const problems: Reason[] = [];
  const { openingTiyn, closingTiyn, creditsTiyn, debitsTiyn } = figures;
  const account = figures.statement === undefined ? figures.account : `${figures.account} (${figures.statement})`;
  if (figures.declaredCreditsTiyn !== null && figures.declaredCreditsTiyn !== creditsTiyn) {
    problems.push(
      reason('turnover_mismatch', { account, kind: 'credits', declaredTiyn: figures.declaredCreditsTiyn, actualTiyn: creditsTiyn }),
    );
  }
  if (figures.declaredDebitsTiyn !== null && figures.declaredDebitsTiyn !== debitsTiyn) {
    problems.push(
      reason('turnover_mismatch', { account, kind: 'debits', declaredTiyn: figures.declaredDebitsTiyn, actualTiyn: debitsTiyn }),
    );
  }
  if (openingTiyn === null || closingTiyn === null) {
    figures.balanced = null;
    problems.push(reason('balance_unchecked', { account, which: openingTiyn === null ? 'opening' : 'closing' }));
    return problems;
  }
  const expected = openingTiyn + creditsTiyn - debitsTiyn;
  figures.balanced = expected === closingTiyn && problems.length === 0;
  if (expected !== closingTiyn) {
    problems.push(
      reason('balance_mismatch', {
        account,
        openingTiyn,
        creditsTiyn,
        debitsTiyn,
        closingTiyn,
        differenceTiyn: closingTiyn - expected,
      }),
    );
  }
  return problems;
}
