import type { WireProfile } from '@wxbot/wire-types';
import { ContactStore } from '../../src/contacts/contact-store';
import { wireContact, wireMember, wireUser } from '../fixtures/wire';

const SELF = '@self01';
const profile = (fields: Partial<WireProfile>): WireProfile => ({ BitFlag: 190, UserName: { Buff: SELF }, NickName: { Buff: '' }, BindUin: 0, BindEmail: { Buff: '' }, BindMobile: { Buff: '' }, Status: 0, Sex: 0, PersonalCard: 0, Alias: '', HeadImgUpdateFlag: 0, HeadImgUrl: '', Signature: '', ...fields });

function store(): ContactStore {
  const s = new ContactStore();
  s.setSelf(wireUser(SELF, 'Bot'));
  s.upsertMany([
    wireContact({ UserName: '@alice', NickName: 'Alice', RemarkName: 'Ali', ContactFlag: 1 }),
    wireContact({ UserName: '@alicia', NickName: 'Alicia <span class="emoji emoji1f600"></span>', ContactFlag: 1 }),
    wireContact({ UserName: '@news', NickName: 'News', VerifyFlag: 8, ContactFlag: 1 }),
    wireContact({ UserName: 'filehelper', NickName: 'File Transfer' }),
    wireContact({ UserName: '@bob', NickName: 'Bob', Alias: 'bob_w' }),
    wireContact({ UserName: '@@team', NickName: 'Team', MemberList: [wireMember(SELF, 'Bot'), wireMember('@bob', 'Bob', 'Bobby')] }),
  ]);
  return s;
}

