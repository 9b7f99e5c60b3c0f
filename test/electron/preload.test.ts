// The preload under plain Node against fake-electron.ts: window.kassa is derived from the contract,
// holds named functions only, invokes the channel it is named after, and hands event listeners the
// payload alone (never ipcRenderer or the IpcRendererEvent).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_OWN_KEYS, type KassaBridge } from '../../shared/bridge.js';
import { CHANNEL_NAMES, splitChannel } from '../../shared/contract.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule());

let kassa: KassaBridge;

beforeAll(async () => {
  await import('../../preload/preload.js');
  kassa = fake.exposed.get('kassa') as KassaBridge;
});

describe('preload bridge', () => {
  it('exposes exactly one key, "kassa"', () => {
    expect([...fake.exposed.keys()]).toEqual(['kassa']);
  });

  it('has one named function per contract channel, grouped by namespace, plus transport and on', () => {
    const expected = new Map<string, string[]>();
    for (const channel of CHANNEL_NAMES) {
      const [ns, method] = splitChannel(channel);
      expected.set(ns, [...(expected.get(ns) ?? []), method]);
    }
    const bridge = kassa as unknown as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...expected.keys(), ...BRIDGE_OWN_KEYS].sort());
    expect(bridge.transport).toBe('electron');
    for (const [ns, methods] of expected) {
      const namespace = bridge[ns] as Record<string, unknown>;
      expect(Object.keys(namespace).sort()).toEqual([...methods].sort());
      for (const method of methods) expect(typeof namespace[method]).toBe('function');
    }
  });

  it('files.register sends only the path Electron knows for a chosen File', async () => {
    fake.ipcRenderer.invoked.length = 0;
    await kassa.files.register({ chosenPath: '/home/shop/report.xlsx' });
    await kassa.files.register(new Blob(['made up by script']));
    expect(fake.ipcRenderer.invoked).toEqual([
      ['kassa:files.register', '/home/shop/report.xlsx'],
      ['kassa:files.register', ''],
    ]);
  });

  it('never exposes ipcRenderer or electron objects', () => {
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      expect(value).not.toBe(fake.ipcRenderer);
      for (const child of Object.values(value)) walk(child);
    };
    walk(kassa);
    expect(JSON.stringify(Object.keys(kassa))).not.toMatch(/ipc|require|process/i);
  });

  it('invokes the channel the function is named after, with the request only', async () => {
    fake.ipcRenderer.invoked.length = 0;
    await kassa.payments.charge({ amountTiyn: 1500 });
    await kassa.app.info({});
    expect(fake.ipcRenderer.invoked).toEqual([
      ['payments.charge', { amountTiyn: 1500 }],
      ['app.info', {}],
    ]);
  });

  it('delivers events by name with the payload as the only argument; unsubscribe stops them', () => {
    const sale = vi.fn();
    const settings = vi.fn();
    const off = kassa.on('sale.updated', sale);
    kassa.on('settings.changed', settings);
    const ipcEvent = { sender: fake.ipcRenderer, ports: [] };

    fake.ipcRenderer.emit('kassa:event', ipcEvent, 'sale.updated', { id: 's1' });
    fake.ipcRenderer.emit('kassa:event', ipcEvent, 'not.an.event', { id: 'x' });
    expect(sale).toHaveBeenCalledTimes(1);
    expect(sale.mock.calls[0]).toEqual([{ id: 's1' }]);
    expect(settings).not.toHaveBeenCalled();

    off();
    fake.ipcRenderer.emit('kassa:event', ipcEvent, 'sale.updated', { id: 's2' });
    expect(sale).toHaveBeenCalledTimes(1);
  });

  it('rejects unknown events and non-function listeners', () => {
    expect(() => kassa.on('bogus' as never, () => {})).toThrow(TypeError);
    expect(() => kassa.on('sale.updated', 'alert(1)' as never)).toThrow(TypeError);
  });

  it('keeps one ipcRenderer listener however many subscriptions', () => {
    const offs = Array.from({ length: 20 }, () => kassa.on('customer.updated', () => {}));
    expect(fake.ipcRenderer.listenerCount('kassa:event')).toBe(1);
    for (const off of offs) off();
  });

  it('a throwing listener does not stop the others', () => {
    const good = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const offBad = kassa.on('customer.updated', () => {
      throw new Error('boom');
    });
    const offGood = kassa.on('customer.updated', good);
    fake.ipcRenderer.emit('kassa:event', {}, 'customer.updated', { shopName: 'x' });
    expect(good).toHaveBeenCalledOnce();
    offBad();
    offGood();
    error.mockRestore();
  });
});
