import { Rng } from '../../src/util/rng';

describe('Rng', () => {
  it('repeats its sequence for a seed (scenarios are reproducible) and differs across seeds', () => {
    const run = (seed: number): number[] => {
      const r = new Rng(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    for (const n of run(7)) expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
  });

  it('draws ints within bounds (both ends reachable) and picks from a list, refusing an empty one', () => {
    const r = new Rng(1);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    const picked = new Set(Array.from({ length: 100 }, () => r.pick(['a', 'b'])));
    expect([...picked].sort()).toEqual(['a', 'b']);
    expect(() => r.pick([])).toThrow('pick from an empty list');
  });

  it('makes hex, digit and base64 strings of the exact length asked', () => {
    const r = new Rng(2);
    for (const n of [1, 8, 13, 32, 64]) {
      expect(r.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
      expect(r.digits(n)).toMatch(new RegExp(`^\\d{${n}}$`));
      expect(r.base64(n)).toMatch(new RegExp(`^[A-Za-z0-9+/]{${n}}$`));
    }
  });

  it('makes 19-digit MsgIds without a leading zero, beyond the JS safe integer range as the server does', () => {
    const r = new Rng(3);
    for (let i = 0; i < 50; i++) {
      const id = r.msgId();
      expect(id).toMatch(/^[1-8]\d{18}$/);
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    }
  });

  it('is seeded randomly without a seed', () => {
    expect(new Rng().hex(32)).not.toBe(new Rng().hex(32));
  });
});
