import { closestName } from '../../src/util/did-you-mean';

describe('closestName', () => {
  it('finds a typo within two edits, ignoring case', () => {
    expect(closestName('answr', ['answer', 'chats'])).toBe('answer');
    expect(closestName('Answer', ['answer'])).toBe('answer');
    expect(closestName('chtas', ['answer', 'chats'])).toBe('chats');
  });

  it('prefers the closest of several', () => {
    expect(closestName('rule', ['rules', 'rulez1', 'mode'])).toBe('rules');
  });

  it('nothing when every name is too far, or the name too short to guess from', () => {
    expect(closestName('xyz', ['answer', 'chats'])).toBeUndefined();
    expect(closestName('ab', ['a', 'abc'])).toBe('a');
    expect(closestName('a', ['b'])).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
