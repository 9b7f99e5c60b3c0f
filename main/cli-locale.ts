// The language `kassa import` / `kassa reconcile` speak to people: --lang, else KASSA_LANG, else the
// shop's own setting in the data folder, else Russian (the app's default). --json output stays in
// English, whatever the language: it is read by programs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeSchema, type Locale } from '../shared/domain.js';

export function cliLocale(dataDir: string, flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  for (const candidate of [flag, env.KASSA_LANG]) {
    const parsed = localeSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  try {
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { locale?: unknown };
    const parsed = localeSchema.safeParse(settings.locale);
    if (parsed.success) return parsed.data;
  } catch {
    // no settings yet, or unreadable: the default
  }
  return 'ru';
}
