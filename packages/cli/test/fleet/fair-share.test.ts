import { fairLevel, fairShare, handOffCount, type WorkerLoad } from '../../src/fleet/fair-share';

const w = (owner: string, held: number, maxAccounts = Infinity): WorkerLoad => ({ owner, held, maxAccounts });

describe('fair share', () => {
  it('is accounts ÷ workers rounded up, more for the others when a small worker is full', () => {
    expect(fairLevel(6, [100, 100])).toBe(3);
    expect(fairLevel(7, [100, 100])).toBe(4);
    expect(fairLevel(6, [100, 2])).toBe(4);
    expect(fairLevel(10, [2, 2, 100])).toBe(6);
    // Every worker full: the largest cap (the rest stays unheld).
    expect(fairLevel(10, [2, 3])).toBe(3);
    expect(fairShare('small', 6, [w('a', 6, 100), w('small', 0, 2)])).toBe(2);
    expect(fairShare('a', 6, [w('a', 6, 100), w('small', 0, 2)])).toBe(4);
  });

  it('hands over the excess a joining worker lacks, a few per scan', () => {
    expect(handOffCount('a', 6, [w('a', 6), w('b', 0)], 0, 2)).toBe(2);
    expect(handOffCount('a', 6, [w('a', 6), w('b', 0)], 0, 5)).toBe(3);
    // Two already free for B: one more.
    expect(handOffCount('a', 6, [w('a', 5), w('b', 0)], 2, 5)).toBe(1);
    expect(handOffCount('a', 6, [w('a', 6, 100), w('small', 0, 2)], 0, 5)).toBe(2);
  });

  it('moves nothing in a settled fleet (hysteresis), nor to a worker that is full', () => {
    expect(handOffCount('a', 6, [w('a', 3), w('b', 3)], 0, 2)).toBe(0);
    expect(handOffCount('a', 5, [w('a', 3), w('b', 2)], 0, 2)).toBe(0);
    expect(handOffCount('a', 7, [w('a', 3), w('b', 3), w('c', 1)], 0, 2)).toBe(0);
    expect(handOffCount('a', 6, [w('a', 4, 100), w('small', 2, 2)], 0, 2)).toBe(0);
    expect(handOffCount('a', 6, [w('a', 6)], 0, 2)).toBe(0);
    expect(handOffCount('b', 6, [w('a', 6), w('b', 0)], 0, 2)).toBe(0);
  });
});
