// The loopback browser host: serves the built renderer and the handler registry over HTTP on
// 127.0.0.1 only. Two random per-launch tokens (cashier, customer) decide who may call what; every
// request must carry one (header for the API, query for SSE and the first page load). The first
// page load also sets a cookie for the page's later files: a value of its own that opens static
// files only, since cookies are shared by every port of 127.0.0.1 and must not carry a token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP } from '../../shared/bridge.js';
import { events, type Audience } from '../../shared/contract.js';
import { translate } from '../../shared/i18n/messages.js';
import type { KassaCore } from '../app-core.js';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveRendererPath } from '../renderer-files.js';

export interface HostOptions {
  core: KassaCore;
  rendererDir: string;
  port?: number;
  /** Where uploaded import files are spooled (deleted by the import service when done). */
  uploadsDir?: string;
  /** An upload that sends no byte for this long is given up (default UPLOAD_IDLE_MS). */
  uploadIdleMs?: number;
}

export interface RunningHost {
  origin: string;
  cashierUrl: string;
  customerUrl: string;
  close(): Promise<void>;
}

/** The session cookie's name: a cookie of 127.0.0.1 is sent to every port, so each till's has its own. */
const cookieName = (port: number) => `kassa_session_${port}`;
/** A browser without its token (a restarted browser, a copied address): the page says so in every language. */
const UNAUTHORIZED_PAGE = (['ru', 'kk', 'en'] as const).map((locale) => translate(locale, 'host.unauthorized')).join('\n');
const HEARTBEAT_MS = 15_000;
/**
 * A file that stops arriving. An upload that is slow but moving is never cut: a 1 GiB statement from a
 * network share may take longer than Node's default deadline for a whole request (5 minutes), which
 * this host therefore turns off (headers still have Node's 60 s).
 */
const UPLOAD_IDLE_MS = 60_000;

