// The route table of the simulated API: which endpoint exists in which scheme and version, and how
// paths with parameters match. A path that exists only in another scheme (e.g. /r1/v01/payment/return)
// is "not found", like on Kaspi's host.
import type { Scheme } from './simulator-auth.js';
import type { Route, Version } from './route-kit.js';
import { partnerRoutes } from './routes-partner.js';
import { paymentRoutes } from './routes-payments.js';
import { returnRoutes } from './routes-returns.js';

const ROUTES: Route[] = [...partnerRoutes, ...paymentRoutes, ...returnRoutes];

function matchPath(pattern: string, endpoint: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = endpoint.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (g === '') return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) return null;
  }
  return params;
}

/** The route for this call, or null when the endpoint does not exist in this scheme/version. */
export function findRoute(method: string, scheme: Scheme, version: Version, endpoint: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    if (route.method !== method || !route.schemes.includes(scheme)) continue;
    if (!(route.versions ?? ['v01']).includes(version)) continue;
    const params = matchPath(route.path, endpoint);
    if (params) return { route, params };
  }
  return null;
}
