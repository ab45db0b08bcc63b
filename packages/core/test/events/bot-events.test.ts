import { describeLogout } from '../../src/events/bot-events';

describe('describeLogout', () => {
  it.each([
    [1100, /logged out on the phone/],
    [1101, /logged in elsewhere/],
    [1102, /cookies invalid/],
    [1203, /not allowed to log in to Web WeChat \(try login.mode "desktop"\)/],
    [1205, /frequency limit/],
  ])('names code %i', (code, text) => {
    expect(describeLogout(code)).toMatch(text);
  });

  it('an unknown code is named with its number', () => {
    expect(describeLogout(1)).toBe('session ended by the server (code 1)');
  });
});
