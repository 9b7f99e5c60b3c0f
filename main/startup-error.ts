// Why Kassa could not start, in the manager's language: the data folder in use, its database damaged,
// newer than this Kassa, not writable, or the disk full — else the error as it came.
import type { Locale } from '../shared/domain.js';
import { translate } from '../shared/i18n/messages.js';
import { DataDirInUseError } from './store/data-dir-lock.js';
import { DatabaseOpenError } from './store/database.js';

export function startupErrorText(locale: Locale, error: unknown, dataDir: string): string {
  if (error instanceof DataDirInUseError) return translate(locale, 'error.data_dir_in_use', { dir: error.dataDir });
  if (error instanceof DatabaseOpenError) return translate(locale, `error.db_${error.reason}`, { dir: dataDir });
  return translate(locale, 'error.startup_failed', { details: error instanceof Error ? error.message : String(error) });
}
