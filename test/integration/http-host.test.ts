// The loopback host over real HTTP on 127.0.0.1: tokens, audiences, limits, SSE and static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import { ownHostNames, type RunningHost } from '../../main/host/http-host.js';
import { openCore, openHost, snapshot, tokenOf } from '../helpers/core-harness.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

let core: KassaCore;
let host: RunningHost;
let dataDir: string;
let cleanup: () => void;
let cashier: string;
let customer: string;

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = tempDir());
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kassa</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'secret.txt'), 'do not serve');
  core = await openCore(join(dataDir, 'data'));
  host = await openHost(core, rendererDir);
  cashier = tokenOf(host.cashierUrl);
  customer = tokenOf(host.customerUrl);
});
afterAll(async () => {
  await host.close();
  await core.close();
  cleanup();
});

function api(channel: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-kassa-token': token } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request, so the Host header can be forged. */
function rawGet(path: string, hostHeader: string): Promise<number> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback host', () => {
  it('binds 127.0.0.1 and prints full URLs carrying distinct tokens', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.cashierUrl.startsWith(`${host.origin}/?token=`)).toBe(true);
    expect(host.customerUrl.startsWith(`${host.origin}/customer?token=`)).toBe(true);
    expect(cashier).not.toBe(customer);
    expect(cashier.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 401 without a token or with a wrong one, changing nothing', async () => {
    const before = snapshot(join(dataDir, 'data'));
    for (const token of [undefined, 'wrong', `${cashier}x`, cashier.slice(1)]) {
      const res = await api('payments.charge', { amountTiyn: 100 }, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'unauthorized' } });
    }
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toMatch(/^Нет доступа: .*\nҚол жеткізу жоқ: .*\nUnauthorized: /);
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${host.origin}/events`)).status).toBe(401);
    expect(snapshot(join(dataDir, 'data'))).toBe(before);
  });

  it('lets the customer token reach only the customer channels', async () => {
    expect(await (await api('payments.list', {}, customer)).json()).toEqual({ ok: false, error: { code: 'forbidden' } });
    // app.info carries the settings (device, BIN, Kaspi address): the cashier's only
    expect(await (await api('app.info', {}, customer)).json()).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(((await (await api('app.info', {}, cashier)).json()) as { ok: boolean }).ok).toBe(true);
    const view = (await (await api('customer.view', {}, customer)).json()) as { ok: boolean; data: object };
    expect(view.ok).toBe(true);
    expect(Object.keys(view.data).sort()).toEqual(['demo', 'locale', 'refund', 'sale', 'shopName']);
  });

  it('refuses foreign Host headers (DNS rebinding), bad JSON, wrong content type and huge bodies', async () => {
    const { port } = new URL(host.origin);
    expect(await rawGet(`/?token=${cashier}`, `evil.example:${port}`)).toBe(421);
    expect(await rawGet(`/?token=${cashier}`, `127.0.0.1:${port}`)).toBe(200);
    expect((await api('payments.list', '{not json', cashier)).status).toBe(400);
    expect((await api('payments.list', {}, cashier, { 'content-type': 'text/plain' })).status).toBe(415);
    const big = await api('payments.charge', { amountTiyn: 100, description: 'x'.repeat(3_000_000) }, cashier);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ ok: false, error: { code: 'payload_too_large' } });
    // the largest request the contract allows still fits: "mark all matched" over 5000 pairs
    const mark = await api('reconcile.mark', { pairIds: Array.from({ length: 5000 }, (_, i) => `${i}`.padStart(200, 'p')) }, cashier);
    expect(mark.status).toBe(200);
    expect(((await mark.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('answers a malformed channel name as an unknown channel, not an internal error', async () => {
    const res = await api('%E0%A4%A', {}, cashier);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('sets a session cookie that opens the page files but is no token', async () => {
    const page = await fetch(`${host.origin}/?token=${cashier}`);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const value = cookie.slice(cookie.indexOf('=') + 1);
    expect(value.length).toBeGreaterThanOrEqual(40);
    expect([cashier, customer]).not.toContain(value);
    expect((await fetch(`${host.origin}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
    const before = snapshot(join(dataDir, 'data'));
    expect((await api('payments.charge', { amountTiyn: 100 }, value, { cookie })).status).toBe(401);
    expect((await api('payments.charge', { amountTiyn: 100 }, undefined, { cookie })).status).toBe(401);
    expect((await fetch(`${host.origin}/events?token=${value}`)).status).toBe(401);
    expect(snapshot(join(dataDir, 'data'))).toBe(before);
  });

  it('two tills in one browser: each keeps its own session cookie, so a reload of either still opens', async () => {
    const other = await openHost(core, join(dataDir, 'renderer'));
    try {
      const jar = new Map<string, string>(); // a browser's cookies of 127.0.0.1: shared by every port, kept by name
      const open = async (origin: string, query = '') => {
        const page = await fetch(`${origin}/${query}`, { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        const set = page.headers.get('set-cookie');
        if (set) {
          const [pair] = set.split(';');
          jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
        }
        return page.status;
      };
      expect(await open(host.origin, `?token=${cashier}`)).toBe(200);
      expect(await open(other.origin, `?token=${tokenOf(other.cashierUrl)}`)).toBe(200);
      expect(await open(host.origin)).toBe(200); // F5 on the first till, its token long gone from the address
      expect(await open(other.origin)).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers the Host header a browser sends for port 80 (no port in it) only on port 80', async () => {
    expect(ownHostNames(80)).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost', '127.0.0.1:80']));
    expect(ownHostNames(8080)).toEqual(['127.0.0.1:8080', 'localhost:8080']);
    expect(await rawGet('/', '127.0.0.1')).toBe(421); // this host is not on port 80
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const page = await fetch(`${host.origin}/customer?token=${customer}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const asset = await fetch(`${host.origin}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00.js', '/assets%5c..%5c..%5csecret.txt']) {
      const res = await fetch(`${host.origin}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('streams events over SSE to each audience', async () => {
    const controller = new AbortController();
    const received: string[] = [];
    const cashierStream = await fetch(`${host.origin}/events?token=${cashier}`, { signal: controller.signal });
    const customerStream = await fetch(`${host.origin}/events?token=${customer}`, { signal: controller.signal });
    const read = async (res: Response, label: string) => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const m of decoder.decode(value).matchAll(/^event: (.+)$/gm)) received.push(`${label}:${m[1]}`);
        }
      } catch {
        // aborted
      }
    };
    const reading = Promise.all([read(cashierStream, 'cashier'), read(customerStream, 'customer')]);
    const sale = (await (await api('payments.charge', { amountTiyn: 450000 }, cashier)).json()) as { ok: boolean; data: { id: string } };
    expect(sale.ok).toBe(true);
    await api('payments.cancel', { saleId: sale.data.id }, cashier);
    // frames go out in order: once these arrived, a sale.updated sent to the customer would have too
    const expected = ['cashier:sale.updated', 'cashier:customer.updated', 'customer:customer.updated'];
    await waitFor(() => expected.every((e) => received.includes(e)));
    controller.abort();
    await reading;
    expect(received).toContain('cashier:sale.updated');
    expect(received).toContain('cashier:customer.updated');
    expect(received).toContain('customer:customer.updated');
    expect(received).not.toContain('customer:sale.updated');
  });
});
