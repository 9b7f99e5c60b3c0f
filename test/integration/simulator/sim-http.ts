// Plain node:http/node:https calls to a running simulator, as a Kaspi client would make them
// (X-Request-ID, Api-Key, client certificate as PKCS#12). Deliberately not the app's Kaspi client.
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';

export interface TlsClient {
  pfx?: Buffer;
  passphrase?: string;
  ca?: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  rawBody?: string;
  /** false = send no X-Request-ID. */
  requestId?: string | false;
  /** false = send no Api-Key. */
  apiKey?: string | false;
  headers?: Record<string, string>;
  tls?: TlsClient;
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

export function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(path, baseUrl);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.requestId !== false) headers['X-Request-ID'] = options.requestId ?? randomUUID().replaceAll('-', '');
  if (options.apiKey !== false && options.apiKey !== undefined) headers['Api-Key'] = options.apiKey;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
        ...(url.protocol === 'https:' ? { ...options.tls } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            /* malformed on purpose in some tests */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A client bound to one scheme of one server: `k.post('qr/create', {...})`. */
export class SimClient {
  constructor(
    readonly server: Pick<SimulatorServer, 'url'>,
    readonly scheme: 'r1' | 'r2' | 'r3',
    readonly defaults: CallOptions = {},
  ) {}

  private opts(extra: CallOptions): CallOptions {
    const apiKey = this.scheme === 'r1' ? 'test_0123456789abcdef0123456789abcdef' : undefined;
    return { apiKey, ...this.defaults, ...extra };
  }

  get(endpoint: string, extra: CallOptions = {}): Promise<CallResult> {
    return call(this.server.url, `/${this.scheme}/v01/${endpoint}`, this.opts({ method: 'GET', ...extra }));
  }

  getV02(endpoint: string, extra: CallOptions = {}): Promise<CallResult> {
    return call(this.server.url, `/${this.scheme}/v02/${endpoint}`, this.opts({ method: 'GET', ...extra }));
  }

  post(endpoint: string, body: unknown, extra: CallOptions = {}): Promise<CallResult> {
    return call(this.server.url, `/${this.scheme}/v01/${endpoint}`, this.opts({ method: 'POST', body, ...extra }));
  }

  /** Registers a device and returns its token (fails the test on a non-zero code). */
  async register(deviceId: string, tradePointId = 4200001, extraBody: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post('device/register', { DeviceId: deviceId, TradePointId: tradePointId, ...extraBody });
    if (res.json?.StatusCode !== 0) throw new Error(`register failed: ${res.text}`);
    return res.json.Data.DeviceToken as string;
  }

  /** qr/create and returns the purchase id as a string. */
  async createQr(deviceToken: string, amount: number, extraBody: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post('qr/create', { DeviceToken: deviceToken, Amount: amount, ExternalId: 'T-1', ...extraBody });
    if (res.json?.StatusCode !== 0) throw new Error(`qr/create failed: ${res.text}`);
    return String(res.json.Data.QrPaymentId);
  }

  /** The buyer scans and confirms. */
  async pay(qrPaymentId: string, buyerId?: string): Promise<void> {
    for (const hook of ['scan', 'confirm']) {
      const res = await this.post(`test/payment/${hook}`, { qrPaymentId, ...(hook === 'scan' && buyerId ? { buyerId } : {}) });
      if (res.json?.StatusCode !== 0) throw new Error(`${hook} failed: ${res.text}`);
    }
  }
}

/** Control endpoints (/_sim/*), plain JSON. */
export function control(baseUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, tls?: TlsClient) {
  return call(baseUrl, `/_sim/${path}`, { method, body, tls, requestId: false });
}
