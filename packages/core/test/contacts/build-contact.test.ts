import { buildContact, buildGroup, buildSelf, type IdentityLookup } from '../../src/contacts/build-contact';
import { wireContact, wireMember, wireUser } from '../fixtures/wire';

const ids = (map: Record<string, string>): IdentityLookup => ({ stableIdOf: (u) => map[u], confidenceOf: (u) => (map[u] ? 'exact' : undefined) });

describe('buildContact', () => {
  it('decodes names, prefers the remark as name, and classifies unless told', () => {
    const c = buildContact(wireContact({ UserName: '@a', NickName: 'Ann &amp; Co<span class="emoji emoji1f600"></span>', RemarkName: '', ContactFlag: 1, Sex: 2, Province: 'Zhejiang' }), '@self');
    expect(c).toMatchObject({ id: '@a', kind: 'friend', nickName: 'Ann & Co😀', name: 'Ann & Co😀', sex: 2, province: 'Zhejiang', stableId: '' });
    expect(Object.isFrozen(c)).toBe(true);
    const remarked = buildContact(wireContact({ UserName: '@b', NickName: 'Bob', RemarkName: 'Bobby', ContactFlag: 1 }), '@self');
    expect(remarked.name).toBe('Bobby');
    expect(buildContact(wireContact({ UserName: 'gh_x', NickName: 'News', VerifyFlag: 8 }), '@self').kind).toBe('official');
    expect(buildContact(wireContact({ UserName: '@c', NickName: 'C' }), '@self', 'stranger').kind).toBe('stranger');
  });

  it('wrong field types become empty values', () => {
    const c = buildContact({ ...wireContact({ UserName: '@a' }), Alias: 5, Sex: '1', Province: null } as never, '@self');
    expect(c).toMatchObject({ alias: '', sex: 0, province: '' });
  });

  it('reads the stable id live, so a binding after the build shows', () => {
    const map: Record<string, string> = {};
    const c = buildContact(wireContact({ UserName: '@a', NickName: 'Ann', ContactFlag: 1 }), '@self', undefined, ids(map));
    expect(c.stableId).toBe('');
    map['@a'] = 'wxid_ann';
    expect(c.stableId).toBe('wxid_ann');
    expect(c.identityConfidence).toBe('exact');
  });
});

describe('buildSelf', () => {
  it('the self contact from webwxinit User', () => {
    const self = buildSelf(wireUser('@self', 'Bot'));
    expect(self).toMatchObject({ id: '@self', kind: 'self', nickName: 'Bot', name: 'Bot' });
  });
});

describe('buildGroup', () => {
  const wire = (members = [wireMember('@m1', 'Ann', 'Annie'), wireMember('@m2', 'Bob')]) => wireContact({ UserName: '@@g', NickName: 'Team', MemberCount: members.length, MemberList: members, ChatRoomOwner: '@m1', EncryChatRoomId: '@enc', ContactFlag: 1 | 4 });

  it('members with display names, the owner, saved (ContactFlag 4), lookup by id or name', () => {
    const g = buildGroup(wire());
    expect(g).toMatchObject({ id: '@@g', kind: 'group', topic: 'Team', name: 'Team', memberCount: 2, ownerId: '@m1', encryChatRoomId: '@enc', saved: true });
    expect(g.members.map((m) => m.name)).toEqual(['Annie', 'Bob']);
    expect(g.member('@m2')?.nickName).toBe('Bob');
    expect(g.member('Annie')?.id).toBe('@m1');
    expect(Object.isFrozen(g.members)).toBe(true);
  });

  it('an update without members keeps the earlier ones; stub members (init) count as none', () => {
    const before = buildGroup(wire());
    const bare = buildGroup(wireContact({ UserName: '@@g', NickName: 'Team 2', MemberCount: 2, MemberList: [] }), before);
    expect(bare.members).toBe(before.members);
    expect(bare.ownerId).toBe('@m1');
    expect(bare.encryChatRoomId).toBe('@enc');
    const stubs = buildGroup(wireContact({ UserName: '@@g', NickName: '', MemberCount: 30, MemberList: [wireMember('@x'), wireMember('@y')] }));
    expect(stubs.members).toEqual([]);
    expect(stubs.memberCount).toBe(30);
    expect(stubs.saved).toBe(false);
  });

  it('an untitled group is named after its first three members', () => {
    const g = buildGroup(wireContact({ UserName: '@@g', NickName: '', MemberList: [wireMember('@1', 'A'), wireMember('@2', 'B'), wireMember('@3', 'C'), wireMember('@4', 'D')] }));
    expect(g.name).toBe('A, B, C');
    expect(g.memberCount).toBe(4);
  });

  it("a member's stable id: its own when it is a known contact, else the group's with a hash of the nickname", () => {
    const map: Record<string, string> = { '@m1': 'wxid_ann' };
    const g = buildGroup(wire(), undefined, ids(map));
    expect(g.member('@m1')?.stableId).toBe('wxid_ann');
    expect(g.member('@m2')?.stableId).toBe('');
    map['@@g'] = '123@chatroom';
    expect(g.stableId).toBe('123@chatroom');
    expect(g.member('@m2')?.stableId).toMatch(/^123@chatroom\/m:[0-9a-f]+$/);
    const again = buildGroup(wire([wireMember('@other-session-id', 'Bob')]), undefined, ids(map));
    expect(again.member('Bob')?.stableId).toBe(g.member('@m2')?.stableId);
  });
});
