import { AddressBook } from '../../src/contacts/address-book';
import type { Scenario } from '../../src/scenario/types';
import { Rng } from '../../src/util/rng';

const scenario: Scenario = {
  self: { nickName: 'wxbot' },
  friends: [
    { nickName: 'Alice', remarkName: 'Ali', pinned: true, muted: true },
    { nickName: 'Bob 2', wxid: 'wxid_bob' },
    { nickName: 'Alice' },
  ],
  strangers: [{ nickName: 'Carol' }],
  officialAccounts: [{ nickName: 'News' }],
  specials: ['filehelper'],
  groups: [
    { topic: 'Family', members: ['Alice', 'Carol', 'self', 'Alice'], displayNames: { Carol: 'Aunt C', self: 'me' }, saved: true },
    { topic: 'Work', members: ['wxid_bob'], owner: 'self', wxid: '1234@chatroom' },
  ],
};

describe('AddressBook', () => {
  let book: AddressBook;
  beforeEach(() => {
    book = new AddressBook(scenario, new Rng(1));
  });

  it('resolves people in scenario order with the self account first, and ContactFlags from pinned/muted', () => {
    expect(book.people.map((p) => [p.kind, p.nickName])).toEqual([
      ['self', 'wxbot'], ['friend', 'Alice'], ['friend', 'Bob 2'], ['friend', 'Alice'], ['stranger', 'Carol'], ['mp', 'News'], ['special', '文件传输助手'],
    ]);
    expect(book.self.wxid).toBe('wxid_self');
    const alice = book.findPerson('Alice');
    expect(alice?.contactFlag).toBe(0x01 | 0x02 | 0x800 | 0x200);
    expect(book.findPerson('Bob 2')?.contactFlag).toBe(0x03);
    expect(book.findPerson('Carol')?.contactFlag).toBe(0);
    expect(book.findPerson('Carol')?.headSeq).toBe(0);
    expect(book.findPerson('News')?.verifyFlag).toBe(24);
    expect(book.findPerson('Bob 2')?.pyQuanPin).toBe('Bob2');
    expect(book.findPerson('Bob 2')?.pyInitial).toBe('BOB2');
  });

  it('finds a person by wxid, remark or nickname (the first of two same nicknames), a group by topic or id', () => {
    expect(book.findPerson('Ali')?.index).toBe(1);
    expect(book.findPerson('Alice')?.index).toBe(1);
    expect(book.findPerson('wxid_bob')?.nickName).toBe('Bob 2');
    expect(book.findPerson('filehelper')?.kind).toBe('special');
    expect(book.findPerson('nobody')).toBeUndefined();
    expect(book.findGroup('1234@chatroom')?.topic).toBe('Work');
    expect(book.findGroup('Family')?.wxid).toMatch(/^\d+@chatroom$/);
  });

  it('builds groups with self as member 0, no duplicates, display names, and the first member as owner unless told', () => {
    const family = book.findGroup('Family')!;
    expect(family.members).toEqual([0, 1, 4]);
    expect(family.owner).toBe(1);
    expect([...family.displayNames]).toEqual([[4, 'Aunt C'], [0, 'me']]);
    expect(book.findGroup('Work')!.owner).toBe(0);
    expect(() => new AddressBook({ ...scenario, groups: [{ topic: 'X', members: ['Zed'] }] }, new Rng(1))).toThrow('group "X": unknown member "Zed"');
  });

  it('lists for webwxgetcontact friends, MPs, specials and only saved groups; the list follows a befriended stranger', () => {
    const listed = (): string[] => book.listed().map((r) => (r.type === 'group' ? `#${book.groups[r.index]!.topic}` : book.people[r.index]!.nickName));
    expect(listed()).toEqual(['Alice', 'Bob 2', 'Alice', 'News', '文件传输助手', '#Family']);
    const carol = book.findPerson('Carol')!;
    book.befriend(carol);
    expect(carol.kind).toBe('friend');
    expect(carol.contactFlag).toBe(0x03);
    expect(carol.headSeq).toBeGreaterThan(0);
    expect(listed()).toContain('Carol');
  });

  it('picks recent chats: named ones when the scenario says, else a special, friends, groups and MPs', () => {
    expect(book.recent.map((r) => `${r.type}:${r.index}`)).toEqual(['person:6', 'person:1', 'person:2', 'person:3', 'group:0', 'group:1', 'person:5']);
    const named = new AddressBook({ ...scenario, recentChats: ['Work', 'Ali', 'ghost'] }, new Rng(1));
    expect(named.recent).toEqual([{ type: 'group', index: 1 }, { type: 'person', index: 1 }]);
  });

  it('creates, renames groups and sets remarks and pins, keeping the name indexes in step', () => {
    const g = book.createGroup('New', [2, 2, 0]);
    expect([g.members, g.owner, g.saved]).toEqual([[0, 2], 0, false]);
    expect(book.findGroup('New')).toBe(g);
    book.renameGroup(g, 'Renamed');
    expect(book.findGroup('New')).toBeUndefined();
    expect(book.findGroup('Renamed')).toBe(g);
    expect(g.pyQuanPin).toBe('Renamed');
    const bob = book.findPerson('Bob 2')!;
    book.setRemark(bob, 'Bobby');
    expect(book.findPerson('Bobby')).toBe(bob);
    expect([bob.remarkPyInitial, bob.remarkPyQuanPin]).toEqual(['BOBBY', 'Bobby']);
    book.setPinned(bob, true);
    expect(bob.contactFlag & 0x800).toBe(0x800);
    book.setPinned(bob, false);
    expect(bob.contactFlag).toBe(0x03);
    expect(book.knownNames('person', 2)).toEqual(['Alice', 'Bob 2']);
    expect(book.knownNames('group')).toEqual(['Family', 'Work', 'Renamed']);
  });
});
