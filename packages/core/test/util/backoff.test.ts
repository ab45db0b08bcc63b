import { getEventListeners } from 'node:events';
import { backoffDelay, DEFAULT_BACKOFF, sleep } from '../../src/util/backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, capMs: 10_000 };

  it('doubles the ceiling per attempt: random 0 gives half of it, random 1 all of it', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
  });

  it('stays within [ceiling/2, ceiling] for any random value in [0, 1)', () => {
    for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.999999]) {
      const d = backoffDelay(4, policy, () => r);
      expect(d).toBeGreaterThanOrEqual(800);
      expect(d).toBeLessThanOrEqual(1600);
    }
  });

  it('is capped, also for huge attempt numbers (no Infinity, no NaN)', () => {
    expect(backoffDelay(7, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(7, policy, () => 0)).toBe(5_000);
    expect(backoffDelay(1e6, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, { baseMs: 1, capMs: Number.MAX_SAFE_INTEGER }, () => 1)).toBe(2 ** 20);
  });

  it('rounds to whole milliseconds', () => {
    expect(backoffDelay(0, { baseMs: 3, capMs: 100 }, () => 0)).toBe(2); // 1.5 rounds up
    expect(Number.isInteger(backoffDelay(3, policy, () => 0.123456))).toBe(true);
  });

  it('defaults to 1 s doubling up to 30 s', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1000, capMs: 30_000 });
    expect(backoffDelay(0, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(10, undefined, () => 1)).toBe(30_000);
    const d = backoffDelay(1);
    expect(d).toBeGreaterThanOrEqual(1000);
    expect(d).toBeLessThanOrEqual(2000);
  });
});

describe('sleep', () => {
  it('resolves', async () => {
    await expect(sleep(0)).resolves.toBeUndefined();
  });

  it('rejects with the signal’s reason when already aborted, without waiting', async () => {
    const c = new AbortController();
    const reason = new Error('stop');
    c.abort(reason);
    // An hour: the test would time out if sleep waited.
    await expect(sleep(3_600_000, c.signal)).rejects.toBe(reason);
  });

  it('rejects with the reason when aborted while sleeping', async () => {
    const c = new AbortController();
    const reason = new Error('stopping');
    const pending = sleep(3_600_000, c.signal);
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(1);
    c.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('leaves no listener on a long-lived signal once it resolved', async () => {
    const signal = new AbortController().signal;
    for (let i = 0; i < 3; i++) await sleep(0, signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
