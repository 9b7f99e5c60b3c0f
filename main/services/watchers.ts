// One pending timer per watched record (a sale, a refund): scheduling again replaces the previous
// timer, and close() stops them all. The task's failures are reported, never thrown into a timer.
import type { Scheduler } from './scheduler.js';

export class Watchers {
  private readonly timers = new Map<string, unknown>();
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly task: (id: string) => Promise<void>,
    private readonly onError: (id: string, error: unknown) => void,
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
        (task ?? (() => this.task(id)))().catch((error: unknown) => this.onError(id, error));
      }, Math.max(0, delayMs)),
    );
  }

  close(): void {
    this.stopped = true;
    for (const handle of this.timers.values()) this.scheduler.clearTimeout(handle);
    this.timers.clear();
  }
}
