// A reason code + params as a sentence from the shared catalogue (`import.reason.<code>`; the CLI
// speaks English): amounts named `…Tiyn` are formatted as tenge, a missing param shows as "?", an
// unknown code as the code itself.
import type { Locale } from '../../../shared/domain.js';
import { catalogues } from '../../../shared/i18n/messages.js';
import { formatTenge } from '../../../shared/money.js';

export function reasonText(
  reason: { code: string; params?: Record<string, string | number | boolean | null> },
  locale: Locale = 'en',
): string {
  const template = (catalogues[locale] as Record<string, string>)[`import.reason.${reason.code}`];
  if (template === undefined) return reason.code;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = reason.params?.[name];
    if (value === undefined || value === null) return '?';
    if (name.endsWith('Tiyn') && typeof value === 'number' && Number.isSafeInteger(value)) return formatTenge(value);
    return String(value);
  });
}
