import { AddressBook } from '../../src/contacts/address-book';
import { Directory } from '../../src/contacts/directory';
import { groupContact, memberEntry, modGroupContact, personContact } from '../../src/contacts/wire-contact';
import { demoScenario } from '../../src/scenario/demo';
import { Rng } from '../../src/util/rng';

describe('contacts in wire form', () => {
  const book = new AddressBook(demoScenario(), new Rng(1));
  const dir = new Directory(book, new Rng(2));

  it('a person: every field of the server, names with emoji spans, the avatar URL with seq, UserName and skey', () => {
    const eve = book.findPerson('Eve🌙')!;
    const c = personContact(dir, eve, '@crypt_k');
    expect(Object.keys(c)).toHaveLength(31);
    expect(c.UserName).toBe(dir.personUserName(eve));
    expect(c.NickName).toBe('Eve<span class="emoji emoji1f319"></span>');
    expect(c.HeadImgUrl).toBe(`/cgi-bin/mmwebwx-bin/webwxgeticon?seq=${eve.headSeq}&username=${c.UserName}&skey=@crypt_k`);
    expect([c.ContactFlag, c.PYQuanPin, c.Sex]).toEqual([3, 'Eve', 2]);
    const bob = personContact(dir, book.findPerson('Bob')!, 'k');
    expect([bob.RemarkName, bob.Alias, bob.KeyWord]).toEqual(['Bobby', 'bob_the_builder', '']);
    expect(personContact(dir, book.findPerson('Carol')!, 'k').StarFriend).toBe(1);
    const mp = personContact(dir, book.findPerson('Tech Weekly')!, 'k');
    expect([mp.VerifyFlag, mp.KeyWord, mp.AttrStatus, mp.SnsFlag]).toEqual([24, 'gh_', 0, 0]);
    expect(personContact(dir, book.findPerson('filehelper')!, 'k').KeyWord).toBe('fil');
  });

  it('a group: no members in the contact list, stubs in batchgetcontact lists, full members with EncryChatRoomId', () => {
    const family = book.findGroup('Family')!;
    const list = groupContact(dir, family, 'k', 'list', 176666155);
    expect([list.MemberCount, list.MemberList, list.ContactFlag, list.EncryChatRoomId]).toEqual([4, [], 0x06, '']);
    const stub = groupContact(dir, family, 'k', 'stub', 176666155);
    expect(stub.MemberList.map((m) => [m.NickName, m.DisplayName])).toEqual([['', ''], ['', ''], ['', ''], ['', '']]);
    const full = groupContact(dir, family, 'k', 'full', 176666155);
    expect(full.EncryChatRoomId).toBe(dir.encryChatRoomId(family));
    expect(full.MemberList.map((m) => m.DisplayName)).toEqual(['', '', 'Dad', '']);
    expect(full.HeadImgUrl).toMatch(/^\/cgi-bin\/mmwebwx-bin\/webwxgetheadimg\?seq=0&username=@@/);
    expect([full.IsOwner, full.OwnerUin]).toEqual([0, 0]);
    const dev = groupContact(dir, book.findGroup('Dev Team')!, 'k', 'full', 176666155);
    expect([dev.ContactFlag, dev.IsOwner, dev.OwnerUin]).toEqual([0x02, 1, 176666155]);
  });

  it('a member entry and a ModContactList group carry the owner and the update flags', () => {
    const family = book.findGroup('Family')!;
    const alice = book.findPerson('Alice')!;
    expect(memberEntry(dir, family, alice, false)).toMatchObject({ UserName: dir.personUserName(alice), NickName: 'Alice', MemberStatus: 0 });
    const mod = modGroupContact(dir, family, 'k', 1);
    expect(mod).toMatchObject({ ChatRoomOwner: dir.personUserName(alice), HeadImgUpdateFlag: 1, ContactType: 0 });
    expect(mod.MemberList).toHaveLength(4);
  });
});
