// The real scheduler's timers: one due weeks ahead (a clock set back that far) waits, capped at what
// Node can time, instead of firing at once — Node runs an overlong timer after 1 ms, and a watcher
// re-arming it would spin.
import { expect, it } from 'vitest';
import { MAX_TIMER_MS, realScheduler } from '../../main/services/scheduler.js';

it('a timer 30 days ahead is armed for the longest delay Node can time, and does not fire now', async () => {
  let fired = false;
  const handle = realScheduler.setTimeout(() => (fired = true), 30 * 24 * 60 * 60 * 1000);
  try {
    expect((handle as { _idleTimeout?: number })._idleTimeout).toBe(MAX_TIMER_MS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(false);
  } finally {
    realScheduler.clearTimeout(handle);
  }
});
