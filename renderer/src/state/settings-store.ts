// The Settings tab's own state: which call runs, what each section last said, the trade points
// Kaspi listed. The settings themselves live in the cashier store (SettingsView from main).
// No secret is ever kept here: the API key and the certificate go straight from the inputs to main.
import { create } from 'zustand';
import type { Reply } from '../../../shared/contract.js';
import type { ErrorParams } from '../api/api-error.js';

/** Parts of the tab that show their own feedback line. */
export type SettingsSection = 'mode' | 'connection' | 'secrets' | 'ping' | 'device';

export type SettingsFeedback =
  | { kind: 'ok'; key: string; params?: ErrorParams }
  /** A translated error code from main (errorMessage). */
  | { kind: 'api'; code: string; params?: ErrorParams | undefined }
  /** Refused before asking main (a malformed BIN, a too short key...). */
  | { kind: 'message'; key: string; params?: ErrorParams };

export type TradePoint = Reply<'kaspi.tradePoints'>['tradePoints'][number];

export interface SettingsUiState {
  /** The call on its way ('mode', 'apiKey', 'ping'...); one at a time. */
  pending: string | null;
  feedback: Partial<Record<SettingsSection, SettingsFeedback>>;
  /** null until "Load trade points" ran. */
  tradePoints: TradePoint[] | null;
  /** The trade point chosen in the select ('' = none). */
  tradePointId: string;
}

export const useSettingsUi = create<SettingsUiState>(() => ({
  pending: null,
  feedback: {},
  tradePoints: null,
  tradePointId: '',
}));
