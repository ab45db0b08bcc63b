import fc from 'fast-check';
import {
  addChatroomMembers,
  createChatroom,
  MalformedBodyError,
  ProtocolError,
  quitChatroom,
  removeChatroomMembers,
  renameChatroom,
  ServerRetError,
  shouldInvite,
} from '@wxbot/protocol';
import { jsonWireServer } from '../helpers/json-wire';

describe('shouldInvite', () => {
  it('invites once the group would reach InviteStartCount', () => {
    expect(shouldInvite(10, 2, 40)).toBe(false);
    expect(shouldInvite(38, 1, 40)).toBe(false);
    expect(shouldInvite(39, 1, 40)).toBe(true);
    expect(shouldInvite(40, 1, 40)).toBe(true);
    expect(shouldInvite(3, 37)).toBe(true);
  });
  it('is monotonic in the count and the number added', () => {
    fc.assert(fc.property(fc.nat(500), fc.nat(500), fc.integer({ min: 1, max: 500 }), (n, k, start) => !shouldInvite(n, k, start) || (shouldInvite(n + 1, k, start) && shouldInvite(n, k + 1, start))));
  });
});

describe('chatroom requests on the wire', () => {
  const wire = jsonWireServer();

  it('createChatroom sends MemberCount/MemberList/Topic and treats Ret -2013 as (partial) success', async () => {
    wire.answer = {
      BaseResponse: { Ret: 0, ErrMsg: 'Everything is OK' }, Topic: 'T', ChatRoomName: '@@new', MemberCount: 2,
      MemberList: [{ UserName: '@a', NickName: 'A', MemberStatus: 0 }, { UserName: '@b', NickName: 'B', MemberStatus: 4 }],
    };
    const r = await createChatroom(wire.ctx, ['@a', '@b'], 'T');
    expect(wire.last().json).toMatchObject({ MemberCount: 2, MemberList: [{ UserName: '@a' }, { UserName: '@b' }], Topic: 'T' });
    expect(r).toEqual({ chatRoomName: '@@new', topic: 'T', partial: false, members: [{ userName: '@a', nickName: 'A', memberStatus: 0 }, { userName: '@b', nickName: 'B', memberStatus: 4 }] });
    wire.answer = { BaseResponse: { Ret: -2013, ErrMsg: '' }, ChatRoomName: '@@partial', MemberList: [] };
    expect(await createChatroom(wire.ctx, ['@a', '@b'])).toMatchObject({ chatRoomName: '@@partial', partial: true });
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, ChatRoomName: '' };
    await expect(createChatroom(wire.ctx, ['@a', '@b'])).rejects.toBeInstanceOf(MalformedBodyError);
    wire.answer = { BaseResponse: { Ret: -2013, ErrMsg: '' }, ChatRoomName: '' };
    const partialWithout = await createChatroom(wire.ctx, ['@a', '@b']).catch((e: unknown) => e);
    expect((partialWithout as ServerRetError).ret).toBe(-2013);
    wire.answer = { BaseResponse: { Ret: 1205, ErrMsg: '' } };
    await expect(createChatroom(wire.ctx, ['@a', '@b'])).rejects.toBeInstanceOf(ServerRetError);
    await expect(createChatroom(wire.ctx, ['@a'])).rejects.toThrow(/at least 2/);
  });

  it('updatechatroom: addmember vs invitemember, delmember, modtopic, quitchatroom with comma-separated lists', async () => {
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' }, MemberCount: 3, MemberList: [{ UserName: '@a', NickName: 'A', MemberStatus: 0 }] };
    const added = await addChatroomMembers(wire.ctx, '@@room', ['@a', '@b'], { invite: false });
    expect(wire.query()).toMatchObject({ fun: 'addmember', pass_ticket: 'pt' });
    expect(wire.last().json).toMatchObject({ ChatRoomName: '@@room', AddMemberList: '@a,@b' });
    expect(wire.last().json).not.toHaveProperty('InviteMemberList');
    expect(added.members).toEqual([{ userName: '@a', nickName: 'A', memberStatus: 0 }]);
    await addChatroomMembers(wire.ctx, '@@room', ['@a', '@b'], { invite: true });
    expect(wire.query()).toMatchObject({ fun: 'invitemember' });
    expect(wire.last().json).toMatchObject({ ChatRoomName: '@@room', InviteMemberList: '@a,@b' });
    expect(wire.last().json).not.toHaveProperty('AddMemberList');
    await removeChatroomMembers(wire.ctx, '@@room', ['@c']);
    expect(wire.query()).toMatchObject({ fun: 'delmember' });
    expect(wire.last().json).toMatchObject({ DelMemberList: '@c' });
    wire.answer = { BaseResponse: { Ret: 0, ErrMsg: '' } };
    expect(await renameChatroom(wire.ctx, '@@room', '新名字 & co')).toEqual({ members: [] });
    expect(wire.query()).toMatchObject({ fun: 'modtopic' });
    expect(wire.last().json).toMatchObject({ ChatRoomName: '@@room', NewTopic: '新名字 & co' });
    await quitChatroom(wire.ctx, '@@room');
    expect(wire.query()).toMatchObject({ fun: 'quitchatroom' });
    expect(wire.last().json).toMatchObject({ ChatRoomName: '@@room' });
    await expect(addChatroomMembers(wire.ctx, '@alice', ['@a'], { invite: false })).rejects.toThrow(ProtocolError);
    await expect(removeChatroomMembers(wire.ctx, '@@room', [])).rejects.toThrow(/no UserNames/);
  });
});
