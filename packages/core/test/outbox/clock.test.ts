import { dayOf, systemClock } from '../../src/outbox/clock';

describe('dayOf', () => {
  it('the local calendar day, zero-padded', () => {
    expect(dayOf(new Date(2024, 4, 1, 0, 0, 1).getTime())).toBe('2024-05-01');
    expect(dayOf(new Date(2024, 11, 31, 23, 59, 59).getTime())).toBe('2024-12-31');
    expect(dayOf(new Date(2025, 0, 1, 0, 0, 0).getTime())).toBe('2025-01-01');
  });
});

describe('systemClock', () => {
  it('runs a timer (a negative delay as 0), clears one, reads the time and a random in [0, 1)', async () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const r = systemClock.random();
    expect(r >= 0 && r < 1).toBe(true);
    let cleared = false;
    const handle = systemClock.setTimer(() => (cleared = true), 0);
    systemClock.clearTimer(handle);
    await new Promise<void>((resolve) => systemClock.setTimer(resolve, -5));
    expect(cleared).toBe(false);
  });

  it('its timers do not keep the process alive', () => {
    const handle = systemClock.setTimer(() => undefined, 60_000) as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
    systemClock.clearTimer(handle);
  });
});
