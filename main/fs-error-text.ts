// A file system error in words ("permission denied"), not Node's "EACCES: …, open '…'"; null when it is none.
const PLAIN: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EBUSY: 'the file is in use by another program',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'a file stands where a folder should be',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

export function fsErrorText(error: unknown): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code in PLAIN)) return null;
  const path = (error as { path?: unknown }).path;
  return typeof path === 'string' ? `${path}: ${PLAIN[code]}` : PLAIN[code]!;
}
