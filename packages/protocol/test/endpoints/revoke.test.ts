import fc from 'fast-check';
import { canRevoke, clientMsgIdTime, newClientMsgId } from '@wxbot/protocol';

describe('canRevoke', () => {
  const sent = 1_700_000_000_000;
  const id = newClientMsgId(sent);
  it('derives the send time from the first 13 digits of the ClientMsgId', () => {
    expect(id).toHaveLength(17);
    expect(clientMsgIdTime(id)).toBe(sent);
    expect(clientMsgIdTime('abc')).toBeUndefined();
  });
  it('allows less than 2 minutes after sending, not at or after 2 minutes', () => {
    expect(canRevoke(id, sent)).toBe(true);
    expect(canRevoke(id, sent + 119_999)).toBe(true);
    expect(canRevoke(id, sent + 120_000)).toBe(false);
    expect(canRevoke(id, sent + 3_600_000)).toBe(false);
    expect(canRevoke('not-an-id', sent)).toBe(false);
  });
  it('agrees with the age for any send time and delay', () => {
    fc.assert(fc.property(fc.integer({ min: 1e12, max: 9e12 }), fc.integer({ min: 0, max: 1e6 }), (t, age) => canRevoke(newClientMsgId(t), t + age) === age < 120_000));
  });
});
