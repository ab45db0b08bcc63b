import { AddressBook } from '../../src/contacts/address-book';
import { Directory } from '../../src/contacts/directory';
import { demoScenario } from '../../src/scenario/demo';
import { Rng } from '../../src/util/rng';

describe('Directory (UserNames of one login)', () => {
  const book = new AddressBook(demoScenario(), new Rng(1));

  it('mints @ + 32 or 64 hex for people (64 for self and strangers), @@ + 64 for groups, the wxid for specials', () => {
    const dir = new Directory(book, new Rng(2));
    expect(dir.selfUserName).toMatch(/^@[0-9a-f]{64}$/);
    for (const p of book.people) {
      const u = dir.personUserName(p);
      if (p.kind === 'special') expect(u).toBe(p.wxid);
      else if (p.kind === 'stranger') expect(u).toMatch(/^@[0-9a-f]{64}$/);
      else expect(u).toMatch(/^@[0-9a-f]{32}([0-9a-f]{32})?$/);
    }
    for (const g of book.groups) expect(dir.groupUserName(g)).toMatch(/^@@[0-9a-f]{64}$/);
  });

  it('resolves UserNames back, groups also by EncryChatRoomId, and knows nothing of another login', () => {
    const dir = new Directory(book, new Rng(2));
    const alice = book.findPerson('Alice')!;
    const family = book.findGroup('Family')!;
    expect(dir.person(dir.personUserName(alice))).toBe(alice);
    expect(dir.group(dir.groupUserName(family))).toBe(family);
    expect(dir.person(dir.groupUserName(family))).toBeUndefined();
    expect(dir.resolve(dir.groupUserName(family))).toEqual({ type: 'group', index: family.index });
    expect(dir.groupByRoomId(dir.encryChatRoomId(family))).toBe(family);
    expect(dir.groupByRoomId(dir.groupUserName(family))).toBe(family);
    expect(dir.userNameOf({ type: 'person', index: alice.index })).toBe(dir.personUserName(alice));
    const next = new Directory(book, new Rng(3));
    expect(next.personUserName(alice)).not.toBe(dir.personUserName(alice));
    expect(next.person(dir.personUserName(alice))).toBeUndefined();
  });

  it('names people and groups added after the login on first use, and keeps the name', () => {
    const own = new AddressBook(demoScenario(), new Rng(1));
    const dir = new Directory(own, new Rng(4));
    const g = own.createGroup('Later', [1]);
    const p = own.add({ nickName: 'Newcomer' }, 'stranger', 'wxid_new');
    const gu = dir.groupUserName(g);
    expect(dir.groupUserName(g)).toBe(gu);
    expect(dir.group(gu)).toBe(g);
    expect(dir.encryChatRoomId(g)).toMatch(/^@[0-9a-f]{32}$/);
    expect(dir.person(dir.personUserName(p))).toBe(p);
  });
});
