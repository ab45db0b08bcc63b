import { buildGroup } from '../../src/contacts/build-contact';
import { findMembers } from '../../src/contacts/member-lookup';
import { wireContact, wireMember } from '../fixtures/wire';

// A group where names collide on purpose: an alias equal to another member's nickname, a
// stranger naming themselves after a member's UserName.
const group = buildGroup(
  wireContact({
    UserName: '@@g',
    NickName: 'Team',
    MemberList: [
      wireMember('@bob', 'Bob', 'Dad'),
      wireMember('@dad', 'Dad'),
      wireMember('@carol', 'Carol', ''),
      wireMember('@eve', 'Eve', '@carol'),
      wireMember('@ann', 'Ann', 'Annie <span class="emoji emoji1f600"></span>'),
    ],
  }),
);
const remarks: Record<string, string> = { '@carol': 'QA lead' };
const remarkOf = (id: string): string => remarks[id] ?? '';

describe('Group.member(idOrName)', () => {
  it('finds by UserName first, then group alias, then nickname', () => {
    expect(group.member('@dad')?.nickName).toBe('Dad');
    expect(group.member('Dad')?.id).toBe('@bob'); // Bob's alias wins over Dad's nickname
    expect(group.member('Carol')?.id).toBe('@carol');
    expect(group.member('Annie 😀')?.id).toBe('@ann');
    expect(group.member('annie')).toBeUndefined(); // exact only
  });

  it('takes a key starting with @ as a UserName only: an alias cannot impersonate an id', () => {
    expect(group.member('@carol')?.id).toBe('@carol');
    expect(group.member('@gone')).toBeUndefined();
    const without = buildGroup(wireContact({ UserName: '@@h', MemberList: [wireMember('@eve', 'Eve', '@carol'), wireMember('@x', 'X')] }));
    expect(without.member('@carol')).toBeUndefined();
  });
});

describe('findMembers', () => {
  it('matches remark, alias or nickname exactly, else by substring, case-insensitively', () => {
    expect(findMembers(group, 'QA lead', remarkOf).map((m) => m.id)).toEqual(['@carol']);
    expect(findMembers(group, 'Dad', remarkOf).map((m) => m.id)).toEqual(['@bob', '@dad']);
    expect(findMembers(group, 'ann', remarkOf).map((m) => m.id)).toEqual(['@ann']);
    expect(findMembers(group, 'qa', remarkOf).map((m) => m.id)).toEqual(['@carol']);
    expect(findMembers(group, 'nobody', remarkOf)).toEqual([]);
  });

  it('a UserName finds that member alone', () => {
    expect(findMembers(group, '@carol', remarkOf).map((m) => m.id)).toEqual(['@carol']);
  });
});
