import { generateScenario } from '../../src/scenario/generate';
import { assertScenario } from '../../src/scenario/load';

describe('generateScenario', () => {
  it('makes the asked numbers of friends, groups and members, valid and reproducible by seed', () => {
    const s = generateScenario({ friends: 200, groups: 10, membersPerGroup: 25, seed: 5 });
    expect(assertScenario(s)).toBe(s);
    expect(s.friends).toHaveLength(200);
    expect(s.groups).toHaveLength(10);
    for (const g of s.groups ?? []) expect(g.members).toHaveLength(25);
    expect(s.strangers).toHaveLength(25);
    expect(s.officialAccounts).toHaveLength(20);
    expect(generateScenario({ friends: 200, groups: 10, membersPerGroup: 25, seed: 5 })).toEqual(s);
    expect(generateScenario({ friends: 200, groups: 10, membersPerGroup: 25, seed: 6 })).not.toEqual(s);
  });

  it('gives unique wxids, members that exist, pinyin that matches the hanzi names, and every fifth group to self', () => {
    const s = generateScenario({ friends: 50, groups: 6, seed: 1 });
    const people = [...s.friends, ...(s.strangers ?? [])];
    const ids = new Set(people.map((p) => p.wxid));
    expect(ids.size).toBe(people.length);
    for (const g of s.groups ?? []) for (const m of g.members) expect(ids.has(m)).toBe(true);
    expect(s.groups?.filter((g) => g.owner === 'self').map((g) => g.topic.split(' ').pop())).toEqual(['0', '5']);
    for (const f of s.friends.filter((p) => p.pyQuanPin)) expect(f.pyQuanPin?.endsWith(f.nickName.replace(/\D/g, ''))).toBe(true);
    expect(s.friends[3]?.nickName).toMatch(/^[A-Z][a-z]+ 3$/);
  });

  it('has no strangers without groups, and caps members at the people there are', () => {
    expect(generateScenario({ friends: 3 }).strangers).toEqual([]);
    const small = generateScenario({ friends: 3, groups: 1, membersPerGroup: 100, seed: 2 });
    expect(small.groups?.[0]?.members.length).toBe(3 + (small.strangers?.length ?? 0));
  });
});
