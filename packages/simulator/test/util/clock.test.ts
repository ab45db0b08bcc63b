import { Clock } from '../../src/util/clock';

describe('simulator clock', () => {
  it('reads its source plus everything advanced, and refuses going back', () => {
    let t = 1_000;
    const clock = new Clock(() => t);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(120_000)).toBe(121_000);
    t = 2_000;
    expect(clock.now()).toBe(122_000);
    expect(clock.advance(0)).toBe(122_000);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => clock.advance(bad)).toThrow('advanceMs must be a non-negative number');
    expect(clock.now()).toBe(122_000);
  });

  it('follows Date.now by default', () => {
    const before = Date.now();
    const now = new Clock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
