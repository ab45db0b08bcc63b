import type { WireContact, WireMember, WireUser } from '@wxbot/wire-types';
import { ContactStore } from '../../src/contacts/contact-store';
import { changeEvents, type ChangeInput } from '../../src/events/change-events';
import type { SystemNotice } from '../../src/events/system-text';

const self = { UserName: '@self', NickName: 'bot', Uin: 1 } as WireUser;
const member = (id: string, nick: string): WireMember => ({ UserName: id, NickName: nick, DisplayName: '', Uin: 0, AttrStatus: 0, PYInitial: '', PYQuanPin: '', RemarkPYInitial: '', RemarkPYQuanPin: '', MemberStatus: 0, KeyWord: '' });
const group = (topic: string, members: WireMember[]): WireContact => ({ UserName: '@@room', NickName: topic, MemberList: members, MemberCount: members.length, ContactFlag: 3 }) as unknown as WireContact;

function run(before: WireContact | undefined, after: WireContact | undefined, notices: SystemNotice[] = []) {
  const store = new ContactStore();
  store.setSelf(self);
  if (before) store.upsert(before);
  const groupsBefore = new Map([['@@room', store.group('@@room')]]);
  if (after) store.upsert(after);
  else store.remove('@@room');
  const input: ChangeInput = {
    selfId: '@self',
    groupsBefore,
    contactsBefore: new Map(),
    groupAfter: (id) => store.group(id),
    contactAfter: (id) => store.contact(id),
    notices: notices.map((notice) => ({ roomId: '@@room', notice })),
  };
  return changeEvents(input);
}

const alice = member('@a', 'Alice');
const bob = member('@b', 'Bob');
const me = member('@self', 'bot');

describe('changeEvents', () => {
  it('one room-join per batch with the inviter from the system line', () => {
    const ev = run(group('T', [me, alice]), group('T', [me, alice, bob]), [{ type: 'join', inviter: { self: false, name: 'Alice' }, invitees: ['Bob'], via: 'invite' }]);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ name: 'room-join', event: { members: [{ nickName: 'Bob' }], inviter: { name: 'Alice' }, via: 'invite' } });
  });
  it('room-leave for others, with the remover', () => {
    const ev = run(group('T', [me, alice, bob]), group('T', [me, alice]), [{ type: 'leave', remover: { self: true }, removed: ['Bob'] }]);
    expect(ev).toEqual([{ name: 'room-leave', event: expect.objectContaining({ self: false, members: [expect.objectContaining({ nickName: 'Bob' })], remover: { self: true } }) }]);
  });
  it('the bot removed: member list without self, or the group deleted, fires one self room-leave', () => {
    const viaMod = run(group('T', [me, alice]), group('T', [alice]), [{ type: 'self-removed', remover: 'Alice' }]);
    expect(viaMod).toEqual([{ name: 'room-leave', event: expect.objectContaining({ self: true, remover: { self: false, name: 'Alice' } }) }]);
    const viaDel = run(group('T', [me, alice]), undefined);
    expect(viaDel).toEqual([{ name: 'room-leave', event: expect.objectContaining({ self: true }) }]);
  });
  it('a first sighting or a no-op update fires nothing', () => {
    expect(run(undefined, group('T', [me, alice]))).toEqual([]);
    expect(run(group('T', [me, alice]), group('T', [me, alice]))).toEqual([]);
  });
  it('a member list that was not fetched yet is not diffed', () => {
    expect(run(group('T', []), group('T', [me, alice, bob]))).toEqual([]);
  });
});
