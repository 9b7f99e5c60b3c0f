// The Kaspi QR API client for schemes r1 (Api-Key), r2 (client certificate) and r3 (certificate +
// OrganizationBin). Endpoints and fields follow ../shared/kaspi/KASPI_QR_API.md §5.
import { z } from 'zod';
import type { Scheme } from '../../../shared/domain.js';
import { KaspiHttp, type KaspiConnection } from './kaspi-http.js';
import { toLinkPurchase, toPaymentDetails, toQrPurchase, toReturnOperation, toStatus, unwrap } from './kaspi-envelope.js';
import { int64, tengeNumber } from './kaspi-json.js';
import {
  KaspiError,
  type KaspiPort,
  type KaspiRefundPort,
  type LinkPurchase,
  type PaymentDetails,
  type PaymentStatus,
  type QrPurchase,
  type ReturnQr,
  type TestHook,
} from './kaspi-port.js';
import {
  deviceRegisterDataSchema,
  returnCreateDataSchema,
  returnOperationsDataSchema,
  tradePointsDataSchema,
} from './kaspi-schemas.js';

export interface KaspiClientConfig extends KaspiConnection {
  organizationBin?: string | null;
  deviceToken?: string | null;
  statusVersion?: 'v01' | 'v02';
  /** qr/create and payment/return may take longer than a status read. */
  createTimeoutMs?: number;
}

const anything = z.unknown();

export class KaspiClient implements KaspiPort, KaspiRefundPort {
  readonly scheme: Scheme;
  readonly refundMethod: 'api' | 'qr';
  private readonly http: KaspiHttp;
  /** This host refused v02 status reads once: v01 only from then on. */
  private v02Refused = false;

  constructor(private readonly config: KaspiClientConfig) {
    this.scheme = config.scheme;
    this.refundMethod = config.scheme === 'r2' ? 'qr' : 'api';
    if (config.scheme === 'r3' && !config.organizationBin) throw new KaspiError('rejected', null, 'bin_missing');
    this.http = new KaspiHttp(config);
  }

  close(): void {
    this.http.close();
  }

  async ping(): Promise<void> {
    unwrap(await this.http.call('GET', '/health/ping', undefined, { idempotent: true }), anything);
  }

  async tradePoints(): Promise<{ id: string; name: string }[]> {
    const path = this.scheme === 'r3' ? `/partner/tradepoints/${encodeURIComponent(this.bin())}` : '/partner/tradepoints';
    const data = unwrap(await this.http.call('GET', path, undefined, { idempotent: true }), tradePointsDataSchema);
    return data.map((t) => ({ id: t.TradePointId, name: t.TradePointName }));
  }

  /** Idempotent at Kaspi: the same DeviceId and trade point give the same DeviceToken. */
  async registerDevice(deviceId: string, tradePointId: string): Promise<string> {
    const body = this.withBin({ DeviceId: deviceId, TradePointId: int64(tradePointId) });
    return unwrap(await this.http.call('POST', '/device/register', body, { idempotent: true }), deviceRegisterDataSchema).DeviceToken;
  }

  async deleteDevice(): Promise<void> {
    const body = this.withBin({ DeviceToken: this.token() });
    unwrap(await this.http.call('POST', '/device/delete', body, { idempotent: true }), anything);
  }

  async createQr(request: { amountTiyn: number; externalId: string }): Promise<QrPurchase> {
    return toQrPurchase(await this.http.call('POST', '/qr/create', this.purchaseBody(request), this.creating()));
  }

  async createLink(request: { amountTiyn: number; externalId: string }): Promise<LinkPurchase> {
    return toLinkPurchase(await this.http.call('POST', '/qr/create-link', this.purchaseBody(request), this.creating()));
  }

  async paymentStatus(qrPaymentId: string, options: { timeoutMs?: number } = {}): Promise<PaymentStatus> {
    const path = `/payment/status/${encodeURIComponent(qrPaymentId)}`;
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    if (this.config.statusVersion === 'v02' && !this.v02Refused) {
      try {
        return toStatus(await this.http.call('GET', path, undefined, { idempotent: true, version: 'v02', ...timeout }));
      } catch (error) {
        // v02 is not in Kaspi's own document (KASPI_QR_API.md §2, [H]): whatever refuses it — 404, 405,
        // an HTML page, a business code, an answer that does not read — v01 (documented) is asked
        // instead, and from then on for this client. A network fault is no refusal: it is passed on.
        if (!(error instanceof KaspiError) || !refusesV02(error)) throw error;
        if (error.statusCode !== -1601) this.v02Refused = true;
      }
    }
    return toStatus(await this.http.call('GET', path, undefined, { idempotent: true, ...timeout }));
  }

