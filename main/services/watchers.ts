// One pending timer per watched record (a sale, a refund): scheduling again replaces the previous
// timer, and close() stops them all. A step that throws (a transient SQLite error such as a full disk,
// a bug) is reported and the same record is watched again after a backoff: one exception must never
// end a sale's or a refund's watch for the rest of the session.
import type { Scheduler } from './scheduler.js';

/** Retry delays after consecutive failures of one record's step: 5 s, 10 s, 20 s, then every 30 s. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 30_000;

function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));
}

export class Watchers {
  private readonly timers = new Map<string, unknown>();
  /** Consecutive failed steps per record; cleared by a step that completes. */
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly task: (id: string) => Promise<void>,
    /** Told of every failed step and when it will be tried again. */
    private readonly onError: (id: string, error: unknown, retryInMs: number) => void,
  ) {}

  get closed(): boolean {
    return this.stopped;
  }

  /** Runs the watch task for `id` after `delayMs` (or `task` instead, for a one-off). */
  schedule(id: string, delayMs: number, task?: () => Promise<void>): void {
    if (this.stopped) return;
    const previous = this.timers.get(id);
    if (previous) this.scheduler.clearTimeout(previous);
    this.timers.set(
      id,
      this.scheduler.setTimeout(() => {
        this.timers.delete(id);
        void this.run(id, task);
      }, Math.max(0, delayMs)),
    );
  }

  close(): void {
    this.stopped = true;
    for (const handle of this.timers.values()) this.scheduler.clearTimeout(handle);
    this.timers.clear();
    this.failures.clear();
  }

  private async run(id: string, task: (() => Promise<void>) | undefined): Promise<void> {
    try {
      await (task ?? (() => this.task(id)))();
      this.failures.delete(id);
    } catch (error) {
      const failures = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, failures);
      const retryInMs = retryDelayMs(failures);
      try {
        this.onError(id, error, retryInMs);
      } catch {
        // A failing logger must not cost the retry.
      }
      // The step may have planned its next run before it failed: that plan stands.
      if (!this.stopped && !this.timers.has(id)) this.schedule(id, retryInMs, task);
    }
  }
}
