// A file system error in words ("permission denied"), not Node's "EACCES: …, open '…'"; null when it is none.
import type { Locale } from '../shared/domain.js';
import { translate } from '../shared/i18n/messages.js';

const KEY: Record<string, string> = {
  ENOENT: 'fs.ENOENT',
  EACCES: 'fs.EACCES',
  EPERM: 'fs.EACCES',
  EBUSY: 'fs.EBUSY',
  EISDIR: 'fs.EISDIR',
  ENOTDIR: 'fs.ENOTDIR',
  EEXIST: 'fs.EEXIST',
  EROFS: 'fs.EROFS',
  ENOSPC: 'fs.ENOSPC',
};

export function fsErrorText(error: unknown, locale: Locale = 'en'): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in KEY)) return null;
  const words = translate(locale, KEY[code]!);
  const path = (error as { path?: unknown }).path;
  return typeof path === 'string' ? `${path}: ${words}` : words;
}

/**
 * What an import's read_failed reason carries as its `message`: the error's code when it has words of
 * its own (the screens and the CLI then say "permission denied" in the reader's language), else its text.
 */
export function readFailureMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in KEY) return KEY[code]!.slice('fs.'.length); // EPERM has EACCES's words
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
