// A throw-away PKI for the simulator's mutual TLS, shaped like what Kaspi sends a partner: a root CA
// (plays `kbs_root_ca.crt`), the server certificate for 127.0.0.1/localhost and a client certificate
// (extendedKeyUsage clientAuth, C=KZ, Latin organization name) packed as PKCS#12 with a passphrase.
// Keys come from node's fast RSA generator; node-forge only builds the X.509 and PKCS#12 structures.
// Simulator convention (not Kaspi's): the client subject carries OU=BIN<12 digits>, which the
// simulator reads to know the caller's organization.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export const PKI_FILES = {
  caCert: 'kaspi-ca.crt',
  caKey: 'kaspi-ca.key',
  serverCert: 'server.crt',
  serverKey: 'server.key',
  clientCert: 'client.crt',
  clientP12: 'client.p12',
  clientPass: 'client.p12.pass',
} as const;

export const DEFAULT_ORGANIZATION_BIN = '200340001238';
export const DEFAULT_ORGANIZATION_LATIN = 'Kassa Test Shop LLP';

export interface ClientCertOptions {
  /** Latin organization name for O= (Kaspi asks for Latin letters). */
  organizationName?: string;
  /** 12-digit BIN, written as OU=BIN<bin>. */
  organizationBin?: string;
  /** CN: the host or IP that will connect. */
  commonName?: string;
  /** PKCS#12 passphrase; random when omitted. */
  passphrase?: string;
}

export interface CaMaterial {
  caCertPem: string;
  caKeyPem: string;
}

export interface ClientP12 {
  p12: Buffer;
  passphrase: string;
  certPem: string;
}

export interface TestPki extends CaMaterial {
  dir: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientP12: Buffer;
  clientP12Path: string;
  clientPassphrase: string;
}

const DAY_MS = 24 * 3600 * 1000;

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return bytes.toString('hex');
}

function newCert(publicKeyPem: string, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * DAY_MS);
  return cert;
}

function sign(cert: forge.pki.Certificate, signerKeyPem: string): string {
  cert.sign(forge.pki.privateKeyFromPem(signerKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A self-signed root CA, valid 10 years. */
export function createCa(commonName = 'Kassa Simulator Root CA (plays kbs_root_ca)'): CaMaterial {
  const keys = rsaKeyPair();
  const cert = newCert(keys.publicKeyPem, 10);
  const subject = [
    { shortName: 'C', value: 'KZ' },
    { shortName: 'O', value: 'Kassa Kaspi Simulator' },
    { shortName: 'CN', value: commonName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  return { caCertPem: sign(cert, keys.privateKeyPem), caKeyPem: keys.privateKeyPem };
}

/** The server certificate: SAN IP 127.0.0.1 and DNS localhost, serverAuth. */
export function issueServerCert(ca: CaMaterial): { certPem: string; keyPem: string } {
  const keys = rsaKeyPair();
  const cert = newCert(keys.publicKeyPem, 5);
  cert.setSubject([
    { shortName: 'C', value: 'KZ' },
    { shortName: 'O', value: 'Kassa Kaspi Simulator' },
    { shortName: 'CN', value: 'localhost' },
  ]);
  cert.setIssuer(forge.pki.certificateFromPem(ca.caCertPem).subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  return { certPem: sign(cert, ca.caKeyPem), keyPem: keys.privateKeyPem };
}

/** A partner client certificate as Kaspi issues it, packed with its key (and the CA) as PKCS#12. */
export function issueClientP12(ca: CaMaterial, options: ClientCertOptions = {}): ClientP12 {
  const keys = rsaKeyPair();
  const cert = newCert(keys.publicKeyPem, 5);
  const bin = options.organizationBin ?? DEFAULT_ORGANIZATION_BIN;
  cert.setSubject([
    { shortName: 'C', value: 'KZ' },
    { shortName: 'ST', value: 'Almaty' },
    { shortName: 'L', value: 'Almaty' },
    { shortName: 'O', value: options.organizationName ?? DEFAULT_ORGANIZATION_LATIN },
    { shortName: 'OU', value: `BIN${bin}` },
    { shortName: 'CN', value: options.commonName ?? '127.0.0.1' },
    { name: 'emailAddress', value: 'pos@kassa.invalid' },
  ]);
  const caCert = forge.pki.certificateFromPem(ca.caCertPem);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      nonRepudiation: true,
      keyEncipherment: true,
      dataEncipherment: true,
    },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  const certPem = sign(cert, ca.caKeyPem);
  const passphrase = options.passphrase ?? randomBytes(18).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keys.privateKeyPem),
    [forge.pki.certificateFromPem(certPem), caCert],
    passphrase,
    { algorithm: '3des', friendlyName: 'kaspi-client' },
  );
  const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  return { p12, passphrase, certPem };
}

function writeSecret(path: string, data: string | Buffer): void {
  writeFileSync(path, data, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its old mode otherwise
}

/**
 * Creates (or reuses, file by file) the PKI in `dir`. A new CA re-issues everything signed by it.
 * Client options apply only when the client certificate is (re)generated.
 */
export function generateTestPki(dir: string, options: ClientCertOptions = {}): TestPki {
  mkdirSync(dir, { recursive: true });
  const path = (name: keyof typeof PKI_FILES) => join(dir, PKI_FILES[name]);
  const have = (...names: (keyof typeof PKI_FILES)[]) => names.every((n) => existsSync(path(n)));
  const read = (name: keyof typeof PKI_FILES) => readFileSync(path(name), 'utf8');

  let fresh = false;
  let ca: CaMaterial;
  if (have('caCert', 'caKey')) {
    ca = { caCertPem: read('caCert'), caKeyPem: read('caKey') };
  } else {
    ca = createCa();
    writeFileSync(path('caCert'), ca.caCertPem);
    writeSecret(path('caKey'), ca.caKeyPem);
    fresh = true;
  }
  if (fresh || !have('serverCert', 'serverKey')) {
    const server = issueServerCert(ca);
    writeFileSync(path('serverCert'), server.certPem);
    writeSecret(path('serverKey'), server.keyPem);
  }
  if (fresh || !have('clientCert', 'clientP12', 'clientPass')) {
    const client = issueClientP12(ca, options);
    writeFileSync(path('clientCert'), client.certPem);
    writeSecret(path('clientP12'), client.p12);
    writeSecret(path('clientPass'), `${client.passphrase}\n`);
  }
  return {
    dir,
    ...ca,
    caCertPath: path('caCert'),
    serverCertPem: read('serverCert'),
    serverKeyPem: read('serverKey'),
    clientCertPem: read('clientCert'),
    clientP12: readFileSync(path('clientP12')),
    clientP12Path: path('clientP12'),
    clientPassphrase: read('clientPass').trim(),
  };
}
