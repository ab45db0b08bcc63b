import { nextScopedKey, withIdempotencyScope } from '../../src/outbox/idempotency';

describe('withIdempotencyScope', () => {
  it('numbers the keys of one scope from 0 across awaits and timers; none outside a scope', async () => {
    expect(nextScopedKey()).toBeUndefined();
    const keys = await withIdempotencyScope('job:1', async () => {
      const out = [nextScopedKey()];
      await Promise.resolve();
      out.push(nextScopedKey());
      await new Promise<void>((resolve) => setImmediate(() => (out.push(nextScopedKey()), resolve())));
      return out;
    });
    expect(keys).toEqual(['job:1#0', 'job:1#1', 'job:1#2']);
    expect(nextScopedKey()).toBeUndefined();
  });

  it('running the same work again gives the same keys; concurrent scopes do not mix', async () => {
    const work = (prefix: string) => withIdempotencyScope(prefix, async () => {
      await new Promise((r) => setImmediate(r));
      return [nextScopedKey(), nextScopedKey()];
    });
    const [a, b] = await Promise.all([work('a'), work('b')]);
    expect(a).toEqual(['a#0', 'a#1']);
    expect(b).toEqual(['b#0', 'b#1']);
    expect(await work('a')).toEqual(a);
  });

  it('returns what fn returns, synchronously too', () => {
    expect(withIdempotencyScope('s', () => 42)).toBe(42);
  });
});
