import { IdentityIndex, IDENTITIES_SECTION, SELF_STABLE_ID } from '../../src/contacts/identity-index';
import { groupSource, personSource, type IdentitySource } from '../../src/contacts/identity-match';
import { MemoryState, MemoryStateStore } from '../../src/storage/memory-store';

// The identity index over three logins of a small address book; every login mints new UserNames,
// as the server does (docs/protocol.md 13.2).

interface Person {
  nick: string;
  remark?: string;
  alias?: string;
  sex?: number;
  seq?: number;
}

let serial = 0;
const newUserName = (group = false): string => `${group ? '@@' : '@'}${(++serial).toString(16).padStart(group ? 64 : 32, '0')}`;

function person(p: Person, userName = newUserName(), self = false): IdentitySource {
  return personSource(
    { id: userName, remarkName: p.remark ?? '', nickName: p.nick, alias: p.alias ?? '', sex: p.sex ?? 0, province: '', city: '', avatarPath: `/cgi-bin/mmwebwx-bin/webwxgeticon?seq=${p.seq ?? 1}&username=${userName}&skey=@crypt_x`, name: p.remark || p.nick },
    self,
  );
}

function group(topic: string, members: string[], userName = newUserName(true)): IdentitySource {
  return groupSource({ id: userName, topic, name: topic, members: members.map((nickName) => ({ nickName })) });
}

/** One login's contacts: the account, Alice, Bob, filehelper and the group Family. */
function login(overrides: Partial<Record<'alice' | 'bob', Person>> = {}): Record<'self' | 'alice' | 'bob' | 'file' | 'family', IdentitySource> {
  return {
    self: person({ nick: 'wxbot' }, newUserName(), true),
    alice: person(overrides.alice ?? { nick: 'Alice', sex: 2, seq: 11 }),
    bob: person(overrides.bob ?? { nick: 'Bob', remark: 'Bobby', sex: 1, seq: 12 }),
    file: person({ nick: 'File Transfer' }, 'filehelper'),
    family: group('Family', ['Alice', 'Bob', 'Carol']),
  };
}

