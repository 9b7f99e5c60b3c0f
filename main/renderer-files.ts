// The built renderer as files: which file a request path maps to (with the path-traversal guard), its
// content type, and the Content-Security-Policy of every page. Shared by both transports — the
// kassa://app protocol in Electron and the loopback host of `kassa serve` — and free of electron.
import nodePath from 'node:path';

/** Sent as a response header with every renderer response, on both transports (security checklist item 7). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ResolvedPath =
  | { ok: true; filePath: string; spaFallback: boolean }
  | { ok: false; status: 400 | 403 | 404 };

type PathApi = Pick<typeof nodePath, 'join' | 'resolve' | 'relative' | 'isAbsolute' | 'extname' | 'sep'>;

/**
 * Maps the (still percent-encoded) pathname of a kassa://app request to a file inside `rendererDir`.
 * - "/" and any path whose last segment has no extension ("/customer", "/settings/") -> index.html (SPA routes);
 * - anything that decodes to NUL, a backslash, a colon (drive letters, NTFS streams), a "." or ".."
 *   segment, a Windows device name, or lands outside the directory after resolution -> 403;
 * - malformed percent-encoding -> 400. Whether the file exists is the caller's business (404).
 * `pathApi` is injectable so the Windows rules (path.win32) are tested on Linux too.
 */
export function resolveRendererPath(
  rendererDir: string,
  encodedPathname: string,
  pathApi: PathApi = nodePath,
): ResolvedPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) {
    return { ok: false, status: 403 };
  }
  if (!decoded.startsWith('/')) decoded = `/${decoded}`;

  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.' || WINDOWS_DEVICE.test(s))) return { ok: false, status: 403 };

  const last = segments[segments.length - 1] ?? '';
  const spaFallback = last === '' || pathApi.extname(last) === '';
  const relativePath = spaFallback ? 'index.html' : segments.filter((s) => s !== '').join('/');

  const root = pathApi.resolve(rendererDir);
  const filePath = pathApi.resolve(root, relativePath);
  if (!isInside(root, filePath, pathApi)) return { ok: false, status: 403 };
  return { ok: true, filePath, spaFallback };
}

/** CON, NUL, COM1, LPT1.txt ... open devices, not files, on Windows. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The guard itself: `candidate` is `root` or below it, after resolution. */
export function isInside(root: string, candidate: string, pathApi: PathApi = nodePath): boolean {
  const rel = pathApi.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${pathApi.sep}`) && !pathApi.isAbsolute(rel);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[nodePath.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
