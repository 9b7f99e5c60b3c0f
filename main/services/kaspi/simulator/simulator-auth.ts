// Who is calling, per scheme (KASPI_QR_API.md §3). Every call needs X-Request-ID (simulator choice:
// HTTP 400 + StatusCode -10000 when missing, since Kaspi's reaction is undocumented). r1: the Api-Key
// header decides the organization (bad key: HTTP 200, StatusCode -10000, like every documented code).
// r2: the client certificate (checked in the TLS handshake) names the organization by OU=BIN<bin>.
// r3: the certificate may act for several organizations; OrganizationBin in each request decides.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { CODES, fail, type Envelope } from './simulator-codes.js';

export type Scheme = 'r1' | 'r2' | 'r3';

export interface AuthConfig {
  /** Exact keys accepted; null = any key starting with `test_`. */
  apiKeys: string[] | null;
  /** Api-Key -> organization BIN (others: the default organization). */
  apiKeyOrganizations: Record<string, string>;
  defaultBin: string;
  knownBins: (bin: string) => boolean;
}

export interface Rejection {
  http: number;
  envelope: Envelope;
}

/** The caller's organization (r1/r2), null for r3 where each request names it. */
export type AuthResult = { bin: string | null } | { reject: Rejection };

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export function checkRequestId(req: IncomingMessage): Rejection | null {
  const id = header(req, 'X-Request-ID')?.trim();
  if (id && id.length <= 200) return null;
  return { http: 400, envelope: fail(CODES.noAccess, 'Не передан заголовок X-Request-ID') };
}

export function apiKeyAccepted(key: string | undefined, config: AuthConfig): boolean {
  if (!key) return false;
  return config.apiKeys === null ? key.startsWith('test_') && key.length > 5 : config.apiKeys.includes(key);
}

/** The BIN in a client certificate's OU=BIN<12 digits> (the simulator's convention), if any. */
export function certificateBin(req: IncomingMessage): string | null {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  const cert = socket.getPeerCertificate();
  const ou = cert?.subject?.OU;
  const units = Array.isArray(ou) ? ou : ou ? [ou] : [];
  for (const unit of units) {
    const match = /^BIN(\d{12})$/.exec(unit);
    if (match) return match[1]!;
  }
  return null;
}

export function authenticate(scheme: Scheme, req: IncomingMessage, config: AuthConfig): AuthResult {
  if (scheme === 'r1') {
    const key = header(req, 'Api-Key');
    if (!apiKeyAccepted(key, config)) return { reject: { http: 200, envelope: fail(CODES.noAccess, 'Неверный Api-Key') } };
    return { bin: config.apiKeyOrganizations[key!] ?? config.defaultBin };
  }
  if (scheme === 'r2') {
    // Over plain HTTP there is no certificate: the default organization (test convenience).
    const bin = certificateBin(req);
    if (bin !== null && !config.knownBins(bin)) return { reject: { http: 200, envelope: fail(CODES.noAccess) } };
    return { bin: bin ?? config.defaultBin };
  }
  return { bin: null };
}
