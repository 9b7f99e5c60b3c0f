// The Electron shell end to end: both windows on kassa://app, the CSP header, navigation and popups
// blocked, a bridge without Electron internals, IPC audiences and event routing per window.
// Skipped (with the reason) where node_modules/electron/dist does not exist.
import { BRIDGE_OWN_KEYS } from '../../shared/bridge.js';
import { CHANNEL_NAMES, splitChannel } from '../../shared/contract.js';
import {
  CASHIER_URL,
  CONTENT_SECURITY_POLICY,
  CUSTOMER_URL,
} from '../../main/electron/protocol-paths.js';
import { ELECTRON_INSTALLED, expect, SKIP_REASON, test, type KassaWindow } from './fixtures.js';

test.skip(!ELECTRON_INSTALLED, SKIP_REASON);

test('opens the cashier and the customer display windows on kassa://app', async ({ app, cashier, customer }) => {
  expect(cashier.url()).toBe(CASHIER_URL);
  expect(customer.url()).toBe(CUSTOMER_URL);
  expect(app.windows()).toHaveLength(2);
  for (const page of [cashier, customer]) {
    expect(await page.evaluate(() => (window as unknown as KassaWindow).kassa.transport)).toBe('electron');
  }
  // The windows' own count from main: no hidden extra window (DevTools, popups).
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(2);
});

test('serves the renderer with the strict CSP header and refuses traversal', async ({ cashier }) => {
  const response = await cashier.evaluate(async () => {
    const r = await fetch('/customer');
    return { status: r.status, csp: r.headers.get('content-security-policy'), type: r.headers.get('content-type') };
  });
  expect(response).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, type: 'text/html; charset=utf-8' });

  const traversal = await cashier.evaluate(async () => (await fetch('/..%2f..%2fpackage.json')).status);
  expect(traversal).toBe(403);

  // The policy is enforced, not just sent: an injected inline script does not run.
  const directive = await cashier.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.__kassaInline = true';
        document.head.append(script);
        setTimeout(() => resolve('no violation'), 3_000);
      }),
  );
  expect(directive).toBe('script-src-elem');
  expect(await cashier.evaluate(() => '__kassaInline' in window)).toBe(false);
});

test('blocks navigation to an external URL', async ({ app, cashier }) => {
  await cashier.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await cashier.waitForTimeout(1_000);
  expect(cashier.url()).toBe(CASHIER_URL);

  await cashier.evaluate(() => {
    window.location.assign('file:///etc/passwd');
  });
  await cashier.waitForTimeout(1_000);
  expect(cashier.url()).toBe(CASHIER_URL);

  const urls = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
  );
  expect(urls.sort()).toEqual([CASHIER_URL, CUSTOMER_URL].sort());
});

test('denies window.open', async ({ app, cashier, customer }) => {
  for (const page of [cashier, customer]) {
    const opened = await page.evaluate(() => [
      window.open('https://example.com/') === null,
      window.open('/customer') === null,
      window.open('about:blank', '_blank') === null,
    ]);
    expect(opened).toEqual([true, true, true]);
  }
  await cashier.waitForTimeout(500);
  expect(app.windows()).toHaveLength(2);
});

test('window.kassa exposes named functions only: no ipcRenderer, require or process', async ({ cashier, customer }) => {
  const namespaces = [...new Set(CHANNEL_NAMES.map((c) => splitChannel(c)[0]))];
  for (const page of [cashier, customer]) {
    const shape = await page.evaluate(() => {
      const kassa = (window as unknown as KassaWindow).kassa as unknown as Record<string, unknown>;
      const namespaceValues = Object.entries(kassa)
        .filter(([, v]) => typeof v === 'object' && v !== null)
        .flatMap(([, v]) => Object.values(v as Record<string, unknown>));
      return {
        keys: Object.keys(kassa).sort(),
        ipcRenderer: 'ipcRenderer' in kassa,
        onlyFunctions: namespaceValues.every((v) => typeof v === 'function'),
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        module: typeof (globalThis as Record<string, unknown>).module,
        electron: typeof (globalThis as Record<string, unknown>).electron,
      };
    });
    expect(shape).toEqual({
      keys: [...namespaces, ...BRIDGE_OWN_KEYS].sort(),
      ipcRenderer: false,
      onlyFunctions: true,
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      electron: 'undefined',
    });
  }
});

test('the customer window may not call cashier channels', async ({ customer, cashier }) => {
  const charge = await customer.evaluate(() =>
    (window as unknown as KassaWindow).kassa.payments.charge({ amountTiyn: 100 }),
  );
  expect(charge).toEqual({ ok: false, error: { code: 'forbidden' } });

  const info = await customer.evaluate(() => (window as unknown as KassaWindow).kassa.app.info({}));
  expect(info).toEqual({ ok: false, error: { code: 'forbidden' } });

  const settings = await cashier.evaluate(() => (window as unknown as KassaWindow).kassa.settings.get({}));
  expect(settings.ok).toBe(true);
});

test('events reach only the windows whose audience may see them, payload only', async ({ cashier, customer }) => {
  const subscribe = () => {
    const w = window as unknown as KassaWindow & { __events: { name: string; args: number }[] };
    w.__events = [];
    for (const name of ['settings.changed', 'customer.updated'] as const) {
      w.kassa.on(name, (...args: unknown[]) => w.__events.push({ name, args: args.length }));
    }
  };
  await cashier.evaluate(subscribe);
  await customer.evaluate(subscribe);

  const updated = await cashier.evaluate(() =>
    (window as unknown as KassaWindow).kassa.settings.update({ shopName: 'Дүкен №1' }),
  );
  expect(updated.ok).toBe(true);

  const eventsOf = (page: typeof cashier) =>
    page.evaluate(() => (window as unknown as { __events: { name: string; args: number }[] }).__events);
  await expect.poll(() => eventsOf(cashier)).toEqual(
    expect.arrayContaining([
      { name: 'settings.changed', args: 1 },
      { name: 'customer.updated', args: 1 },
    ]),
  );
  await expect.poll(() => eventsOf(customer)).toContainEqual({ name: 'customer.updated', args: 1 });
  expect(await eventsOf(customer)).not.toContainEqual(expect.objectContaining({ name: 'settings.changed' }));
});
