import { WakeTimer } from '../../src/outbox/wake-timer';
import { FakeClock } from '../fixtures/fake-clock';

describe('WakeTimer', () => {
  it('wakes at the earliest time asked for; a later request does not push it back', async () => {
    const clock = new FakeClock(1_000);
    const fired: number[] = [];
    const wake = new WakeTimer(clock, () => fired.push(clock.now()));
    wake.at(clock.now() + 900);
    wake.at(clock.now() + 500);
    wake.at(clock.now() + 700);
    expect(clock.pending).toBe(1);
    await clock.advance(500);
    expect(fired).toEqual([1_500]);
    await clock.advance(1_000);
    expect(fired).toEqual([1_500]);
  });

  it('can be asked again after it fired, and cancelled', async () => {
    const clock = new FakeClock(1_000);
    let fired = 0;
    const wake = new WakeTimer(clock, () => (fired += 1));
    wake.at(Infinity);
    expect(clock.pending).toBe(0);
    wake.at(clock.now() + 10);
    await clock.advance(10);
    wake.at(clock.now() + 10);
    wake.cancel();
    await clock.advance(100);
    expect(fired).toBe(1);
    expect(clock.pending).toBe(0);
  });
});
