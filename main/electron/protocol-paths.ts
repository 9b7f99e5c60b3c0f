// The pure half of the kassa://app protocol: which URLs are ours and the headers of every response.
// The file mapping (path-traversal guard, content types, CSP) is main/renderer-files.ts, shared with
// the loopback host. No electron import, so test/unit/protocol-paths.test.ts runs it under plain Node.
import { CONTENT_SECURITY_POLICY } from '../renderer-files.js';

export { CONTENT_SECURITY_POLICY, contentTypeFor, isInside, resolveRendererPath, type ResolvedPath } from '../renderer-files.js';

export const APP_SCHEME = 'kassa';
export const APP_HOST = 'app';
/** Chromium's origin for a `standard` custom scheme. (Node's URL says "null" for it: compare parts, not `.origin`.) */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const CASHIER_URL = `${APP_ORIGIN}/`;
export const CUSTOMER_URL = `${APP_ORIGIN}/customer`;

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
