import { describeRet, isSessionEnded, PUSH_LOGIN_MEANINGS, Ret } from '@wxbot/protocol';

describe('server codes', () => {
  it('explains every named Ret, and says so for an unknown one', () => {
    for (const [name, ret] of Object.entries(Ret)) {
      if (ret === Ret.OK) continue;
      expect([name, describeRet(ret)]).not.toEqual([name, 'unknown server code']);
    }
    expect(describeRet(1205)).toBe('frequency limit: too many requests; back off for minutes');
    expect(describeRet(31337)).toBe('unknown server code');
  });

  it('counts exactly 1100, 1101 and 1102 as an ended session', () => {
    const ended = [-2013, -14, -2, -1, 0, 1, 1100, 1101, 1102, 1105, 1200, 1201, 1203, 1204, 1205].filter(isSessionEnded);
    expect(ended).toEqual([1100, 1101, 1102]);
  });

  it('gives each push-login refusal the fix: scan a QR code', () => {
    expect(Object.keys(PUSH_LOGIN_MEANINGS)).toEqual(['1', '2', '3']);
    for (const meaning of Object.values(PUSH_LOGIN_MEANINGS)) expect(meaning).toMatch(/scan a QR code instead$/);
  });
});
