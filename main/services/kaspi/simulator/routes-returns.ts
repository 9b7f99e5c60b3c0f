// Refund endpoints (KASPI_QR_API.md §5.9–5.10): payment/return (r2 with a refund QR the buyer scanned,
// r3 without), the r2 refund-QR flow return/create -> return/status -> return/operations, and the
// simulator-only hook POST /test/return/scan {qrReturnId, qrPaymentId}: "the buyer who paid purchase
// X scanned refund QR Y". Codes Kaspi does not document for these cases are marked [L].
import { z } from 'zod';
import { int64 } from './sim-json.js';
import { idField, readBody, tokenField, BadRequest, type Route, type RouteRequest } from './route-kit.js';
import { visiblePurchase } from './routes-payments.js';
import { CODES, fail, hookFail, hookOk, ok, type Envelope } from './simulator-codes.js';
import type { SimState } from './simulator-state.js';

const returnBody = z.object({ DeviceToken: tokenField, QrPaymentId: idField, Amount: z.unknown(), QrReturnId: idField.optional() });
const returnCreateBody = z.object({ DeviceToken: tokenField, ExternalId: z.string().max(200).nullish() });
const operationsBody = z.object({ DeviceToken: tokenField, QrReturnId: idField, MaxResult: z.number().int().nullish() });
const returnScanBody = z.object({ qrReturnId: idField, qrPaymentId: idField });

const MSG_NO_RETURN = 'QR возврата не найден';
const MSG_NO_IDENTITY = 'Покупатель ещё не отсканировал QR возврата';

/** The device for a refund operation: the usual device codes, plus 990000018 for a disabled trade point. */
function refundDevice(state: SimState, req: RouteRequest, token: string) {
  const found = state.world.device(req.bin, token);
  if ('code' in found) return found;
  if (found.tradePoint.disabled) return { code: CODES.tradePointDisabled };
  return found;
}

function paymentReturn(req: RouteRequest, state: SimState): Envelope {
  const body = readBody(returnBody, req.body);
  if (req.scheme === 'r2' && body.QrReturnId === undefined) throw new BadRequest('Неверный формат запроса: QrReturnId обязателен');
  const found = refundDevice(state, req, body.DeviceToken);
  if ('code' in found) return fail(found.code);
  const purchase = visiblePurchase(state, found.device.organizationBin, body.QrPaymentId);
  if (!purchase) return fail(CODES.purchaseNotFound);
  if (purchase.tradePointId !== found.device.tradePointId) return fail(CODES.tradePointMismatch);
  if (req.scheme === 'r2') {
    const qr = state.returns.get(body.QrReturnId!);
    if (!qr || qr.organizationBin !== found.device.organizationBin) return fail(CODES.purchaseNotFound, MSG_NO_RETURN); // [L]
    if (qr.status !== 'CustomerIdentityObtained') return fail(CODES.refundWrongStatus, MSG_NO_IDENTITY); // [L]
    if (qr.buyerId !== purchase.buyerId) return fail(CODES.purchaseIdNotFound); // [L] not this buyer's purchase
  }
  return state.refunds.refund(purchase, found.device.tradePointId, body.Amount);
}

function returnCreate(req: RouteRequest, state: SimState): Envelope {
  const body = readBody(returnCreateBody, req.body);
  const found = refundDevice(state, req, body.DeviceToken);
  if ('code' in found) return fail(found.code);
  const { device } = found;
  const qr = state.returns.create(
    { deviceToken: device.token, tradePointId: device.tradePointId, organizationBin: device.organizationBin },
    body.ExternalId ?? null,
  );
  return ok({
    QrToken: qr.qrToken,
    ExpireDate: state.returns.expireDate(qr),
    QrReturnId: int64(qr.qrReturnId),
    QrReturnBehaviorOptions: {
      QrCodeScanEventPollingInterval: state.returns.timers.pollIntervalS,
      QrCodeScanWaitTimeout: state.returns.timers.scanTimeoutS,
    },
  });
}

function returnStatus(req: RouteRequest, state: SimState): Envelope {
  const id = req.params.id ?? '';
  const qr = /^\d{1,19}$/.test(id) ? state.returns.get(id) : null;
  if (!qr || (req.bin !== null && qr.organizationBin !== req.bin)) return fail(CODES.purchaseNotFound, MSG_NO_RETURN);
  return ok({ Status: qr.status });
}

function returnOperations(req: RouteRequest, state: SimState): Envelope {
  const body = readBody(operationsBody, req.body);
  const found = state.world.device(req.bin, body.DeviceToken);
  if ('code' in found) return fail(found.code);
  const qr = state.returns.get(body.QrReturnId);
  if (!qr || qr.organizationBin !== found.device.organizationBin) return fail(CODES.purchaseNotFound, MSG_NO_RETURN);
  if (qr.status !== 'CustomerIdentityObtained' || qr.buyerId === null) return fail(CODES.purchaseNotFound, MSG_NO_IDENTITY); // [L]
  return state.refunds.operations(qr.buyerId, found.device.tradePointId, body.MaxResult ?? undefined);
}

function returnScanHook(req: RouteRequest, state: SimState): Envelope {
  const body = readBody(returnScanBody, req.body);
  if (!state.returns.get(body.qrReturnId)) return hookFail(CODES.purchaseNotFound, MSG_NO_RETURN);
  const purchase = state.core.purchase(body.qrPaymentId);
  if (!purchase) return hookFail(CODES.purchaseNotFound);
  if (!purchase.buyerId) return hookFail(CODES.refundWrongStatus, 'Покупку ещё никто не сканировал');
  if (!state.returns.scan(body.qrReturnId, purchase.buyerId)) return hookFail(CODES.refundWrongStatus, 'QR возврата уже отсканирован или истёк');
  return hookOk();
}

export const returnRoutes: Route[] = [
  { method: 'POST', path: 'payment/return', schemes: ['r2', 'r3'], bin: 'body', handle: paymentReturn },
  { method: 'POST', path: 'return/create', schemes: ['r2'], handle: returnCreate },
  { method: 'GET', path: 'return/status/:id', schemes: ['r2'], handle: returnStatus },
  { method: 'POST', path: 'return/operations', schemes: ['r2'], handle: returnOperations },
  { method: 'POST', path: 'test/return/scan', schemes: ['r2'], handle: returnScanHook },
];
