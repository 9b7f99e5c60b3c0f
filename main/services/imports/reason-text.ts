// A reason code + params as a sentence in one language (the CLI speaks English): amounts named
// `…Tiyn` are formatted as tenge, a missing param shows as "?", an unknown code as the code itself.
import { formatTenge } from '../../../shared/money.js';
import { reasonCatalogues, type ReasonMessageKey } from './reason-messages.js';

export type ReasonLocale = keyof typeof reasonCatalogues;

export function reasonText(
  reason: { code: string; params?: Record<string, string | number | boolean | null> },
  locale: ReasonLocale = 'en',
): string {
  const template = (reasonCatalogues[locale] as Record<string, string>)[`import.reason.${reason.code}` as ReasonMessageKey];
  if (template === undefined) return reason.code;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = reason.params?.[name];
    if (value === undefined || value === null) return '?';
    if (name.endsWith('Tiyn') && typeof value === 'number' && Number.isSafeInteger(value)) return formatTenge(value);
    return String(value);
  });
}