  async paymentDetails(qrPaymentId: string): Promise<PaymentDetails> {
    const query = `?QrPaymentId=${encodeURIComponent(qrPaymentId)}&DeviceToken=${encodeURIComponent(this.token())}`;
    return toPaymentDetails(await this.http.call('GET', `/payment/details${query}`, undefined, { idempotent: true }), qrPaymentId);
  }

  async paymentReturn(request: { qrPaymentId: string; amountTiyn: number; qrReturnId?: string | null }): Promise<{ returnOperationId: string }> {
    const body = this.withBin({
      DeviceToken: this.token(),
      QrPaymentId: int64(request.qrPaymentId),
      ...(request.qrReturnId ? { QrReturnId: int64(request.qrReturnId) } : {}),
      Amount: tengeNumber(request.amountTiyn),
    });
    return toReturnOperation(await this.http.call('POST', '/payment/return', body, this.creating()));
  }

  async returnCreate(request: { externalId: string }): Promise<ReturnQr> {
    const body = { DeviceToken: this.token(), ExternalId: request.externalId };
    const d = unwrap(await this.http.call('POST', '/return/create', body, this.creating()), returnCreateDataSchema, false);
    return {
      qrToken: d.QrToken,
      qrReturnId: d.QrReturnId,
      expireDate: d.ExpireDate,
      pollIntervalS: d.QrReturnBehaviorOptions.QrCodeScanEventPollingInterval,
      scanTimeoutS: d.QrReturnBehaviorOptions.QrCodeScanWaitTimeout,
    };
  }

  async returnStatus(qrReturnId: string): Promise<string> {
    const raw = await this.http.call('GET', `/return/status/${encodeURIComponent(qrReturnId)}`, undefined, { idempotent: true });
    return unwrap(raw, z.object({ Status: z.string().min(1).max(64) }).passthrough()).Status;
  }

  async returnOperations(qrReturnId: string): Promise<{ qrPaymentId: string; amountTiyn: number; transactionDate: string | null }[]> {
    const body = { DeviceToken: this.token(), QrReturnId: int64(qrReturnId), MaxResult: 10 };
    const data = unwrap(await this.http.call('POST', '/return/operations', body, { idempotent: true }), returnOperationsDataSchema);
    return data.map((o) => ({ qrPaymentId: o.QrPaymentId, amountTiyn: o.Amount, transactionDate: o.TransactionDate ?? null }));
  }

  /** Kaspi's test-host emulation hooks; the body uses lower-case `qrPaymentId` (KASPI_QR_API.md §5.12). */
  async testHook(hook: TestHook, qrPaymentId: string): Promise<void> {
    unwrap(await this.http.call('POST', `/test/payment/${hook}`, { qrPaymentId }, { idempotent: true }), anything);
  }

  private purchaseBody(request: { amountTiyn: number; externalId: string }): Record<string, unknown> {
    return this.withBin({ DeviceToken: this.token(), Amount: tengeNumber(request.amountTiyn), ExternalId: request.externalId });
  }

  private creating() {
    return { idempotent: false, timeoutMs: this.config.createTimeoutMs ?? 25_000 };
  }

  private withBin(body: Record<string, unknown>): Record<string, unknown> {
    return this.scheme === 'r3' ? { ...body, OrganizationBin: this.bin() } : body;
  }

  private bin(): string {
    if (!this.config.organizationBin) throw new KaspiError('rejected', null, 'bin_missing');
    return this.config.organizationBin;
  }

  private token(): string {
    if (!this.config.deviceToken) throw new KaspiError('rejected', null, 'device_not_registered');
    return this.config.deviceToken;
  }
}

/** An answer that says v02 is not served here — not a passing state of the server (408, 429, 5xx, -999). */
function refusesV02(error: KaspiError): boolean {
  if (error.message === 'http_408' || error.message === 'http_429') return false;
  return error.kind === 'rejected' || error.message === 'malformed' || error.message === 'unexpected_data' || /^http_4\d\d$/.test(error.message) || error.message === 'http_501';
}