describe('IdentityIndex', () => {
  it('gives each contact a stable id that the next login finds again, and forwards old UserNames', async () => {
    const index = new IdentityIndex();
    const one = login();
    const first = await index.bindSession(Object.values(one));
    expect(first).toMatchObject({ bound: 5, missing: 0 });
    expect(index.stableIdOf(one.self.userName)).toBe(SELF_STABLE_ID);
    expect(index.stableIdOf('filehelper')).toBe('filehelper');
    expect(index.stableIdOf(one.alice.userName)).toMatch(/^p:[0-9a-f]{16}$/);
    expect(index.stableIdOf(one.family.userName)).toMatch(/^g:[0-9a-f]{16}$/);
    expect(index.confidenceOf(one.alice.userName)).toBe('new');

    index.endSession();
    const two = login();
    const second = await index.bindSession(Object.values(two));
    expect(second).toMatchObject({ bound: 5, missing: 0, byConfidence: { 'fingerprint-unique': 3, exact: 2 } });
    for (const k of ['self', 'alice', 'bob', 'file', 'family'] as const) expect([k, index.stableIdOf(two[k].userName)]).toEqual([k, index.stableIdOf(one[k].userName)]);
    expect(index.forward(one.alice.userName)).toEqual({ userName: two.alice.userName, stableId: index.stableIdOf(two.alice.userName), confidence: 'fingerprint-unique' });
    expect(index.forward(one.family.userName)).toMatchObject({ userName: two.family.userName });
    expect(index.forward(two.bob.userName)).toMatchObject({ userName: two.bob.userName });
    // Not a UserName (a text, a literal id the index does not know): left alone.
    expect(index.forward('@Alice hello')).toBeUndefined();
    expect(index.forward('weixin')).toBeUndefined();
    expect(index.forward(newUserName())).toEqual({ reason: 'unknown' });
    expect(index.forward(newUserName(), false)).toBeUndefined();
  });

  it('matches by the weaker fingerprint when the avatar changed, and reports a contact gone as absent', async () => {
    const index = new IdentityIndex();
    const one = login();
    await index.bindSession(Object.values(one));
    const aliceId = index.stableIdOf(one.alice.userName) as string;
    const bobId = index.stableIdOf(one.bob.userName) as string;
    index.endSession();
    const two = login({ alice: { nick: 'Alice', sex: 2, seq: 99 } });
    await index.bindSession([two.self, two.alice, two.file, two.family]);
    expect(index.stableIdOf(two.alice.userName)).toBe(aliceId);
    expect(index.resolve(bobId)).toEqual({ reason: 'absent', stableId: bobId, name: 'Bobby' });
    expect(index.forward(one.bob.userName)).toEqual({ reason: 'absent', stableId: bobId, name: 'Bobby' });
    expect(index.resolve('p:nope')).toEqual({ reason: 'unknown', stableId: 'p:nope' });
  });

  it('never confuses two contacts that look alike: both ambiguous, neither forwarded', async () => {
    const index = new IdentityIndex();
    const twin = { nick: 'Sam', sex: 1, seq: 5 };
    const a = person(twin);
    const b = person(twin);
    await index.bindSession([a, b]);
    expect(index.confidenceOf(a.userName)).toBe('ambiguous');
    expect(index.stableIdOf(a.userName)).not.toBe(index.stableIdOf(b.userName));
    const idA = index.stableIdOf(a.userName) as string;
    expect(index.resolve(idA)).toMatchObject({ reason: 'ambiguous' });
    index.endSession();
    await index.bindSession([person(twin), person(twin)]);
    expect(index.forward(a.userName)).toMatchObject({ reason: 'ambiguous' });
  });

  it('finds a tagged friend by its remark tag even when everything else changed', async () => {
    const index = new IdentityIndex();
    const first = person({ nick: 'Zoe', remark: 'Zoe #k3f9q2', seq: 1 });
    await index.bindSession([first]);
    const id = index.stableIdOf(first.userName);
    index.endSession();
    const again = person({ nick: 'Zoë 🌸', remark: 'Z #k3f9q2', sex: 2, seq: 7 });
    await index.bindSession([again]);
    expect(index.stableIdOf(again.userName)).toBe(id);
    expect(index.confidenceOf(again.userName)).toBe('tag');
  });

  it('learns permanent ids from the MsgType 51 pairs, and they correct a fingerprint mix-up', async () => {
    const index = new IdentityIndex();
    const one = login();
    await index.bindSession(Object.values(one));
    expect(index.learn([[one.alice.userName, 'wxid_alice'], [one.bob.userName, 'wxid_bob'], [one.family.userName, '42@chatroom']])).toBe(0);
    expect(index.confidenceOf(one.alice.userName)).toBe('exact');
    expect(index.confidenceOf(one.family.userName)).toBe('chatroom');
    const aliceId = index.stableIdOf(one.alice.userName);
    const bobId = index.stableIdOf(one.bob.userName);
    index.endSession();
    // Alice and Bob swapped every visible field: the fingerprints bind them the wrong way round.
    const two = login({ alice: { nick: 'Bob', remark: 'Bobby', sex: 1, seq: 12 }, bob: { nick: 'Alice', sex: 2, seq: 11 } });
    await index.bindSession(Object.values(two));
    expect(index.stableIdOf(two.alice.userName)).toBe(bobId);
    expect(index.learn([[two.alice.userName, 'wxid_alice'], [two.bob.userName, 'wxid_bob']])).toBe(1);
    expect(index.stableIdOf(two.alice.userName)).toBe(aliceId);
    expect(index.stableIdOf(two.bob.userName)).toBe(bobId);
    expect(index.confidenceOf(two.bob.userName)).toBe('exact');
    expect(index.forward(one.alice.userName)).toMatchObject({ userName: two.alice.userName });
  });

  it('follows contacts added or changed during a login', async () => {
    const index = new IdentityIndex();
    const one = login();
    index.observe(one.alice); // before the bind: nothing yet
    expect(index.stableIdOf(one.alice.userName)).toBeUndefined();
    await index.bindSession(Object.values(one));
    const newFriend = person({ nick: 'Dora', seq: 3 });
    index.observe(newFriend);
    expect(index.confidenceOf(newFriend.userName)).toBe('new');
    const id = index.stableIdOf(one.bob.userName);
    index.observe(person({ nick: 'Bob', remark: 'Robert', sex: 1, seq: 12 }, one.bob.userName));
    expect(index.stableIdOf(one.bob.userName)).toBe(id);
    expect(index.list().find((r) => r.id === id)?.n).toBe('Robert');
  });

  it('keeps its records in the state store: a restart with a new login forwards the old UserNames', async () => {
    const state = new MemoryState();
    const before = new IdentityIndex(new MemoryStateStore(state));
    await before.load();
    const one = login();
    await before.bindSession(Object.values(one));
    before.learn([[one.alice.userName, 'wxid_alice']]);
    const aliceId = before.stableIdOf(one.alice.userName);

    const after = new IdentityIndex(new MemoryStateStore(state));
    await after.load();
    expect(after.size).toBe(5);
    expect(after.isBound).toBe(false);
    expect(after.forward(one.alice.userName)).toMatchObject({ reason: 'no-session', stableId: aliceId });
    const two = login();
    await after.bindSession(Object.values(two));
    expect(after.forward(one.alice.userName)).toMatchObject({ userName: two.alice.userName, stableId: aliceId, confidence: 'fingerprint-unique' });
    expect(after.list().find((r) => r.id === aliceId)?.wx).toBe('wxid_alice');

    // Compaction keeps one record of every contact.
    const store = new MemoryStateStore(state);
    const third = new IdentityIndex(store);
    await third.load();
    await store.compact();
    expect(state.lines.filter((l) => l.section === IDENTITIES_SECTION)).toHaveLength(1);
  });
});
