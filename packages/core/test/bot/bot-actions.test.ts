import { submitTo } from '../../src/bot/action-kinds';
import { friendActions, roomActions, type ActionDeps } from '../../src/bot/bot-actions';
import { FriendRequestBook } from '../../src/bot/friend-requests';
import { fetchByUserName } from '../../src/session/contact-loader';
import { liveSession, type Live } from '../fixtures/live';

// Friend and group actions through the real outbox and action kinds, against the simulator.
let t: Live;
let deps: ActionDeps;
beforeAll(async () => {
  t = await liveSession();
});
afterAll(() => t.close());
beforeEach(() => {
  deps = { submit: submitTo(t.outbox), store: t.contacts, requests: new FriendRequestBook(), inviteStartCount: () => t.live.inviteStartCount, fetch: (ids) => fetchByUserName(t.live.ctx, t.contacts, ids) };
});

const group = (topic: string) => t.sim.state().groups.find((g) => g.topic === topic);

describe('friendActions', () => {
  it('accepts a request with its ticket and settles it; ignore settles without a request', async () => {
    const friends = friendActions(deps);
    const { entry } = t.sim.friendRequest({ from: 'Trent', greeting: 'hello' });
    const request = { userName: entry.RecommendInfo.UserName, nickName: 'Trent', greeting: 'hello', ticket: entry.RecommendInfo.Ticket, scene: 30, roomId: '' };
    deps.requests.add(request);
    const other = { ...request, userName: '@other', ticket: 'v2_other' };
    deps.requests.add(other);
    await friends.accept(request);
    expect(t.sim.state().friendRequests.incoming).toEqual([]);
    expect(deps.requests.status(request)).toBe('accepted');
    friends.ignore(other);
    expect(friends.pending()).toEqual([]);
  });

  it('a reject needs the ticket', async () => {
    await expect(friendActions(deps).reject({ userName: '@x', nickName: 'X', greeting: '', ticket: '', scene: 0, roomId: '' })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
  });

  it('add sends a request with the greeting; setRemark renames on the server', async () => {
    const friends = friendActions(deps);
    const mallory = t.contacts.findContacts('Mallory')[0]?.id ?? group('Dev Team')!.members.find((m) => m.nickName === 'Mallory')!.userName;
    await friends.add(mallory, 'hi, from the group');
    expect(t.sim.state().friendRequests.outgoing).toEqual([expect.objectContaining({ nickName: 'Mallory', greeting: 'hi, from the group', status: 'pending' })]);
    await friends.setRemark(t.id('Carol'), 'Carol from QA');
    expect(t.sim.state().friends.find((f) => f.nickName === 'Carol')?.remarkName).toBe('Carol from QA');
  });

  it("tag writes ' #<tag>' into a friend's remark and returns the tag; only friends have one", async () => {
    const friends = friendActions(deps);
    const tag = await friends.tag(t.id('Alice'));
    expect(tag).toMatch(/^[0-9a-z]+$/);
    expect(t.sim.state().friends.find((f) => f.nickName === 'Alice')?.remarkName).toBe(`Alice #${tag}`);
    await expect(friends.tag(t.id('Family'))).rejects.toMatchObject({ code: 'WXBOT_UNKNOWN_CHAT' });
  });
});

describe('roomActions', () => {
  it('create needs two others; then the new group comes back from the store with its members', async () => {
    const rooms = roomActions(deps);
    await expect(rooms.create([t.id('Alice')])).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
    const g = await rooms.create([t.id('Alice'), t.id('Carol')], 'Lunch');
    expect(g.topic).toBe('Lunch');
    expect(g.members.map((m) => m.nickName)).toEqual(expect.arrayContaining(['Alice', 'Carol']));
    expect(group('Lunch')?.joined).toBe(true);
  });

  it('add, remove (as the owner), rename and quit change the group on the server', async () => {
    const rooms = roomActions(deps);
    // The account owns Dev Team; only an owner may remove members.
    const dev = t.id('Dev Team');
    await rooms.add(dev, [t.id('Dave')]);
    expect(group('Dev Team')?.members.map((m) => m.nickName)).toContain('Dave');
    await rooms.remove(dev, [t.id('Dave')]);
    expect(group('Dev Team')?.members.map((m) => m.nickName)).not.toContain('Dave');
    await rooms.rename(dev, 'Dev Team 2');
    expect(group('Dev Team 2')).toBeDefined();
    await rooms.quit(dev);
    expect(group('Dev Team 2')?.joined).toBe(false);
  });

  it('a removal the server refuses (not the owner) fails with the server reason', async () => {
    await expect(roomActions(deps).remove(t.id('Family'), [t.id('Bob')])).rejects.toMatchObject({ code: 'WXBOT_SEND_FAILED', message: expect.stringContaining('Ret -2') as string });
  });

  it('announcements are not on the web: WXBOT_NOT_ON_WEB; an unknown group: WXBOT_UNKNOWN_CHAT', async () => {
    const rooms = roomActions(deps);
    await expect(rooms.announcement(t.id('Family'))).rejects.toMatchObject({ code: 'WXBOT_NOT_ON_WEB', message: expect.stringContaining('"Family"') as string });
    await expect(rooms.setAnnouncement(t.id('Family'), 'x')).rejects.toMatchObject({ code: 'WXBOT_NOT_ON_WEB' });
    await expect(rooms.announcement('@@nope')).rejects.toMatchObject({ code: 'WXBOT_UNKNOWN_CHAT' });
  });
});