/** The Host headers that address this host on `port` (a browser leaves the default port 80 out). */
export function ownHostNames(port: number): string[] {
  const names = [`127.0.0.1:${port}`, `localhost:${port}`];
  return port === 80 ? [...names, '127.0.0.1', 'localhost'] : names;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const tokens: Record<Audience, string> = {
    cashier: randomBytes(32).toString('base64url'),
    customer: randomBytes(32).toString('base64url'),
  };
  const sessions: Record<Audience, string> = {
    cashier: randomBytes(32).toString('base64url'),
    customer: randomBytes(32).toString('base64url'),
  };
  const match = (secrets: Record<Audience, string>, value: string | undefined | null): Audience | null => {
    if (!value) return null;
    for (const audience of ['cashier', 'customer'] as const) if (sameToken(value, secrets[audience])) return audience;
    return null;
  };
  const audienceOf = (token: string | undefined | null): Audience | null => match(tokens, token);
  const sse = new Set<{ res: ServerResponse; audience: Audience }>();
  let port = options.port ?? 0;

  const server: Server = createServer({ requestTimeout: 0 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    // DNS-rebinding guard: only our own loopback names may address us.
    if (!ownHostNames(port).includes(req.headers.host ?? '')) return sendText(res, 421, 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith(HTTP.apiPrefix)) {
      const audience = audienceOf(header(req, HTTP.tokenHeader));
      if (!audience) return sendJson(res, 401, { ok: false, error: { code: 'unauthorized' } });
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'unknown_channel' } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid_request', params: { field: 'content-type' } } });
      }
      const body = await readBody(req, HTTP.maxBodyBytes);
      if (body === 'too_large') return sendJson(res, 413, { ok: false, error: { code: 'payload_too_large' } });
      let payload: unknown;
      try {
        payload = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_request', params: { field: 'json' } } });
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(HTTP.apiPrefix.length));
      } catch {
        return sendJson(res, 404, { ok: false, error: { code: 'unknown_channel' } });
      }
      return sendJson(res, 200, await options.core.invoke(channel, payload, audience));
    }

    if (url.pathname === HTTP.uploadPath) {
      if (audienceOf(header(req, HTTP.tokenHeader)) !== 'cashier') {
        return sendJson(res, 401, { ok: false, error: { code: 'unauthorized' } });
      }
      if (req.method !== 'POST' || !options.uploadsDir) return sendJson(res, 405, { ok: false, error: { code: 'unknown_channel' } });
      return receiveUpload(req, res, url.searchParams.get('name') ?? 'upload', options.uploadsDir, options.core, options.uploadIdleMs ?? UPLOAD_IDLE_MS);
    }

    if (url.pathname === HTTP.eventsPath) {
      const audience = audienceOf(url.searchParams.get(HTTP.tokenQuery));
      if (!audience) return sendText(res, 401, 'Unauthorized');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const client = { res, audience };
      sse.add(client);
      req.on('close', () => sse.delete(client));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const byToken = audienceOf(url.searchParams.get(HTTP.tokenQuery));
    if (!byToken && !match(sessions, cookie(req, cookieName(port)))) return sendText(res, 401, UNAUTHORIZED_PAGE);
    if (byToken) res.setHeader('set-cookie', `${cookieName(port)}=${sessions[byToken]}; HttpOnly; SameSite=Strict; Path=/`);
    const resolved = resolveRendererPath(options.rendererDir, url.pathname);
    if (!resolved.ok) return sendText(res, 404, 'Not found');
    let content: Buffer;
    try {
      content = await readFile(resolved.filePath);
    } catch {
      return sendText(res, 404, 'Not found');
    }
    res.writeHead(200, { 'content-type': contentTypeFor(resolved.filePath), 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  const unsubscribe = options.core.onEvent((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sse) if (events[name].audience.includes(client.audience)) client.res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sse) client.res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    cashierUrl: `${origin}/?${HTTP.tokenQuery}=${tokens.cashier}`,
    customerUrl: `${origin}/customer?${HTTP.tokenQuery}=${tokens.customer}`,
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of sse) client.res.end();
      sse.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Spools a file the manager chose to disk (streamed, size-capped), then hands it to the import service. */
async function receiveUpload(req: IncomingMessage, res: ServerResponse, name: string, dir: string, core: KassaCore, idleMs: number): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > HTTP.maxUploadBytes) {
    req.resume();
    return sendJson(res, 413, { ok: false, error: { code: 'payload_too_large' } });
  }
  const path = join(dir, `${randomBytes(12).toString('hex')}.upload`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > HTTP.maxUploadBytes ? new Error('too_large') : null, chunk);
    },
  });
  // no byte for idleMs: the sender is gone (a total deadline would cut a slow but moving upload)
  req.setTimeout(idleMs, () => req.destroy(new Error('upload_idle')));
  try {
    await mkdir(dir, { recursive: true });
    await pipeline(req, limit, createWriteStream(path, { mode: 0o600 }));
    req.setTimeout(0); // the connection may carry other requests next
  } catch (error) {
    req.resume();
    await rm(path, { force: true }).catch(() => {}); // nothing there to remove when the folder is what failed
    if (error instanceof Error && error.message === 'too_large') return sendJson(res, 413, { ok: false, error: { code: 'payload_too_large' } });
    // the data folder's disk, not the file: said as such (the same disk holds the database)
    const disk = spoolErrorCode(error);
    if (disk) return sendJson(res, disk === 'storage_full' ? 507 : 500, { ok: false, error: { code: disk } });
    return sendJson(res, 400, { ok: false, error: { code: 'invalid_request', params: { field: 'file' } } });
  }
  const fileName = basename(name.replaceAll('\\', '/')).slice(0, 200) || 'upload';
  let uploadId: string;
  try {
    uploadId = core.registerUpload({ path, fileName, size, temporary: true });
  } catch (error) {
    await rm(path, { force: true }); // Kassa is closing: the spooled copy must not stay behind
    throw error;
  }
  sendJson(res, 200, { ok: true, data: { uploadId } });
}

/** A file system error while spooling an upload: the disk full, or the uploads folder not writable. */
function spoolErrorCode(error: unknown): 'storage_full' | 'storage_failed' | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'storage_full';
  if (typeof code === 'string' && ['EACCES', 'EPERM', 'EROFS', 'EIO', 'ENOTDIR', 'EEXIST'].includes(code)) return 'storage_failed';
  return null;
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too_large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
