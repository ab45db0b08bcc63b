import fc from 'fast-check';
import { shouldInvite } from '@wxbot/protocol';

describe('shouldInvite', () => {
  it('invites once the group would reach InviteStartCount', () => {
    expect(shouldInvite(10, 2, 40)).toBe(false);
    expect(shouldInvite(38, 1, 40)).toBe(false);
    expect(shouldInvite(39, 1, 40)).toBe(true);
    expect(shouldInvite(40, 1, 40)).toBe(true);
    expect(shouldInvite(3, 37)).toBe(true);
  });
  it('is monotonic in the count and the number added', () => {
    fc.assert(fc.property(fc.nat(500), fc.nat(500), fc.integer({ min: 1, max: 500 }), (n, k, start) => !shouldInvite(n, k, start) || (shouldInvite(n + 1, k, start) && shouldInvite(n, k + 1, start))));
  });
});
