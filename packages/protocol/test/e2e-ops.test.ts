import { startSimulator, type Simulator } from '@wxbot/simulator';
import {
  acceptFriendRequest,
  addChatroomMembers,
  rejectFriendRequest,
  batchGetContact,
  createChatroom,
  quitChatroom,
  removeChatroomMembers,
  renameChatroom,
  sendFriendRequest,
  ServerRetError,
  setPinned,
  setRemarkName,
  shouldInvite,
} from '@wxbot/protocol';
import { login, syncUntil, type LoggedIn } from './helpers/sim-login';

// Contact and group operations against the simulator: what the client sends, and what comes
// back through webwxsync (ModContactList, system lines) as the proof that the server applied it.


const PINNED = 0x800;

describe('contact and group operations against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;
  const user = (nick: string): string => sim.state().friends.find((f) => f.nickName === nick)?.userName ?? `(no friend ${nick})`;

  beforeAll(async () => {
    // 45 friends; "Big" has 38 of them + self = 39 members: adding one reaches InviteStartCount 40.
    const friends = Array.from({ length: 45 }, (_, i) => ({ nickName: `F${i}` }));
    sim = await startSimulator({
      longPollMs: 300,
      loginPollMs: 300,
      scenario: {
        self: { nickName: 'bot' },
        friends: [{ nickName: 'Alice', remarkName: 'Al' }, { nickName: 'Bob' }, { nickName: 'Carol' }, ...friends],
        strangers: [{ nickName: 'Mallory' }],
        groups: [
          { topic: 'Small', saved: true, members: ['Alice', 'Bob'], owner: 'self' },
          { topic: 'Big', saved: true, members: friends.slice(0, 38).map((f) => f.nickName), owner: 'self' },
        ],
      },
    });
    s = await login(sim);
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    s?.http.close();
    await sim?.close();
  });

  it('sets a remark, then pins with the current remark so it survives', async () => {
    const alice = user('Alice');
    await setRemarkName(s.ctx, alice, 'Ally');
    await setPinned(s.ctx, alice, true, 'Ally');
    const got = await syncUntil(s, (a) => a.ModContactList.some((c) => c.UserName === alice && (c.ContactFlag & PINNED) !== 0));
    const mod = got.ModContactList.filter((c) => c.UserName === alice).at(-1);
    expect(mod?.RemarkName).toBe('Ally');
    expect((mod?.ContactFlag ?? 0) & PINNED).toBe(PINNED);
    expect(sim.state().friends.find((f) => f.nickName === 'Alice')?.remarkName).toBe('Ally');
    await setPinned(s.ctx, alice, false, 'Ally');
    expect(sim.state().friends.find((f) => f.nickName === 'Alice')?.remarkName).toBe('Ally');
  });

  it('accepts a friend request with its RecommendInfo ticket; a wrong ticket is a ServerRetError', async () => {
    const req = sim.inject({ kind: 'friend-request', nickName: 'Newcomer', greeting: 'hi' });
    const info = (req.entry as { RecommendInfo: { UserName: string; Ticket: string } }).RecommendInfo;
    const wrong = await acceptFriendRequest(s.ctx, { userName: info.UserName, ticket: 'v2_wrong@stranger' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ServerRetError);
    await acceptFriendRequest(s.ctx, { userName: info.UserName, ticket: info.Ticket });
    expect(sim.state().friends.some((f) => f.nickName === 'Newcomer')).toBe(true);
    const got = await syncUntil(s, (a) => a.ModContactList.some((c) => c.UserName === info.UserName));
    expect(got.ModContactList.some((c) => c.UserName === info.UserName)).toBe(true);
  });

  it('rejects a friend request with its ticket (Opcode 4); the request is gone: rejecting or accepting it again is -14', async () => {
    const req = sim.inject({ kind: 'friend-request', nickName: 'Pest', greeting: 'buy now' });
    const info = (req.entry as { RecommendInfo: { UserName: string; Ticket: string } }).RecommendInfo;
    await expect(rejectFriendRequest(s.ctx, { userName: info.UserName, ticket: '' })).rejects.toMatchObject({ code: 'WEBWX_BAD_ARGUMENT' });
    await rejectFriendRequest(s.ctx, { userName: info.UserName, ticket: info.Ticket });
    expect(sim.state().friendRequests.incoming.some((r) => r.nickName === 'Pest')).toBe(false);
    await expect(rejectFriendRequest(s.ctx, { userName: info.UserName, ticket: info.Ticket })).rejects.toMatchObject({ ret: -14 });
    await expect(acceptFriendRequest(s.ctx, { userName: info.UserName, ticket: info.Ticket })).rejects.toMatchObject({ ret: -14 });
    expect(sim.state().friends.some((f) => f.nickName === 'Pest')).toBe(false);
  });

  it('sends a friend request to a stranger', async () => {
    const mallory = sim.state().strangers.find((p) => p.nickName === 'Mallory')?.userName ?? '';
    await expect(sendFriendRequest(s.ctx, { userName: mallory, greeting: '你好' })).resolves.toBeUndefined();
  });

  it('creates a group, renames it, adds, removes and quits', async () => {
    const created = await createChatroom(s.ctx, [user('Alice'), user('Bob')], '');
    expect(created.chatRoomName).toMatch(/^@@/);
    expect(created.members.map((m) => m.userName).sort()).toEqual([user('Alice'), user('Bob')].sort());
    const room = created.chatRoomName;
    const fetched = await batchGetContact(s.ctx, [{ UserName: room }]);
    expect(fetched.ContactList[0]?.MemberList.length).toBeGreaterThanOrEqual(3);

    await renameChatroom(s.ctx, room, '新群 & co');
    expect(sim.state().groups.find((g) => g.userName === room)?.topic).toBe('新群 & co');

    const count = fetched.ContactList[0]?.MemberCount ?? 3;
    expect(shouldInvite(count, 1, s.inviteStartCount)).toBe(false);
    await addChatroomMembers(s.ctx, room, [user('Carol')], { invite: false });
    expect(sim.state().groups.find((g) => g.userName === room)?.members.some((m) => m.nickName === 'Carol')).toBe(true);

    await removeChatroomMembers(s.ctx, room, [user('Bob')]);
    expect(sim.state().groups.find((g) => g.userName === room)?.members.some((m) => m.nickName === 'Bob')).toBe(false);

    await quitChatroom(s.ctx, room);
    const gone = await syncUntil(s, (a) => a.DelContactList.some((d) => d.UserName === room));
    expect(gone.DelContactList.some((d) => d.UserName === room)).toBe(true);
  });

  it('invites instead of adding once the group reaches InviteStartCount (40); addmember there is Ret 1', async () => {
    const big = sim.state().groups.find((g) => g.topic === 'Big');
    const room = big?.userName ?? '';
    const fetched = await batchGetContact(s.ctx, [{ UserName: room }]);
    const count = fetched.ContactList[0]?.MemberCount ?? 0;
    expect(count).toBe(39);
    expect(s.inviteStartCount).toBe(40);
    expect(shouldInvite(count, 1, s.inviteStartCount)).toBe(true);
    const err = await addChatroomMembers(s.ctx, room, [user('F40')], { invite: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    expect((err as ServerRetError).ret).toBe(1);
    await addChatroomMembers(s.ctx, room, [user('F40')], { invite: true });
  });
});
