// Where the r1 Api-Key may be sent. The screens can change the Kaspi address, so without this rule
// anything that can drive the cashier screen (a script injected into it, a leaked `kassa serve`
// token) could point Kassa at its own server and press "Check connection": the key would travel in
// the request's header. It goes only to Kaspi's own domain, a test key to a simulator on this computer, or to
// the address it is bound to: the one it was entered for, the one `kassa serve --live --kaspi-url`
// names, or — a key Kassa has not seen before (from the environment, or stored by an older version) —
// the one in use when it is first seen. The binding is kept with a fingerprint of the key, so a
// restart never moves it; any other address needs the key entered again.
import { createHash } from 'node:crypto';

/** 16 hex digits of the key's SHA-256: tells keys apart, reveals nothing of a random key. */
export function keyPrint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A test key (Kaspi's start with `test_`, production ones with `prod_`) may also go to a simulator on
 * this computer, whatever its port. A production key may not: any process of this computer (another
 * user's, whoever holds a leaked `kassa serve` token) can listen on a loopback port.
 */
export function apiKeyMayGoTo(baseUrl: string, boundOrigin: string | null, key: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (boundOrigin !== null && url.origin === boundOrigin) return true;
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && (host === 'kaspi.kz' || host.endsWith('.kaspi.kz'))) return true;
  return key.startsWith('test_') && (host === '127.0.0.1' || host === 'localhost' || host === '[::1]');
}
