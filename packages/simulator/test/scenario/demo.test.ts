import { demoScenario } from '../../src/scenario/demo';
import { assertScenario } from '../../src/scenario/load';

describe('demoScenario', () => {
  it('is a valid scenario whose groups name only people it has, and a fresh copy each call', () => {
    const s = demoScenario();
    expect(assertScenario(s)).toBe(s);
    const names = new Set([...s.friends, ...(s.strangers ?? [])].flatMap((p) => [p.nickName, p.remarkName, p.wxid].filter(Boolean)));
    for (const g of s.groups ?? []) for (const m of g.members) expect([g.topic, names.has(m)]).toEqual([g.topic, true]);
    for (const name of (s.recentChats ?? [])) expect(names.has(name) || name === 'filehelper' || s.groups?.some((g) => g.topic === name) || s.officialAccounts?.some((o) => o.nickName === name)).toBe(true);
    const again = demoScenario();
    again.friends.pop();
    expect(demoScenario().friends).toHaveLength(s.friends.length);
  });
});
