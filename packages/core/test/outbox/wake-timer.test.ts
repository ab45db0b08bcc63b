import type { Clock } from '../../src/outbox/clock';
import { WakeTimer } from '../../src/outbox/wake-timer';

/** A clock whose timers fire only when the test moves time on. */
function manualClock(): Clock & { advance(ms: number): void; pending(): number } {
  let t = 1_000;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    random: () => 0,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void (timers = timers.filter((x) => x !== timer)),
    advance(ms: number) {
      t += ms;
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      for (const timer of due) timer.fn();
    },
    pending: () => timers.length,
  } as Clock & { advance(ms: number): void; pending(): number };
}

describe('WakeTimer', () => {
  it('wakes at the earliest time asked for; a later request does not push it back', () => {
    const clock = manualClock();
    const fired: number[] = [];
    const wake = new WakeTimer(clock, () => fired.push(clock.now()));
    wake.at(clock.now() + 900);
    wake.at(clock.now() + 500);
    wake.at(clock.now() + 700);
    expect(clock.pending()).toBe(1);
    clock.advance(500);
    expect(fired).toEqual([1_500]);
    clock.advance(1_000);
    expect(fired).toEqual([1_500]);
  });

  it('can be asked again after it fired, and cancelled', () => {
    const clock = manualClock();
    let fired = 0;
    const wake = new WakeTimer(clock, () => (fired += 1));
    wake.at(Infinity);
    expect(clock.pending()).toBe(0);
    wake.at(clock.now() + 10);
    clock.advance(10);
    wake.at(clock.now() + 10);
    wake.cancel();
    clock.advance(100);
    expect(fired).toBe(1);
    expect(clock.pending()).toBe(0);
  });
});
