// A reason code + params as a sentence from the shared catalogue (the CLI speaks English unless told
// otherwise), or its error message; an unknown code as the code itself.
import type { Locale } from '../../../shared/domain.js';
import { reasonOrErrorText, type ImportReason } from '../../../shared/i18n/import-reason.js';

export function reasonText(reason: ImportReason, locale: Locale = 'en'): string {
  return reasonOrErrorText(locale, reason);
}
