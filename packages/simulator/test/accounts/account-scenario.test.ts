import { accountScenario, type Scenario } from '../../src';

describe('accountScenario', () => {
  const base: Scenario = {
    self: { nickName: 'me', wxid: 'wxid_me' },
    friends: [{ nickName: 'Ann', wxid: 'wxid_ann' }, { nickName: 'Ben' }],
    strangers: [{ nickName: 'Sid', wxid: 'wxid_sid' }],
    groups: [{ topic: 'G', wxid: '123@chatroom', members: ['wxid_ann', 'Ben', 'wxid_sid'], owner: 'wxid_sid', displayNames: { wxid_ann: 'A', self: 'me!' } }],
    recentChats: ['wxid_ann', '123@chatroom', 'Ben'],
  };

  it('renames every wxid of account n and the references to it, keeping names', () => {
    const s = accountScenario(base, 3);
    expect(s.self).toEqual({ nickName: 'me 3', wxid: 'wxid_me_3' });
    expect(s.friends).toEqual([{ nickName: 'Ann', wxid: 'wxid_ann_3' }, { nickName: 'Ben', wxid: 'wxid_friend1_3' }]);
    expect(s.groups?.[0]).toEqual({ topic: 'G', wxid: '1233@chatroom', members: ['wxid_ann_3', 'Ben', 'wxid_sid_3'], owner: 'wxid_sid_3', displayNames: { wxid_ann_3: 'A', self: 'me!' } });
    expect(s.recentChats).toEqual(['wxid_ann_3', '1233@chatroom', 'Ben']);
    // The base is left as it was.
    expect(base.friends[0]?.wxid).toBe('wxid_ann');
  });

  it('gives account n the uin after the base one, or none when the base has none', () => {
    expect(accountScenario({ ...base, self: { ...base.self, uin: 1000 } }, 4).self.uin).toBe(1003);
    expect('uin' in accountScenario(base, 2).self).toBe(false);
  });
});
