// A file written whole or not at all: a temporary file beside it, flushed to disk, renamed over the old
// one. A write that fails half-way (a full disk, a share that went away) leaves the old file as it was.
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';

export function writeWhole(target: string, content: string | Uint8Array, mode = 0o666): void {
  const file = realTarget(target); // a link keeps pointing where it did: the file it names is replaced
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(temporary, 'w', mode);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    // said of the file asked for, not of the temporary one
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === temporary) (error as NodeJS.ErrnoException).path = target;
    throw error;
  }
}

function realTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file; // not there yet
  }
}
