// The pure half of the kassa://app protocol: which URLs are ours, which file a request maps to (with the
// path-traversal guard), its content type, and the CSP sent with every response. No electron import, so
// test/unit/protocol-paths.test.ts runs it under plain Node.
import nodePath from 'node:path';

export const APP_SCHEME = 'kassa';
export const APP_HOST = 'app';
/** Chromium's origin for a `standard` custom scheme. (Node's URL says "null" for it: compare parts, not `.origin`.) */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const CASHIER_URL = `${APP_ORIGIN}/`;
export const CUSTOMER_URL = `${APP_ORIGIN}/customer`;

/** Sent as a response header with every kassa://app response (security checklist item 7). */
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

/** True only for kassa://app/... — the one origin our windows may show and IPC may come from. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Requests the renderer session may make at all: our own origin, plus what Chromium itself uses for
 * in-page data (data:, blob:) and the DevTools front end in development. Everything else (http, https,
 * ws, file, ftp ...) is cancelled: the renderer talks to main over IPC only; Kaspi is called from main.
 */
export function isAllowedRendererRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}

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

/** Headers for every kassa://app response, errors included. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
