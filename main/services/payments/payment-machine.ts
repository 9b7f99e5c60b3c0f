// The sale state machine: which moves are legal. Pure; the payment service persists each move.
import type { SaleStatus } from '../../../shared/domain.js';

/**
 * Legal moves. `expired` and `cancelled` are closed on our side but Kaspi's word still wins:
 * a buyer who confirms in the app after the cashier gave up has paid, so those two may still
 * become `paid` (never the other way round). `paid` and `failed` are Kaspi's final answers.
 */
const LEGAL: Record<SaleStatus, readonly SaleStatus[]> = {
  created: ['qr_shown', 'failed', 'unknown', 'cancelled'],
  unknown: ['expired', 'failed'],
  qr_shown: ['scanned', 'paid', 'failed', 'expired', 'cancelled'],
  scanned: ['paid', 'failed', 'expired', 'cancelled'],
  expired: ['paid'],
  cancelled: ['paid'],
  paid: [],
  failed: [],
};

export type TransitionCheck = 'move' | 'same' | 'illegal';

/** 'same' means a re-delivery of the status the sale already has: accepted, nothing to write. */
export function checkTransition(from: SaleStatus, to: SaleStatus): TransitionCheck {
  if (from === to) return 'same';
  return LEGAL[from].includes(to) ? 'move' : 'illegal';
}

/** Kaspi's purchase statuses (§6 of the API notes). Anything else is tolerated as 'other'. */
export type KaspiPurchaseStatus = 'QrTokenCreated' | 'Wait' | 'Processed' | 'Error' | 'other';

export function kaspiStatusOf(raw: string): KaspiPurchaseStatus {
  return raw === 'QrTokenCreated' || raw === 'Wait' || raw === 'Processed' || raw === 'Error' ? raw : 'other';
}

/**
 * What a status read from Kaspi means for a sale in `from`. Returns null when it changes nothing
 * (an unknown status string, `Wait` after we already gave up, a stale `QrTokenCreated`).
 */
export function targetForKaspiStatus(from: SaleStatus, kaspi: KaspiPurchaseStatus): SaleStatus | null {
  const wanted: SaleStatus | null =
    kaspi === 'Processed' ? 'paid' : kaspi === 'Error' ? 'failed' : kaspi === 'Wait' ? 'scanned' : null;
  if (wanted === null) return null;
  const check = checkTransition(from, wanted);
  return check === 'move' ? wanted : null;
}

/** Kaspi reached a final answer for this purchase. */
export function isKaspiFinal(kaspi: KaspiPurchaseStatus): boolean {
  return kaspi === 'Processed' || kaspi === 'Error';
}
