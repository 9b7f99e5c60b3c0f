// Which socket errors are TLS's own (a certificate refused or not trusted: "check the certificate and
// the address", and after two in a row "Kaspi refuses this till") and which the network's ("no
// connection"): told by the code alone, every X.509 verify code OpenSSL gives Node included.
import { describe, expect, it } from 'vitest';
import { isTlsError } from '../../../main/services/kaspi/kaspi-http.js';

const failure = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTlsError', () => {
  it.each([
    'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER',
    'INVALID_PURPOSE', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'HOSTNAME_MISMATCH', 'UNABLE_TO_GET_CRL', 'CRL_HAS_EXPIRED',
    'CRL_NOT_YET_VALID', 'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
    'EPROTO', // TLS 1.2: Kaspi's alert refusing the till's certificate ("sslv3 alert bad certificate")
  ])('%s is a TLS failure', (code) => {
    expect(isTlsError(failure(code))).toBe(true);
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE'])('%s is the network', (code) => {
    // a DNS failure for qrapi-cert-ip.kaspi.kz names a "cert" host: the message does not count
    expect(isTlsError(failure(code, 'getaddrinfo ENOTFOUND qrapi-cert-ip.kaspi.kz'))).toBe(false);
  });

  it('a reset counts only when it cut a TLS handshake', () => {
    expect(isTlsError(failure('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'))).toBe(true);
    expect(isTlsError(failure('ECONNRESET', 'socket hang up'))).toBe(false);
  });
});
