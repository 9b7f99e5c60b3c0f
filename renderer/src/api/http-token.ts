// The loopback host hands each screen a token in the URL (?token=...). We keep it in sessionStorage
// (per tab) and take it out of the address bar so it is not shown, bookmarked or shared by accident.
import { HTTP } from '../../../shared/bridge.js';

export function takeToken(screen: string): string {
  const storageKey = `kassa.token.${screen}`;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(HTTP.tokenQuery);
  if (fromUrl) {
    try {
      sessionStorage.setItem(storageKey, fromUrl);
    } catch {
      // storage disabled: the token still lives in memory for this page
    }
    url.searchParams.delete(HTTP.tokenQuery);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
}
