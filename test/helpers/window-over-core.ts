// A Kassa window's state modules over the real core, wired as the Electron preload wires them
// (window.kassa), except that the test decides when replies and events reach the window. On a real
// link (HTTP + SSE) a reply is not ordered against events, nor against another reply; the races a
// window must survive are played here on purpose, with real main answers.
import { channels, events, splitChannel, type Channel, type EventName } from '../../shared/contract.js';
import type { Audience } from '../../shared/contract.js';
import { afterEach, beforeEach, vi } from 'vitest';
import type { KassaCore } from '../../main/app-core.js';
import { openCore } from './core-harness.js';
import { tempDir } from './temp-dir.js';

interface Held {
  channel: string;
  deliver: () => void;
}

export interface WindowOverCore {
  /** The next call of `channel` is answered by main at once, but its reply waits for `release`. */
  holdNext(channel: Channel): void;
  /** Delivers held replies of `channel`: the newest first when `newestFirst`. Waits until one is held. */
  release(channel: Channel, options?: { newestFirst?: boolean }): Promise<void>;
  /** Until `unmute`, main's events are lost to this window (its event stream is down). */
  mute(): void;
  unmute(): void;
  close(): void;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Installs `window.kassa` for `audience`; import the renderer's modules after this (vi.resetModules first). */
export function windowOverCore(core: KassaCore, audience: Audience): WindowOverCore {
  const toHold = new Map<string, number>();
  const held: Held[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let muted = false;
  const bridge: Record<string, unknown> = {
    transport: 'electron',
    on(event: string, listener: (payload: unknown) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    files: { register: () => Promise.resolve({ ok: false, error: { code: 'unknown_channel' } }) },
  };
  for (const channel of Object.keys(channels) as Channel[]) {
    const [ns, method] = splitChannel(channel);
    const namespace = (bridge[ns] ??= {}) as Record<string, (request: unknown) => Promise<unknown>>;
    namespace[method] = async (request) => {
      const envelope = await core.invoke(channel, request, audience);
      const holds = toHold.get(channel) ?? 0;
      if (holds === 0) return envelope;
      toHold.set(channel, holds - 1);
      return new Promise((resolve) => held.push({ channel, deliver: () => resolve(envelope) }));
    };
  }
  const stop = core.onEvent((name: EventName, payload) => {
    if (muted || !events[name].audience.includes(audience)) return;
    listeners.get(name)?.forEach((listener) => listener(payload));
  });
  (globalThis as { window?: unknown }).window = { kassa: bridge };
  return {
    holdNext(channel) {
      toHold.set(channel, (toHold.get(channel) ?? 0) + 1);
    },
    async release(channel, options = {}) {
      for (let i = 0; i < 500 && !held.some((h) => h.channel === channel); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const mine = held.filter((h) => h.channel === channel);
      if (mine.length === 0) throw new Error(`no reply of ${channel} is held`);
      const next = options.newestFirst ? mine.at(-1)! : mine[0]!;
      held.splice(held.indexOf(next), 1);
      next.deliver();
      await settle();
    },
    mute() {
      muted = true;
    },
    unmute() {
      muted = false;
    },
    close() {
      stop();
      delete (globalThis as { window?: unknown }).window;
    },
  };
}

export interface CoreWindowTest {
  /** This test's data folder (its database: kassa.db). */
  readonly dir: string;
  /** The real core over it (demo mode). */
  readonly core: KassaCore;
  /** Installs this test's window of `audience`; import the renderer's modules after it. */
  window(audience: Audience): WindowOverCore;
}

/**
 * One set-up for the tests of a window's state over the real core: before each test a fresh folder, a
 * core over it and fresh renderer modules (every test its own window: fresh stores); after it, all closed.
 */
export function coreWindowPerTest(): CoreWindowTest {
  let current: { dir: string; cleanup: () => void; core: KassaCore; win: WindowOverCore | null } | null = null;
  const now = () => {
    if (!current) throw new Error('coreWindowPerTest() is only there while a test runs');
    return current;
  };
  beforeEach(async () => {
    const { dir, cleanup } = tempDir();
    current = { dir, cleanup, core: await openCore(dir), win: null };
    vi.resetModules();
  });
  afterEach(async () => {
    const { cleanup, core, win } = now();
    current = null;
    win?.close();
    await core.close();
    cleanup();
  });
  return {
    get dir() {
      return now().dir;
    },
    get core() {
      return now().core;
    },
    window(audience) {
      const test = now();
      test.win = windowOverCore(test.core, audience);
      return test.win;
    },
  };
}
