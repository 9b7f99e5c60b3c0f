// Where the r1 Api-Key may be sent. The screens can change the Kaspi address, so without this rule
// anything that can drive the cashier screen (a script injected into it, a leaked `kassa serve`
// token) could point Kassa at its own server and press "Check connection": the key would travel in
// the request's header. It goes only to Kaspi's own domain, to a simulator on this computer, or to
// the address it was entered for (a stored key), respectively set at start (a key from the
// environment) — any other address needs the key entered again.

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function apiKeyMayGoTo(baseUrl: string, boundOrigin: string | null): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (boundOrigin !== null && url.origin === boundOrigin) return true;
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && (host === 'kaspi.kz' || host.endsWith('.kaspi.kz'))) return true;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
