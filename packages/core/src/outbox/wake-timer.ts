import type { Clock } from './clock';

/**
 * One timer that fires at the earliest time anyone asked for: the outbox asks to be woken when
 * its first held-back action may go, and a later request never pushes an earlier wake back.
 * @example
 * const wake = new WakeTimer(systemClock, () => pump());
 * wake.at(Date.now() + 500); // pump() in 500 ms
 * wake.at(Date.now() + 900); // no change: 500 ms is sooner
 */
export class WakeTimer {
  private timer: unknown;
  private timerAt = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Wake at `at` (a clock time) unless a wake is already due sooner; Infinity: no wake needed. */
  at(at: number): void {
    if (at === Infinity || at >= this.timerAt) return;
    this.cancel();
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.fire();
    }, at - this.clock.now());
  }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}
