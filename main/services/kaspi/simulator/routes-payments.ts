// Purchase endpoints (KASPI_QR_API.md §5.5–5.8, §5.12): qr/create, qr/create-link, payment/status
// (v01 and v02), payment/details (r2, r3) and the four /test/payment/* buyer hooks. Purchases are
// visible only to the organization that created them.
import { z } from 'zod';
import type { PurchaseContext } from './kaspi-simulator.js';
import type { SimPurchase } from './purchase-store.js';
import { ALL, idField, readBody, tokenField, type Route, type RouteRequest } from './route-kit.js';
import { CODES, fail, type Envelope } from './simulator-codes.js';
import type { SimState } from './simulator-state.js';

const createBody = z.object({
  DeviceToken: tokenField,
  /** Any value: a bad amount is Kaspi's 990000028, not a malformed request. */
  Amount: z.unknown(),
  ExternalId: z.string().max(200).nullish(),
});
const hookBody = z.object({
  qrPaymentId: idField,
  /** Simulator-only: which buyer scans (default "buyer-1"); refund QRs find purchases by buyer. */
  buyerId: z.string().min(1).max(100).optional(),
});
const detailsQuery = z.object({ QrPaymentId: idField, DeviceToken: tokenField });

/** A purchase the caller may see, timers applied. */
export function visiblePurchase(state: SimState, bin: string | null, id: string): SimPurchase | null {
  if (!/^\d{1,19}$/.test(id)) return null;
  const purchase = state.core.purchase(id);
  if (!purchase || (bin !== null && purchase.organizationBin !== bin)) return null;
  return purchase;
}

function create(req: RouteRequest, state: SimState, kind: 'qr' | 'link'): Envelope {
  const body = readBody(createBody, req.body);
  const found = state.world.device(req.bin, body.DeviceToken, true);
  if ('code' in found) return fail(found.code);
  const context: PurchaseContext = { tradePointId: found.device.tradePointId, organizationBin: found.device.organizationBin };
  const request = { DeviceToken: body.DeviceToken, Amount: body.Amount as number, ExternalId: body.ExternalId ?? null };
  return kind === 'qr' ? state.core.createQr(request, context) : state.core.createLink(request, context);
}

function status(req: RouteRequest, state: SimState): Envelope {
  const purchase = visiblePurchase(state, req.bin, req.params.id ?? '');
  if (!purchase) return fail(CODES.purchaseNotFound);
  return req.version === 'v02' ? state.core.statusV02(purchase.qrPaymentId) : state.core.status(purchase.qrPaymentId);
}

function details(req: RouteRequest, state: SimState): Envelope {
  const query = readBody(detailsQuery, Object.fromEntries(req.query));
  const found = state.world.device(req.bin, query.DeviceToken);
  if ('code' in found) return fail(found.code);
  const purchase = visiblePurchase(state, found.device.organizationBin, query.QrPaymentId);
  return purchase ? state.refunds.details(purchase) : fail(CODES.purchaseNotFound);
}

const hook = (name: 'scan' | 'confirm' | 'scanerror' | 'confirmerror'): Route => ({
  method: 'POST',
  path: `test/payment/${name}`,
  schemes: ALL,
  handle: (req, state) => {
    const body = readBody(hookBody, req.body);
    return state.core.testHook(name, body.qrPaymentId, body.buyerId);
  },
});

export const paymentRoutes: Route[] = [
  { method: 'POST', path: 'qr/create', schemes: ALL, bin: 'body', handle: (req, state) => create(req, state, 'qr') },
  { method: 'POST', path: 'qr/create-link', schemes: ALL, bin: 'body', handle: (req, state) => create(req, state, 'link') },
  { method: 'GET', path: 'payment/status/:id', schemes: ALL, versions: ['v01', 'v02'], handle: status },
  { method: 'GET', path: 'payment/details', schemes: ['r2', 'r3'], handle: details },
  hook('scan'),
  hook('confirm'),
  hook('scanerror'),
  hook('confirmerror'),
];
