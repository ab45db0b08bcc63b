import { demoScenario } from '@wxbot/simulator';
import { toScenario } from '../src/scenario';

describe('toScenario', () => {
  it('is the demo scenario when nothing is given, and a given scenario as is', () => {
    // recent chats are a simulator concern (webwxinit), not the in-process address book's
    const { recentChats: _recent, ...demo } = demoScenario();
    expect(toScenario({})).toEqual(demo);
    const own = { ...demoScenario(), friends: [] };
    expect(toScenario({ scenario: own })).toBe(own);
  });

  it('builds the address book from contacts and groups; unknown members become strangers, demo strangers are dropped', () => {
    const s = toScenario({ self: 'Bot', contacts: ['Alice', { nickName: 'Bob', remarkName: 'Bobby' }], groups: [{ topic: 'Team', members: ['Alice', 'Bobby', 'Zed', 'self'] }] });
    expect(s.self).toEqual({ nickName: 'Bot' });
    expect(s.friends).toEqual([{ nickName: 'Alice' }, { nickName: 'Bob', remarkName: 'Bobby' }]);
    expect(s.strangers).toEqual([{ nickName: 'Zed' }]);
    expect(s.groups).toEqual([{ topic: 'Team', members: ['Alice', 'Bobby', 'Zed', 'self'] }]);
    expect(s.specials).toEqual(['filehelper', 'weixin', 'fmessage', 'newsapp']);
    expect(s.officialAccounts).toEqual(demoScenario().officialAccounts);
  });

  it('keeps the demo groups when only contacts are given, and official accounts when given', () => {
    const s = toScenario({ contacts: ['Alice', 'Bob', 'Carol', 'Mallory', 'Trent'], officialAccounts: ['News'] });
    expect(s.groups?.map((g) => g.topic)).toEqual(['Family', 'Dev Team']);
    expect(s.officialAccounts).toEqual([{ nickName: 'News' }]);
    expect(s.strangers).toEqual([]);
  });
});
