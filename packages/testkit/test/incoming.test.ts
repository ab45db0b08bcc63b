import { toIncoming } from '../src/incoming';

describe('toIncoming', () => {
  it('turns text and its options into a text Incoming, and passes an Incoming through', () => {
    expect(toIncoming('hi')).toEqual({ kind: 'text', text: 'hi' });
    expect(toIncoming('hi', { from: 'Alice', room: 'Family' })).toEqual({ kind: 'text', text: 'hi', from: 'Alice', room: 'Family' });
    const image = { kind: 'image' as const, from: 'Bob' };
    expect(toIncoming(image)).toBe(image);
  });
});
