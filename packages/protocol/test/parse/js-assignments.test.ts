import { parseJsAssignments } from '@wxbot/protocol';

describe('generic JS assignment parser', () => {
  it('handles escapes in strings', () => {
    expect(parseJsAssignments('window.a = "x\\"y";').get('window.a')).toBe('x"y');
  });
  it('refuses function calls', () => {
    expect(() => parseJsAssignments('window.a = f();')).toThrow();
  });
});
