// Kaspi's own CA certificates (kbs_root_ca.crt, kbs_ca.crt), trusted in addition to the system's for
// Kaspi's TLS. The manager loads them in Settings; they are public, so they live as a PEM file in the
// data dir. Every block must be a real X.509 certificate.
import { X509Certificate } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app-error.js';

export const KASPI_CA_FILE = 'kaspi-ca.pem';
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Checks the PEM text and returns a short description ("kbs_root_ca, kbs_ca"). */
export function describeCaPem(pem: string): string {
  const blocks = pem.match(BLOCK) ?? [];
  if (blocks.length === 0 || blocks.length > 10) throw new AppError('kaspi_ca_invalid');
  const names: string[] = [];
  for (const block of blocks) {
    try {
      const cert = new X509Certificate(block);
      if (!cert.ca) throw new Error('not a CA');
      names.push(/CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? 'CA');
    } catch {
      throw new AppError('kaspi_ca_invalid');
    }
  }
  return names.join(', ').slice(0, 120);
}

export function saveCaPem(dataDir: string, pem: string): string {
  const file = join(dataDir, KASPI_CA_FILE);
  writeFileSync(file, `${(pem.match(BLOCK) ?? []).join('\n')}\n`, { mode: 0o644 });
  return file;
}

export function removeCaPem(dataDir: string): void {
  rmSync(join(dataDir, KASPI_CA_FILE), { force: true });
}
