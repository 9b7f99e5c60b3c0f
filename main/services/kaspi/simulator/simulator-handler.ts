// One HTTP request through the simulator: control routes (/_sim/*, loopback only), then fault rules,
// then Kaspi's own pipeline — route exists in this scheme? X-Request-ID, Api-Key / certificate,
// JSON body, OrganizationBin (r3) — and the handler. Protocol-level refusals use HTTP 4xx with an
// envelope (simulator choice); everything Kaspi documents as a StatusCode comes with HTTP 200.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { BadRequest, binField, type RouteRequest, type Version } from './route-kit.js';
import { toWireJson } from './sim-json.js';
import { authenticate, checkRequestId, type Rejection, type Scheme } from './simulator-auth.js';
import { CODES, fail, MESSAGES, type Envelope } from './simulator-codes.js';
import type { SimulatorControl } from './simulator-control.js';
import type { ActiveFault } from './simulator-faults.js';
import { findRoute } from './simulator-routes.js';
import type { SimState } from './simulator-state.js';

export interface HandlerOptions {
  /** Serve only this scheme's prefix; undefined = /r1, /r2 and /r3. */
  scheme?: Scheme;
  log?: (line: string) => void;
}

const MAX_BODY = 1 << 20;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const API_PATH = /^\/(r[123])\/(v0[12])\/(.+)$/;

/** An HTTP status with an envelope: a refusal or the handler's answer. */
type Answer = Rejection;

const notFound = (): Answer => ({ http: 404, envelope: fail(CODES.notFound, 'Метод не найден') });
const badRequest = (message: string): Answer => ({ http: 400, envelope: fail(CODES.badRequest, message) });

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, http: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(http, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/** Kaspi's pipeline for /rN/v0M/... (no faults). */
function answer(state: SimState, options: HandlerOptions, req: IncomingMessage, url: URL, raw: string): Answer {
  const match = API_PATH.exec(url.pathname);
  if (!match) return notFound();
  const scheme = match[1] as Scheme;
  const version = match[2] as Version;
  if (options.scheme && scheme !== options.scheme) return notFound();
  const found = findRoute(req.method ?? 'GET', scheme, version, match[3]!);
  if (!found) return notFound();
  const missingId = checkRequestId(req);
  if (missingId) return missingId;
  const auth = authenticate(scheme, req, state.auth);
  if ('reject' in auth) return auth.reject;

  let body: Record<string, unknown> = {};
  if (found.route.method === 'POST') {
    const parsed = parseJson(raw);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return badRequest('Тело запроса не является JSON-объектом');
    }
    body = parsed.value as Record<string, unknown>;
  }
  let bin = auth.bin;
  if (scheme === 'r3' && found.route.bin) {
    const value = found.route.bin === 'body' ? body.OrganizationBin : found.params.organizationBin;
    const parsedBin = binField.safeParse(value);
    if (!parsedBin.success) return badRequest('Неверный формат запроса: OrganizationBin обязателен (12 цифр)');
    bin = parsedBin.data;
  }
  const request: RouteRequest = { scheme, version, params: found.params, query: url.searchParams, body, bin };
  try {
    return { http: 200, envelope: found.route.handle(request, state) };
  } catch (error) {
    if (error instanceof BadRequest) return badRequest(error.message);
    throw error;
  }
}

function applyFault(fault: ActiveFault, req: IncomingMessage, res: ServerResponse): string {
  switch (fault.fault) {
    case 'drop':
      req.socket.destroy();
      return 'dropped';
    case 'malformed':
      send(res, 200, '{"StatusCode":0,"Message":"OK","Data":{"QrToken":"7392046185');
      return 'malformed';
    case 'http': {
      const http = fault.httpStatus ?? 503;
      const kind = fault.httpBody ?? 'html';
      if (kind === 'envelope') send(res, http, toWireJson(fail(CODES.unavailable, fault.message)));
      else if (kind === 'empty') send(res, http, '', 'text/plain');
      else send(res, http, `<html><body><h1>${http} Service Temporarily Unavailable</h1></body></html>`, 'text/html');
      return `http ${http}`;
    }
    default: {
      const code = fault.statusCode ?? CODES.unavailable;
      const envelope: Envelope = { StatusCode: code, Message: fault.message ?? MESSAGES[code] ?? `Ошибка ${code}` };
      send(res, 200, toWireJson(envelope));
      return `status ${code}`;
    }
  }
}

async function handle(state: SimState, control: SimulatorControl, options: HandlerOptions, req: IncomingMessage, res: ServerResponse) {
  const raw = await readBody(req);
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const log = (what: string) => options.log?.(`${method} ${url.pathname} -> ${what}`);
  if (raw === null) {
    send(res, 413, toWireJson(fail(-413, 'Тело запроса слишком большое')));
    return log('413');
  }

  if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, JSON.stringify({ error: 'loopback only' }));
    const parsed = parseJson(raw);
    const result = parsed.ok ? control.handleHttp(method, url.pathname, parsed.value) : { http: 400, json: { error: 'body is not JSON' } };
    send(res, result.http, JSON.stringify(result.json));
    return log(`control ${result.http}`);
  }

  const endpoint = API_PATH.exec(url.pathname)?.[3] ?? null;
  const fault = state.faults.take(method, url.pathname, endpoint);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.fault && (fault.stage ?? 'before') === 'before') return log(`fault ${applyFault(fault, req, res)}`);

  const result = answer(state, options, req, url, raw);
  if (fault?.fault) return log(`handled (${result.envelope.StatusCode}), then fault ${applyFault(fault, req, res)}`);
  send(res, result.http, toWireJson(result.envelope));
  log(`${result.http} ${result.envelope.StatusCode}`);
}

export function createRequestHandler(state: SimState, control: SimulatorControl, options: HandlerOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(state, control, options, req, res).catch((error: unknown) => {
      options.log?.(`${req.method} ${req.url} -> 500 ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, toWireJson(fail(CODES.unavailable)));
      else res.destroy();
    });
  };
}
