// The language `kassa import` / `kassa reconcile` speak to people: --lang, else KASSA_LANG, else the
// shop's own setting in the data folder, else Russian (the app's default). --json output stays in
// English, whatever the language: it is read by programs.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localeSchema, type Locale } from '../shared/domain.js';
import { defaultDataDir } from './host/data-dir.js';

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

/** The value of `--name` as typed (`--name V` or `--name=V`), before `--`; read before parsing, for a wrong call too. */
function typedOption(args: readonly string[], name: string): string | undefined {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  for (const [i, arg] of options.entries()) {
    if (arg === `--${name}`) return options[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** The language of a command line, found before it is parsed: a wrong call is told in it too. */
export function localeOfArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  return cliLocale(resolve(typedOption(args, 'data-dir') ?? defaultDataDir(env)), typedOption(args, 'lang'), env);
}
