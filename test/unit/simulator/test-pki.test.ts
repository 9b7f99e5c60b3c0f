// The generated PKI: what each certificate says, PKCS#12 that Node's TLS loads, file modes, reuse.
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, issueClientP12, PKI_FILES, type TestPki } from '../../../main/services/kaspi/simulator/test-pki.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => void;
let pki: TestPki;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('kassa-pki-unit-'));
  pki = generateTestPki(dir, { organizationName: 'Almaty Grocery LLP', organizationBin: '123456789012', commonName: 'pos-1.local' });
}, 30_000);
afterAll(() => cleanup());

describe('generateTestPki', () => {
  it('makes a CA that signed the server and client certificates', () => {
    const ca = new X509Certificate(pki.caCertPem);
    expect(ca.ca).toBe(true);
    expect(new X509Certificate(pki.serverCertPem).verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(pki.clientCertPem).verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(pki.clientCertPem).checkIssued(ca)).toBe(true);
  });

  it('server certificate: SAN IP 127.0.0.1 and DNS localhost, serverAuth', () => {
    const server = new X509Certificate(pki.serverCertPem);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
  });

  it('client certificate: clientAuth, C=KZ, Latin O, OU=BIN, CN, RSA 2048, about 5 years', () => {
    const client = new X509Certificate(pki.clientCertPem);
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(client.subject).toContain('C=KZ');
    expect(client.subject).toContain('O=Almaty Grocery LLP');
    expect(client.subject).toContain('OU=BIN123456789012');
    expect(client.subject).toContain('CN=pos-1.local');
    expect(client.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(client.validTo) - Date.parse(client.validFrom)) / (365 * 24 * 3600 * 1000);
    expect(years).toBeGreaterThan(4.9);
  });

  it('client.p12 opens with the passphrase from client.p12.pass and not without it', () => {
    const passphrase = readFileSync(join(dir, PKI_FILES.clientPass), 'utf8').trim();
    expect(passphrase).toBe(pki.clientPassphrase);
    expect(passphrase.length).toBeGreaterThanOrEqual(20);
    expect(() => createSecureContext({ pfx: readFileSync(pki.clientP12Path), passphrase })).not.toThrow();
    expect(() => createSecureContext({ pfx: pki.clientP12, passphrase: 'wrong' })).toThrow();
  });

  it('private material is mode 0600', () => {
    for (const f of [PKI_FILES.clientP12, PKI_FILES.clientPass, PKI_FILES.serverKey, PKI_FILES.caKey]) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
  });

  it('reuses existing files; re-issues only what is missing; a new CA re-issues everything', () => {
    const again = generateTestPki(dir);
    expect(again.caCertPem).toBe(pki.caCertPem);
    expect(again.clientPassphrase).toBe(pki.clientPassphrase);
    expect(again.serverCertPem).toBe(pki.serverCertPem);
    rmSync(join(dir, PKI_FILES.serverCert));
    const server = generateTestPki(dir);
    expect(server.serverCertPem).not.toBe(pki.serverCertPem);
    expect(server.clientCertPem).toBe(pki.clientCertPem);
    rmSync(join(dir, PKI_FILES.caKey));
    const fresh = generateTestPki(dir);
    expect(fresh.caCertPem).not.toBe(pki.caCertPem);
    expect(fresh.clientPassphrase).not.toBe(pki.clientPassphrase);
    expect(new X509Certificate(fresh.clientCertPem).verify(new X509Certificate(fresh.caCertPem).publicKey)).toBe(true);
  }, 30_000);

  it('issueClientP12 gives extra client certificates from the same CA', () => {
    const extra = issueClientP12(pki, { organizationBin: '990140000135', passphrase: 'given' });
    expect(extra.passphrase).toBe('given');
    expect(new X509Certificate(extra.certPem).subject).toContain('OU=BIN990140000135');
    expect(() => createSecureContext({ pfx: extra.p12, passphrase: 'given' })).not.toThrow();
  });
});
