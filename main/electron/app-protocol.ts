// Serves the built renderer (dist/renderer) on kassa://app/ instead of file:// (security checklist
// item 18): a real origin for CSP 'self', no file:// privileges, and one place that decides which files
// a window may load. The path rules live in protocol-paths.ts (unit-tested without Electron).
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import {
  APP_HOST,
  APP_SCHEME,
  contentTypeFor,
  resolveRendererPath,
  responseHeaders,
} from './protocol-paths.js';

/** Must run before `app.whenReady()`: privileges can only be granted at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: a real origin (kassa://app) with relative URLs; secure: a secure context like https;
      // supportFetchAPI: fetch('/...') works. No bypassCSP, no corsEnabled, no service workers.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** Serves `rendererDir` on kassa://app for `session` (after ready). */
export function handleAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => serve(request, rendererDir));
}

async function serve(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Bad Request');
  }
  if (url.host.toLowerCase() !== APP_HOST) return plain(404, 'Not Found');

  const resolved = resolveRendererPath(rendererDir, url.pathname);
  if (!resolved.ok) return plain(resolved.status, resolved.status === 400 ? 'Bad Request' : 'Forbidden');

  let body: Buffer;
  try {
    body = await readFile(resolved.filePath);
  } catch {
    return plain(404, 'Not Found');
  }
  const headers = responseHeaders(contentTypeFor(resolved.filePath));
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}
