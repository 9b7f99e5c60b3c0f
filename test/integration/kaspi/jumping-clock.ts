// The till's wall clock, which a test can jump (NTP, Windows time sync, a cashier fixing the time),
// over a manual monotonic clock that never jumps.
import { ManualScheduler } from '../../helpers/manual-scheduler.js';

export class JumpingClock extends ManualScheduler {
  jumpMs = 0;
  override now(): number {
    return super.now() + this.jumpMs;
  }
  monotonic(): number {
    return super.now();
  }
}
