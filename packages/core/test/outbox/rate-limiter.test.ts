import { BucketMap, TokenBucket } from '../../src/outbox/rate-limiter';

describe('TokenBucket', () => {
  // Intervals are powers of two so partial refills add up exactly in floating point.
  it('lets `burst` actions go back to back, then one per interval', () => {
    const b = new TokenBucket({ intervalMs: 1024, burst: 3 }, 0);
    for (let i = 0; i < 3; i++) {
      expect(b.waitMs(0)).toBe(0);
      b.take(0);
    }
    expect(b.waitMs(0)).toBe(1024);
    expect(b.waitMs(512)).toBe(512);
    expect(b.waitMs(1023)).toBe(1);
    expect(b.waitMs(1024)).toBe(0);
    b.take(1024);
    expect(b.waitMs(1024)).toBe(1024);
  });

  it('refills partially between actions and rounds the wait up', () => {
    const b = new TokenBucket({ intervalMs: 256, burst: 1 }, 0);
    b.take(0);
    expect(b.waitMs(64)).toBe(192);
    expect(b.waitMs(255.5)).toBe(1); // 0.5 ms left, never 0 while a token is missing
  });

  it('never holds more than `burst` tokens, however long it idled', () => {
    const b = new TokenBucket({ intervalMs: 1000, burst: 2 }, 0);
    b.take(0);
    b.take(0);
    const later = 1_000_000;
    b.take(later);
    b.take(later);
    expect(b.waitMs(later)).toBe(1000);
  });

  it('treats a burst below 1 as 1', () => {
    const b = new TokenBucket({ intervalMs: 500, burst: 0 }, 0);
    expect(b.waitMs(0)).toBe(0);
    b.take(0);
    expect(b.waitMs(0)).toBe(500);
    expect(b.idle(500)).toBe(true);
  });

  it('never waits when the interval is 0 (no limit)', () => {
    const b = new TokenBucket({ intervalMs: 0, burst: 1 }, 0);
    for (let i = 0; i < 10; i++) b.take(0);
    expect(b.waitMs(0)).toBe(0);
  });

  it('a clock stepping back neither refills nor lengthens the wait', () => {
    const b = new TokenBucket({ intervalMs: 1000, burst: 1 }, 5000);
    b.take(5000);
    expect(b.waitMs(4000)).toBe(1000);
    expect(b.waitMs(5500)).toBe(500);
    expect(b.waitMs(5200)).toBe(500); // the earlier "now" does not undo the refill to 5500
  });

  it('is idle only when full', () => {
    const b = new TokenBucket({ intervalMs: 1000, burst: 2 }, 0);
    expect(b.idle(0)).toBe(true);
    b.take(0);
    expect(b.idle(0)).toBe(false);
    expect(b.idle(999)).toBe(false);
    expect(b.idle(1000)).toBe(true);
  });
});

describe('BucketMap', () => {
  const limit = { intervalMs: 1000, burst: 1 };

  it('an unknown name never waits', () => {
    expect(new BucketMap(limit).waitMs('@nobody', 0)).toBe(0);
  });

  it('keeps one bucket per name: one chat filling up does not slow another', () => {
    const m = new BucketMap(limit);
    m.take('@a', 0);
    expect(m.waitMs('@a', 0)).toBe(1000);
    expect(m.waitMs('@b', 0)).toBe(0);
    m.take('@b', 250);
    expect(m.waitMs('@a', 250)).toBe(750);
    expect(m.waitMs('@b', 250)).toBe(1000);
  });

  it('a new bucket starts full at the time of its first action', () => {
    const m = new BucketMap({ intervalMs: 1000, burst: 2 });
    m.take('@a', 10_000);
    expect(m.waitMs('@a', 10_000)).toBe(0);
    m.take('@a', 10_000);
    expect(m.waitMs('@a', 10_000)).toBe(1000);
  });

  it('past 1000 names, it forgets only full buckets: a busy chat keeps its wait', () => {
    const m = new BucketMap(limit);
    for (let i = 0; i < 1000; i++) m.take(`@chat${i}`, 0);
    m.take('@new', 500); // the map is full: cleanup runs, but nothing is idle at 500
    expect(m.waitMs('@chat0', 500)).toBe(500);
    expect(m.waitMs('@chat999', 500)).toBe(500);
    expect(m.waitMs('@new', 500)).toBe(1000);
    // Later everyone is full again; a new name evicts them and the limits still hold.
    m.take('@newer', 2000);
    expect(m.waitMs('@newer', 2000)).toBe(1000);
    expect(m.waitMs('@new', 2000)).toBe(0);
    m.take('@chat0', 2000);
    expect(m.waitMs('@chat0', 2000)).toBe(1000);
  });
});
