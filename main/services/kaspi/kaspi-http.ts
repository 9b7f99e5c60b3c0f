// One HTTPS call to Kaspi: auth (Api-Key or client certificate), a fresh X-Request-ID, a timeout, and
// a verdict that the sale flow can act on safely — above all, whether a failed POST may have taken
// effect at Kaspi (then it must never be sent again blindly).
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { Scheme } from '../../../shared/domain.js';
import { KaspiError } from './kaspi-port.js';
import { parseKaspiJson, stringifyKaspiJson } from './kaspi-json.js';

export interface KaspiConnection {
  scheme: Scheme;
  /** e.g. https://mtokentest.kaspi.kz:8543 (no path). http:// is accepted for a local simulator only. */
  baseUrl: string;
  apiKey?: string | null;
  certificate?: { pfx: Buffer; passphrase: string } | null;
  /** Kaspi's CA certificates (PEM), trusted in addition to the system's. Verification is never disabled. */
  ca?: string[] | null;
  timeoutMs?: number;
}

export interface CallOptions {
  /** false for calls that create something (qr/create, payment/return...): a lost answer is then "unknown". */
  idempotent: boolean;
  timeoutMs?: number;
  version?: 'v01' | 'v02';
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export class KaspiHttp {
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly secure: boolean;
  private readonly root: URL;

  constructor(private readonly connection: KaspiConnection) {
    this.root = new URL(connection.baseUrl);
    this.secure = this.root.protocol === 'https:';
    if (!this.secure && !isLoopback(this.root.hostname)) {
      throw new KaspiError('rejected', null, 'plain http is allowed only for a local simulator');
    }
    if (connection.scheme !== 'r1' && !connection.certificate) {
      throw new KaspiError('rejected', null, 'certificate_missing');
    }
    if (connection.scheme === 'r1' && !connection.apiKey) throw new KaspiError('rejected', null, 'api_key_missing');
    this.agent = this.secure
      ? new HttpsAgent({
          keepAlive: true,
          maxSockets: 4,
          ...(connection.scheme !== 'r1' && connection.certificate
            ? { pfx: connection.certificate.pfx, passphrase: connection.certificate.passphrase }
            : {}),
          ...(connection.ca?.length ? { ca: [...tlsRootCertificates(), ...connection.ca] } : {}),
          minVersion: 'TLSv1.2',
        })
      : new HttpAgent({ keepAlive: true, maxSockets: 4 });
  }

  close(): void {
    this.agent.destroy();
  }

  /** Calls `{base}/{scheme}/{version}{path}` and returns the parsed JSON body (envelope not yet checked). */
  call(method: 'GET' | 'POST', path: string, body: unknown, options: CallOptions): Promise<unknown> {
    const url = new URL(`${this.root.pathname.replace(/\/$/, '')}/${this.connection.scheme}/${options.version ?? 'v01'}${path}`, this.root);
    const payload = body === undefined ? undefined : Buffer.from(stringifyKaspiJson(body));
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-request-id': randomUUID().replaceAll('-', ''),
    };
    if (payload) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(payload.length);
    }
    if (this.connection.scheme === 'r1' && this.connection.apiKey) headers['api-key'] = this.connection.apiKey;
    const timeoutMs = options.timeoutMs ?? this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const doRequest = this.secure ? httpsRequest : httpRequest;

