// An import reason ({code, params} from a parser, a preview or a commit) as a sentence of the shared
// catalogue: `import.reason.<code>`. Params are filled in as the reader needs them: named `…Tiyn`,
// an amount in tenge; named `…Day` (yyyy-mm-dd), the day as dd.mm.yyyy; a value with a word of its own (`import.param.<name>.<value>`, e.g. what a JSON
// file held instead of a list), that word; missing, "?". Used by the screens and the CLI alike.
import type { Locale } from '../domain.js';
import { formatTenge } from '../money.js';
import { catalogues, errorMessage, translate, type MessageParams } from './messages.js';

export interface ImportReason {
  code: string;
  params?: Record<string, string | number | boolean | null> | undefined;
}

const ru = catalogues.ru as Record<string, string>;
/**
 * Params whose values have words elsewhere in the catalogue (else `import.param.<name>.<value>`): a
 * CSV mapping's date format as the mapping form names it (ДД.ММ.ГГГГ); a file system error's code
 * (read_failed) as "permission denied".
 */
const WORDS_OF: Record<string, string> = { format: 'import.mapping.dateFormat.', message: 'fs.' };
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** The sentence, or undefined when the code is no import reason. */
export function importReasonText(locale: Locale, reason: ImportReason): string | undefined {
  const key = `import.reason.${reason.code}`;
  const template = ru[key];
  if (template === undefined) return undefined;
  const params: MessageParams = {};
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    const value = reason.params?.[name!];
    const word = `${WORDS_OF[name!] ?? `import.param.${name}.`}${String(value)}`;
    if (value === undefined || value === null) params[name!] = '?';
    else if (name!.endsWith('Tiyn') && typeof value === 'number' && Number.isSafeInteger(value)) params[name!] = formatTenge(value);
    else if (name!.endsWith('Day') && typeof value === 'string' && YMD.test(value)) params[name!] = value.split('-').reverse().join('.');
    else if (Object.hasOwn(ru, word)) params[name!] = translate(locale, word);
    else params[name!] = String(value);
  }
  return translate(locale, key, params);
}

/**
 * An import reason as a sentence; a code that is no import reason (import_busy, storage_busy, network…)
 * falls back to the error messages, and one known to neither is given as it came (better than a vague
 * "internal error"). The screens and the CLI alike.
 */
export function reasonOrErrorText(locale: Locale, reason: ImportReason): string {
  const text = importReasonText(locale, reason);
  if (text !== undefined) return text;
  if (!Object.hasOwn(catalogues.ru, `error.${reason.code}`)) return reason.code;
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) if (value !== null) params[name] = typeof value === 'boolean' ? String(value) : value;
  return errorMessage(locale, reason.code, params);
}
