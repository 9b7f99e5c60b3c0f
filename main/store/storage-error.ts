/**
 * SQLite refusing a write (or a read) is no bug of ours, and the log that would explain it may be on the same
 * full disk: the screen says what is wrong — a call's reply, an import's
 * failure alike. (Nothing was written: each write is one transaction.)
 */
export type StorageErrorCode = 'storage_full' | 'storage_readonly' | 'storage_busy' | 'storage_failed';

export function storageErrorCode(error: unknown): StorageErrorCode | null {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'storage_full';
  // a file Kassa writes beside the database (settings.json): the same folder, the same remedy
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'EROFS') return 'storage_readonly';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'storage_busy';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CORRUPT') return 'storage_failed';
  return null;
}