    return new Promise((resolve, reject) => {
      let sent = false; // the request may have reached Kaspi
      let settled = false;
      const fail = (reason: string, afterSend: boolean) => {
        if (settled) return;
        settled = true;
        const kind = afterSend && !options.idempotent ? 'unknown_outcome' : 'unavailable';
        reject(new KaspiError(kind, null, reason));
      };
      let req: ReturnType<typeof doRequest>;
      try {
        req = doRequest(url, { method, headers, agent: this.agent });
      } catch (error) {
        // thrown before a byte left (a client certificate that does not open): nothing reached Kaspi
        fail(isTlsError(error as NodeJS.ErrnoException) || /pkcs12|mac verify|pfx/i.test(String((error as Error)?.message)) ? 'tls' : 'network', false);
        return;
      }
      const timer = setTimeout(() => {
        fail('timeout', sent);
        req.destroy();
      }, timeoutMs);
      // Kaspi's side of a new TLS handshake arrived (its keys were derived): a cut after this is Kaspi refusing ours
      let handshaking = false;
      req.on('socket', (socket: Socket) => {
        if (this.secure && socket.connecting) socket.once('keylog', () => (handshaking = true));
        const connected = () => {
          sent = true;
        };
        if (!socket.connecting) connected();
        else socket.once(this.secure ? 'secureConnect' : 'connect', connected);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A connection cut before Kaspi said a word ("socket disconnected before secure TLS connection")
        // is the network's doing; cut once its side of the handshake came, it is Kaspi refusing ours.
        const tls = isTlsError(error) && (error.code !== 'ECONNRESET' || handshaking);
        fail(tls ? 'tls' : error.message === 'timeout' ? 'timeout' : 'network', sent);
      });
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            clearTimeout(timer);
            fail('response_too_large', true);
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', () => {
          clearTimeout(timer);
          fail('network', true);
        });
        res.on('end', () => {
          clearTimeout(timer);
          if (settled) return;
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text.length === 0 ? undefined : parseKaspiJson(text);
          } catch {
            json = undefined;
          }
          const status = res.statusCode ?? 0;
          const hasEnvelope = typeof json === 'object' && json !== null && 'StatusCode' in json;
          if (status >= 200 && status < 300 && hasEnvelope) {
            settled = true;
            return resolve(json);
          }
          // A 5xx says the server (or a proxy before it) broke somewhere: for a call that creates
          // something we cannot know whether it took effect, whatever the body claims.
          if (status >= 500 && !options.idempotent) return fail(`http_${status}`, true);
          // A business error may come with a 4xx status too: the envelope tells what happened. Only a
          // non-zero code is passed on (it can only become an error); a non-2xx answer claiming success
          // ("StatusCode": 0 or "0") is never taken for one — a broken proxy or a hostile server.
          if (hasEnvelope && isBusinessError((json as { StatusCode: unknown }).StatusCode)) {
            settled = true;
            return resolve(json);
          }
          if (status === 401 || status === 403 || status === 404 || status === 400) {
            settled = true;
            return reject(new KaspiError('rejected', null, `http_${status}`));
          }
          fail(status >= 200 && status < 300 ? 'malformed' : `http_${status}`, true);
        });
      });
      req.end(payload);
    });
  }
}

/** A StatusCode Kaspi could mean as an error: an integer (number or numeric string) other than 0. */
function isBusinessError(statusCode: unknown): boolean {
  if (typeof statusCode !== 'number' && typeof statusCode !== 'string') return false;
  const code = typeof statusCode === 'string' && /^\s*$/.test(statusCode) ? Number.NaN : Number(statusCode);
  return Number.isInteger(code) && code !== 0;
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/**
 * A failure of TLS itself — a certificate refused or not trusted, an alert, a handshake cut — told by
 * the error's code (its message may hold a host name such as qrapi-cert-ip.kaspi.kz: a DNS failure
 * for it is the network's). ECONNRESET counts only as a handshake cut short (the caller asks whether
 * Kaspi's side of it had come).
 */
export function isTlsError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  if (code === 'ECONNRESET') return /secure TLS connection/i.test(error.message);
  // an alert from the other side (TLS 1.2: Kaspi refusing the till's certificate) comes as EPROTO
  if (code === 'EPROTO') return true;
  // Node's ERR_TLS_* / ERR_SSL_*, and OpenSSL's X.509 verify codes — some of which name no certificate
  // (INVALID_PURPOSE, INVALID_CA, PATH_LENGTH_EXCEEDED, HOSTNAME_MISMATCH, the CRL ones)
  return /CERT|SSL|TLS|VERIFY|SIGNATURE|ISSUER|CRL|^INVALID_(CA|PURPOSE)$|^PATH_LENGTH_EXCEEDED$|^HOSTNAME_MISMATCH$/i.test(code);
}

function tlsRootCertificates(): string[] {
  return [...rootCertificates];
}
