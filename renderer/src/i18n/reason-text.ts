// An import reason ({code, params} from a preview, a failed commit or a file problem) as a sentence
// (shared/i18n/import-reason.ts, falling back to the error messages); why a sale ended unpaid.
import type { Locale } from '../../../shared/domain.js';
import { reasonOrErrorText, type ImportReason } from '../../../shared/i18n/import-reason.js';
import { errorMessage } from '../../../shared/i18n/messages.js';

export type Reason = ImportReason;

/** The shared sentence of an import reason (or its error message), as the screens call it. */
export { reasonOrErrorText as reasonText };

/** Why a sale ended without payment; a Kaspi refusal names Kaspi's own reason (or its code). */
export function saleErrorText(locale: Locale, sale: { errorCode: string; kaspiStatus: string | null; kind?: 'qr' | 'link' }): string {
  // a payment link sent to the buyer's phone was not opened: there was no QR to scan
  if (sale.errorCode === 'scan_timeout' && sale.kind === 'link') return errorMessage(locale, 'link_timeout');
  const code = sale.errorCode === 'kaspi_rejected' || sale.errorCode === 'create_unavailable' ? sale.kaspiStatus : null;
  return errorMessage(locale, sale.errorCode, code === null ? undefined : { code });
}
