import { DEFAULT_ACCOUNT, accountKeys, checkAccountName } from '../src/keys';

describe('account keys', () => {
  it("puts every key of an account under one hash tag, so a Cluster keeps them in one slot", () => {
    expect(accountKeys('sales-1')).toEqual({
      log: 'wxbot:{sales-1}:log',
      meta: 'wxbot:{sales-1}:meta',
      lease: 'wxbot:{sales-1}:lease',
      fence: 'wxbot:{sales-1}:fence',
      media: 'wxbot:{sales-1}:media:',
    });
    expect(accountKeys('a.b_c', 'tenant7').log).toBe('tenant7:{a.b_c}:log');
    expect(accountKeys(DEFAULT_ACCOUNT).lease).toBe('wxbot:{default}:lease');
  });

  it('accepts 1-64 letters, digits, ".", "_" and "-", and refuses the rest with WXBOT_ACCOUNT_NAME', () => {
    for (const ok of ['a', 'Sales-1', 'x.y_z', 'a'.repeat(64)]) expect(checkAccountName(ok)).toBe(ok);
    for (const bad of ['', 'a b', 'a}b', '{a}', 'a:b', 'ü', 'a'.repeat(65)]) {
      expect(() => checkAccountName(bad)).toThrow(expect.objectContaining({ code: 'WXBOT_ACCOUNT_NAME', message: expect.stringContaining(`account name ${JSON.stringify(bad)} is not allowed`) }));
      expect(() => accountKeys(bad)).toThrow(expect.objectContaining({ code: 'WXBOT_ACCOUNT_NAME' }));
    }
  });
});