describe('ContactStore', () => {
  it('has no self before webwxinit, and says so', () => {
    expect(() => new ContactStore().self).toThrow('self is unknown before webwxinit');
  });

  it('knows self as a contact of kind self', () => {
    const s = store();
    expect(s.self).toMatchObject({ id: SELF, kind: 'self', nickName: 'Bot' });
    expect(s.contact(SELF)).toBe(s.self);
  });

  it('files contacts by kind and groups apart from contacts', () => {
    const s = store();
    expect(s.contact('@alice')).toMatchObject({ kind: 'friend', name: 'Ali', nickName: 'Alice', remarkName: 'Ali' });
    expect(s.contact('@alicia')?.nickName).toBe('Alicia 😀');
    expect(s.contact('@news')?.kind).toBe('official');
    expect(s.contact('filehelper')?.kind).toBe('special');
    expect(s.contact('@bob')?.kind).toBe('stranger');
    expect(s.contact('@@team')).toBeUndefined();
    expect(s.group('@@team')).toMatchObject({ kind: 'group', topic: 'Team', memberCount: 2 });
    expect(s.group('@alice')).toBeUndefined();
    expect(s.size).toEqual({ contacts: 6, groups: 1 });
    expect(s.friends().map((c) => c.id)).toEqual(['@alice', '@alicia']);
    expect(s.groups().map((g) => g.id)).toEqual(['@@team']);
  });

  it('takes ...@chatroom ids as groups too', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '9876@chatroom', NickName: 'Old style' }));
    expect(s.group('9876@chatroom')?.topic).toBe('Old style');
    expect(s.contact('9876@chatroom')).toBeUndefined();
  });

  it('an update replaces the contact (a new remark, a new kind)', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '@bob', NickName: 'Bob', RemarkName: 'Bob from work', ContactFlag: 1 }));
    expect(s.contact('@bob')).toMatchObject({ kind: 'friend', name: 'Bob from work' });
    expect(s.size.contacts).toBe(6);
  });

  it('an entry with our own UserName does not replace self', () => {
    const s = store();
    s.upsert(wireContact({ UserName: SELF, NickName: 'Impostor', ContactFlag: 1 }));
    expect(s.self.nickName).toBe('Bot');
    expect(s.contact(SELF)?.kind).toBe('self');
  });

  it('ignores entries without a UserName', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '' }));
    s.upsert({ NickName: 'no id' } as never);
    s.upsert(null as never);
    expect(s.size).toEqual({ contacts: 6, groups: 1 });
  });

  it('keeps a group’s fetched members, owner and encrypted id when an update lists none', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '@@team', NickName: 'Team', ChatRoomOwner: '@bob', EncryChatRoomId: '@enc1', MemberList: [wireMember('@bob', 'Bob', 'Bobby'), wireMember(SELF, 'Bot')] }));
    s.upsert(wireContact({ UserName: '@@team', NickName: 'Team 2', MemberList: [] }));
    const g = s.group('@@team');
    expect(g).toMatchObject({ topic: 'Team 2', ownerId: '@bob', encryChatRoomId: '@enc1', memberCount: 2 });
    expect(g?.member('@bob')?.name).toBe('Bobby');
    expect(s.groupsMissingMembers()).toEqual([]);
  });

  it('a full member list replaces the old one', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '@@team', NickName: 'Team', MemberList: [wireMember(SELF, 'Bot'), wireMember('@carol', 'Carol')] }));
    const g = s.group('@@team');
    expect(g?.members.map((m) => m.id)).toEqual([SELF, '@carol']);
    expect(g?.member('@bob')).toBeUndefined();
  });

  it('a group listed with stub members (ids only, as webwxinit does) still needs its members fetched', () => {
    const s = store();
    s.upsert(wireContact({ UserName: '@@new', NickName: '', MemberCount: 40, MemberList: [wireMember('@x'), wireMember('@y')] }));
    s.upsert(wireContact({ UserName: '@@empty', NickName: 'Empty' }));
    expect(s.groupsMissingMembers().map((g) => g.id)).toEqual(['@@new', '@@empty']);
    expect(s.group('@@new')).toMatchObject({ memberCount: 40, members: [] });
    s.upsert(wireContact({ UserName: '@@new', MemberList: [wireMember('@x', 'Xavier'), wireMember('@y', 'Yan', 'Y.'), wireMember('@z', 'Zoe'), wireMember('@w', 'Will')] }));
    expect(s.groupsMissingMembers().map((g) => g.id)).toEqual(['@@empty']);
    expect(s.group('@@new')?.name).toBe('Xavier, Y., Zoe'); // no topic: named after the first three
  });

  it('remove drops a contact or a group, never self', () => {
    const s = store();
    s.remove('@alice');
    s.remove('@@team');
    s.remove(SELF);
    s.remove('@nobody');
    expect(s.contact('@alice')).toBeUndefined();
    expect(s.group('@@team')).toBeUndefined();
    expect(s.self.id).toBe(SELF);
    expect(s.size).toEqual({ contacts: 5, groups: 0 });
  });

  describe('findContacts / findGroups', () => {
    it('prefer exact matches of nickname, remark or alias over partial ones', () => {
      const s = store();
      expect(s.findContacts('Alice').map((c) => c.id)).toEqual(['@alice']); // not Alicia
      expect(s.findContacts('Ali').map((c) => c.id)).toEqual(['@alice']); // the remark, exactly
      expect(s.findContacts('bob_w').map((c) => c.id)).toEqual(['@bob']);
    });

    it('fall back to case-insensitive substrings', () => {
      const s = store();
      expect(s.findContacts('ALI').map((c) => c.id)).toEqual(['@alice', '@alicia']);
      expect(s.findContacts('transfer').map((c) => c.id)).toEqual(['filehelper']);
      expect(s.findContacts('nobody')).toEqual([]);
    });

    it('an empty query finds nothing', () => {
      expect(store().findContacts('')).toEqual([]);
      expect(store().findGroups('')).toEqual([]);
    });

    it('find groups by topic, or by the name made from members', () => {
      const s = store();
      s.upsert(wireContact({ UserName: '@@anon', MemberList: [wireMember('@p', 'Pat'), wireMember('@q', 'Quinn')] }));
      expect(s.findGroups('Team').map((g) => g.id)).toEqual(['@@team']);
      expect(s.findGroups('team').map((g) => g.id)).toEqual(['@@team']);
      expect(s.findGroups('Pat, Quinn').map((g) => g.id)).toEqual(['@@anon']);
    });
  });

  describe('applyProfile', () => {
    it('renames self on BitFlag 190 and updates the avatar', () => {
      const s = store();
      expect(s.applyProfile(profile({ NickName: { Buff: 'Bot 2' }, HeadImgUrl: '/icon?v=2' }))).toBe(true);
      expect(s.self).toMatchObject({ id: SELF, kind: 'self', nickName: 'Bot 2', avatarPath: '/icon?v=2' });
      expect(s.contact(SELF)).toBe(s.self);
    });

    it('keeps the name when only the avatar changed', () => {
      const s = store();
      expect(s.applyProfile(profile({ HeadImgUrl: '/icon?v=3' }))).toBe(true);
      expect(s.self).toMatchObject({ nickName: 'Bot', avatarPath: '/icon?v=3' });
    });

    it('ignores other BitFlags, no profile, and a store without self', () => {
      const s = store();
      expect(s.applyProfile(profile({ BitFlag: 0, NickName: { Buff: 'X' } }))).toBe(false);
      expect(s.applyProfile(undefined)).toBe(false);
      expect(s.self.nickName).toBe('Bot');
      expect(new ContactStore().applyProfile(profile({ NickName: { Buff: 'X' } }))).toBe(false);
    });
  });
});
