// A Kaspi failure as the error code (and params) the screens translate: Kaspi's own code when it gave
// one; otherwise what can be told from the failure — a TLS handshake, an HTTP refusal, no answer.
import type { KaspiError } from './kaspi-port.js';

export interface KaspiErrorCode {
  code: 'kaspi_rejected' | 'kaspi_tls' | 'kaspi_refused' | 'kaspi_unavailable';
  /** Kaspi's StatusCode, only with kaspi_rejected. */
  statusCode: number | null;
}

export function kaspiErrorCode(error: KaspiError): KaspiErrorCode {
  if (error.statusCode !== null) return { code: 'kaspi_rejected', statusCode: error.statusCode };
  if (error.message === 'tls') return { code: 'kaspi_tls', statusCode: null };
  return { code: error.kind === 'rejected' ? 'kaspi_refused' : 'kaspi_unavailable', statusCode: null };
}
