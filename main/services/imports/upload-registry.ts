// Files the manager picked, known by a random upload id (the renderer never sends a path). A
// temporary upload (a copy the HTTP host received) is deleted once imported, when it expires, or
// when the service closes; the manager's own file (Electron's picker, the CLI) is never deleted.
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app-error.js';

export interface Upload {
  id: string;
  path: string;
  fileName: string;
  size: number;
  temporary: boolean;
}

/** How long an upload waits for its commit. */
export const DEFAULT_UPLOAD_TTL_MS = 60 * 60 * 1000;

export class UploadRegistry {
  private readonly uploads = new Map<string, { upload: Upload; timer: NodeJS.Timeout }>();

  constructor(private readonly ttlMs = DEFAULT_UPLOAD_TTL_MS) {}

  register(file: Omit<Upload, 'id'>): string {
    const id = randomBytes(16).toString('base64url'); // 22 url-safe characters
    const timer = setTimeout(() => this.remove(id), this.ttlMs);
    timer.unref();
    this.uploads.set(id, { upload: { ...file, id }, timer });
    return id;
  }

  /** The upload, its expiry pushed back: a manager still looking at a preview keeps the file. */
  require(id: string): Upload {
    const entry = this.uploads.get(id);
    if (!entry) throw new AppError('import_upload_not_found');
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.remove(id), this.ttlMs);
    entry.timer.unref();
    return entry.upload;
  }

  /** Forgets the upload and deletes its file when it was temporary. */
  remove(id: string): void {
    const entry = this.uploads.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.uploads.delete(id);
    if (entry.upload.temporary) deleteQuietly(entry.upload.path);
  }

  clear(): void {
    for (const id of [...this.uploads.keys()]) this.remove(id);
  }
}

/** A file another program holds open (antivirus, Windows) must not crash the till from a timer. */
function deleteQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // left for the sweep at the next start
  }
}

/** Spooled uploads left by a crash or power cut (they may hold card masks): removed at start. */
export function sweepUploads(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith('.upload')) deleteQuietly(join(dir, name));
}
