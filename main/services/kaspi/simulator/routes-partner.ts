// Partner set-up endpoints (KASPI_QR_API.md §5.1–5.4): health/ping, trade points, device register
// (idempotent) and delete.
import { z } from 'zod';
import { ALL, idField, readBody, tokenField, type Route } from './route-kit.js';
import { int64 } from './sim-json.js';
import { CODES, fail, ok } from './simulator-codes.js';
import type { SimState } from './simulator-state.js';

const registerBody = z.object({
  /** Kaspi: only Latin letters, digits, "-" and "_". */
  DeviceId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'только латиница, цифры, "-" и "_"'),
  TradePointId: idField,
});
const deleteBody = z.object({ DeviceToken: tokenField });

function tradePoints(state: SimState, bin: string | null) {
  const org = bin === null ? null : state.world.organization(bin);
  if (!org || org.tradePoints.length === 0) return fail(CODES.noTradePoints);
  return ok(org.tradePoints.map((tp) => ({ TradePointId: int64(tp.id), TradePointName: tp.name })));
}

export const partnerRoutes: Route[] = [
  { method: 'GET', path: 'health/ping', schemes: ALL, handle: () => ok() },
  { method: 'GET', path: 'partner/tradepoints', schemes: ['r1', 'r2'], handle: (req, state) => tradePoints(state, req.bin) },
  {
    method: 'GET',
    path: 'partner/tradepoints/:organizationBin',
    schemes: ['r3'],
    bin: 'path',
    handle: (req, state) => tradePoints(state, req.bin),
  },
  {
    method: 'POST',
    path: 'device/register',
    schemes: ALL,
    bin: 'body',
    handle: (req, state) => {
      const body = readBody(registerBody, req.body);
      const result = state.world.register(req.bin, body.DeviceId, body.TradePointId);
      return 'code' in result ? fail(result.code) : ok({ DeviceToken: result.token });
    },
  },
  {
    method: 'POST',
    path: 'device/delete',
    schemes: ALL,
    bin: 'body',
    handle: (req, state) => {
      const body = readBody(deleteBody, req.body);
      const code = state.world.delete(req.bin, body.DeviceToken);
      return code === CODES.ok ? { StatusCode: 0 } : fail(code);
    },
  },
];
