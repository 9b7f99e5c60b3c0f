// Time as the services see it. Real timers in the app; a manual clock in tests.
import { performance } from 'node:perf_hooks';

export interface Scheduler {
  /** Wall-clock time (ms since epoch): what is written to the database and shown. May jump (NTP, the cashier). */
  now(): number;
  /** A clock that never jumps, for measuring how long something took within this process. Defaults to now(). */
  monotonic?(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Node runs a timer longer than this (~24.8 days) after 1 ms: a deadline that far off (a clock set
 * weeks back) would make a watcher spin. Capped, it wakes then and looks again.
 */
export const MAX_TIMER_MS = 2_147_483_647;

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Wall-clock time for one watched record as it would read had the wall clock not jumped since this
 * process first looked at the record: the wall time of that first look plus the monotonic time since.
 * Deadlines of a record being watched are measured with it, so a till clock corrected by minutes (NTP,
 * Windows time sync, a cashier) neither ends Kaspi's timers early nor stretches them. The wall-clock
 * timestamps in the database are still what a restart goes by: a new process has nothing better.
 */
export class SteadyClock {
  private readonly anchors = new Map<string, { wall: number; mono: number }>();

  constructor(private readonly scheduler: Scheduler) {}

  now(id: string): number {
    const anchor = this.anchor(id);
    return anchor.wall + (this.mono() - anchor.mono);
  }

  /** How long this process has been watching the record, by the monotonic clock. */
  watchedMs(id: string): number {
    return this.mono() - this.anchor(id).mono;
  }

  forget(id: string): void {
    this.anchors.delete(id);
  }

  clear(): void {
    this.anchors.clear();
  }

  /** How many ids are timed now (what a long day must not make grow). */
  get size(): number {
    return this.anchors.size;
  }

  private anchor(id: string): { wall: number; mono: number } {
    let anchor = this.anchors.get(id);
    if (!anchor) {
      anchor = { wall: this.scheduler.now(), mono: this.mono() };
      this.anchors.set(id, anchor);
    }
    return anchor;
  }

  private mono(): number {
    return this.scheduler.monotonic ? this.scheduler.monotonic() : this.scheduler.now();
  }
}
