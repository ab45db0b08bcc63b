import { demoScenario } from '@wxbot/simulator';
import { Directory } from '../src/directory';

describe('Directory (the in-process address book)', () => {
  it('mints the same ids for the same scenario, distinct per person, with @ for people and @@ for groups', () => {
    const a = new Directory(demoScenario());
    const b = new Directory(demoScenario());
    expect(a.person('Alice').id).toBe(b.person('Alice').id);
    expect(a.person('Alice').id).toMatch(/^@[0-9a-f]{32}$/);
    expect(a.group('Family').id).toMatch(/^@@[0-9a-f]{64}$/);
    expect(a.self.id).not.toBe(a.person('Alice').id);
    expect(a.person('filehelper').id).toBe('filehelper');
    expect(a.person('filehelper').nickName).toBe('文件传输助手');
  });

  it('finds people by nickname, remark or wxid and names them by remark first; unknown names list the known ones', () => {
    const d = new Directory(demoScenario());
    const bob = d.person('Bobby');
    expect(d.person('Bob')).toBe(bob);
    expect(d.person('wxid_bob02')).toBe(bob);
    expect(d.nameOf(bob.id)).toBe('Bobby');
    expect(d.nameOf(d.person('Alice').id)).toBe('Alice');
    expect(d.nameOf(d.group('Family').id)).toBe('Family');
    expect(d.nameOf('@unknown')).toBe('@unknown');
    expect(() => d.person('Zed')).toThrow(/^unknown contact "Zed"; known: Alice, Bob, Carol/);
    expect(() => d.group('Nope')).toThrow('unknown group "Nope"; known groups: Family, Dev Team');
  });

  it('fills the core contact store: friends, groups with self first and display names, saved flag, stable ids bound', () => {
    const d = new Directory(demoScenario());
    expect(d.store.self.nickName).toBe('wxbot');
    expect(d.store.friends().map((c) => c.nickName)).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Carol', 'Dave', '张伟']));
    const family = d.store.group(d.group('Family').id);
    expect(family?.members.map((m) => m.id)).toEqual([d.self.id, d.person('Alice').id, d.person('Bob').id, d.person('Carol').id]);
    expect(family?.members.find((m) => m.id === d.person('Bob').id)?.displayName).toBe('Dad');
    expect(d.store.displayNameIn(d.group('Dev Team').id)).toBe('Bot');
    expect(d.group('Dev Team').selfDisplayName).toBe('Bot');
    // stable ids bound as after a login, and the permanent ids of the conversation list learnt
    const alice = d.store.contact(d.person('Alice').id);
    expect(alice?.stableId).toMatch(/^p:[0-9a-f]+$/);
    expect(alice?.identityConfidence).toBe('exact');
    expect(d.store.get(alice?.stableId ?? '')).toBe(alice);
  });

  it('adds a stranger (a friend request sender) with a fresh id each time', () => {
    const d = new Directory(demoScenario());
    const s1 = d.stranger('Newcomer');
    const s2 = d.stranger('Newcomer');
    expect(s1.id).not.toBe(s2.id);
    expect(s1.wxid).toMatch(/^wxid_req\d+$/);
    expect(d.nameOf(s1.id)).toBe('Newcomer');
  });
});
