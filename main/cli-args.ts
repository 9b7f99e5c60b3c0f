// A wrong call of a `kassa` command, told in the language of the person who typed it: the message is
// a catalogue key, translated when it is printed; --json keeps its English form (`message`, `detail`).
import type { Locale } from '../shared/domain.js';
import { reasonOrErrorText, type ImportReason } from '../shared/i18n/import-reason.js';
import { translate, type MessageParams } from '../shared/i18n/messages.js';
import { fsErrorText } from './fs-error-text.js';

/** What went wrong, in words: a file system error by its meaning, not Node's "ENOENT: …, stat '…'". */
export function errorText(error: unknown, locale: Locale = 'en'): string {
  if (error instanceof UsageError) return error.text(locale);
  if (isReason(error)) return reasonOrErrorText(locale, error);
  return fsErrorText(error, locale) ?? (error instanceof Error ? error.message : String(error));
}

/** An import reason ({code, params}) given as the cause: its words from the catalogue. */
function isReason(value: unknown): value is ImportReason {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as { code?: unknown }).code === 'string';
}

/** Invalid input before the work starts: `usage`, or `read_failed` for a FILE that cannot be read. */
export class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params: MessageParams = {},
    readonly code: 'usage' | 'read_failed' = 'usage',
    /** Said as `{reason}` in the message, in the message's language. */
    readonly reason?: unknown,
  ) {
    super(translate('en', key, { ...params, ...(reason === undefined ? {} : { reason: errorText(reason) }) }));
  }

  text(locale: Locale): string {
    return translate(locale, this.key, { ...this.params, ...(this.reason === undefined ? {} : { reason: errorText(this.reason, locale) }) });
  }

  /** The reason alone (English), for --json's `read_failed`; else the whole message. */
  get detail(): string {
    return this.code === 'read_failed' && this.reason !== undefined ? errorText(this.reason) : this.message;
  }
}

/** node:util parseArgs's refusal as a UsageError (its own text is English only); anything else as it is. */
export function asUsageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError('cli.arg.unknownOption', { option: quoted });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError('cli.arg.unexpected', { arg: quoted });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(message.includes('does not take') ? 'cli.arg.noValue' : 'cli.arg.missingValue', { option: quoted.split(' ')[0]! });
  }
  return error;
}
