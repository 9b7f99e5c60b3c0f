// An import reason ({code, params} from a preview, a failed commit or a file problem) as a sentence
// (shared/i18n/import-reason.ts); a code that is no import reason falls back to the error messages,
// and one known to neither is shown as it came (better than a vague "internal error").
import type { Locale } from '../../../shared/domain.js';
import { importReasonText, type ImportReason } from '../../../shared/i18n/import-reason.js';
import { catalogues, errorMessage, type MessageParams } from '../../../shared/i18n/messages.js';

export type Reason = ImportReason;

export function reasonText(locale: Locale, reason: Reason): string {
  const text = importReasonText(locale, reason);
  if (text !== undefined) return text;
  // Not an import reason (import_busy, network...): the contract's error messages.
  if (!Object.hasOwn(catalogues.ru, `error.${reason.code}`)) return reason.code;
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) if (value !== null) params[name] = typeof value === 'boolean' ? String(value) : value;
  return errorMessage(locale, reason.code, params);
}

/** Why a sale ended without payment; a Kaspi refusal names Kaspi's own reason (or its code). */
export function saleErrorText(locale: Locale, sale: { errorCode: string; kaspiStatus: string | null }): string {
  const code = sale.errorCode === 'kaspi_rejected' || sale.errorCode === 'create_unavailable' ? sale.kaspiStatus : null;
  return errorMessage(locale, sale.errorCode, code === null ? undefined : { code });
}
