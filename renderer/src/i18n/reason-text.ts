// An import reason ({code, params} from a preview, a failed commit or a file problem) as a sentence:
// `import.reason.<code>` from the catalogue; params named `…Tiyn` are amounts and shown as tenge,
// a missing one as "?"; a code that is no import reason falls back to the error messages, and one
// known to neither is shown as it came (better than a vague "internal error").
import type { Locale } from '../../../shared/domain.js';
import { catalogues, errorMessage, translate, type MessageParams } from '../../../shared/i18n/messages.js';
import { formatTenge } from '../../../shared/money.js';

export interface Reason {
  code: string;
  params?: Record<string, string | number | boolean | null> | undefined;
}

function reasonParams(template: string, params: Reason['params']): MessageParams {
  const out: MessageParams = {};
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    const value = params?.[name!];
    if (value === undefined || value === null) out[name!] = '?';
    else if (name!.endsWith('Tiyn') && typeof value === 'number' && Number.isSafeInteger(value)) out[name!] = formatTenge(value);
    else out[name!] = String(value);
  }
  return out;
}

export function reasonText(locale: Locale, reason: Reason): string {
  const key = `import.reason.${reason.code}`;
  const template = (catalogues[locale] as Record<string, string>)[key] ?? (catalogues.ru as Record<string, string>)[key];
  if (template !== undefined) return translate(locale, key, reasonParams(template, reason.params));
  // Not an import reason (import_busy, network...): the contract's error messages.
  if (!Object.hasOwn(catalogues.ru, `error.${reason.code}`)) return reason.code;
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) if (value !== null) params[name] = typeof value === 'boolean' ? String(value) : value;
  return errorMessage(locale, reason.code, params);
}

/** Why a sale ended without payment; a Kaspi refusal names Kaspi's own reason (or its code). */
export function saleErrorText(locale: Locale, sale: { errorCode: string; kaspiStatus: string | null }): string {
  const code = sale.errorCode === 'kaspi_rejected' ? (sale.kaspiStatus ?? '?') : undefined;
  return errorMessage(locale, sale.errorCode, code === undefined ? undefined : { code });
}
