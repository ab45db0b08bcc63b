import { startSimulator, type Simulator } from '@wxbot/simulator';
import type { Bot, FriendshipEvent, Group } from '@wxbot/core';
import type { ContactStore } from '@wxbot/core/internals';
import { FAST_SIM, newBot, removeHome, tempHome, until } from './harness';

// Friend requests (reject, ignore, where they came from), avatars, group members by alias and
// announcements, through the engine over HTTP against the simulator (demo scenario).

type Request = Extract<FriendshipEvent, { type: 'request' }>;

describe('contact features through the engine', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const requests: Request[] = [];

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(sim, home, [], { outbox: { limits: false } });
    bot.on('friendship', (e) => void (e.type === 'request' && requests.push(e)));
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  const requestFrom = async (from: string, extra: { greeting?: string; room?: string } = {}): Promise<Request> => {
    sim.friendRequest({ from, ...extra });
    await until(() => requests.some((r) => r.request.nickName === from), `the request from ${from}`);
    return requests.find((r) => r.request.nickName === from) as Request;
  };
  const incoming = (name: string): boolean => sim.state().friendRequests.incoming.some((r) => r.nickName === name);
  const room = (topic: string): Group => bot.contacts.findGroups(topic)[0] as Group;

  it('a request keeps its greeting, scene and the group it came from; reject() sends Opcode 4 and the server forgets it', async () => {
    const family = sim.state().groups.find((g) => g.topic === 'Family');
    const e = await requestFrom('Ursula', { greeting: 'we met in Family', room: 'Family' });
    expect(e.request).toMatchObject({ nickName: 'Ursula', greeting: 'we met in Family', scene: 14, roomId: family?.wxid });
    expect(bot.friends.pending().map((r) => r.nickName)).toContain('Ursula');

    await e.reject();
    expect(incoming('Ursula')).toBe(false);
    expect(bot.friends.pending().map((r) => r.nickName)).not.toContain('Ursula');
    // Refused by the server now (Ret -14): a coded error, not silence.
    await expect(bot.friends.accept(e.request)).rejects.toMatchObject({ code: 'WXBOT_SEND_FAILED' });
    await expect(bot.friends.reject(e.request)).rejects.toMatchObject({ code: 'WXBOT_SEND_FAILED' });
    expect(sim.state().friends.some((f) => f.nickName === 'Ursula')).toBe(false);
    await expect(bot.friends.reject({ ...e.request, ticket: '' })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
  });

  it('ignore() sends nothing: the request leaves pending() but stays open on the server and can still be accepted', async () => {
    const e = await requestFrom('Victor');
    expect(e.request.roomId).toBe('');
    e.ignore();
    expect(bot.friends.pending().map((r) => r.nickName)).not.toContain('Victor');
    expect(incoming('Victor')).toBe(true);
    await e.accept();
    expect(sim.state().friends.some((f) => f.nickName === 'Victor')).toBe(true);
  });

  it('avatars of a friend, a group, a group member who is no friend, and a requester', async () => {
    const alice = bot.contacts.findContacts('Alice')[0]?.id ?? '';
    expect(await bot.avatar(alice)).toMatchObject({ mime: 'image/jpeg', ext: 'jpg' });
    expect((await bot.avatar(room('Family').id, { big: true })).bytes.subarray(0, 2).toString('hex')).toBe('ffd8');

    // Mallory is in Dev Team and no contact: only the member form works; the bot finds the group itself.
    const devTeam = room('Dev Team');
    const mallory = devTeam.member('Mallory')?.id ?? '';
    expect(bot.contacts.contact(mallory)).toBeUndefined();
    const found = await bot.avatar(mallory);
    expect((await bot.avatar(mallory, { room: devTeam.id })).bytes.equals(found.bytes)).toBe(true);
    await expect(bot.avatar(mallory, { room: room('Family').id })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
    await expect(bot.avatar(mallory, { room: '@@gone' })).rejects.toMatchObject({ code: 'WXBOT_UNKNOWN_CHAT' });

    // A group known without its EncryChatRoomId (as webwxinit lists them): fetched first, then the member form.
    const store = bot.contacts as ContactStore;
    store.remove(devTeam.id);
    store.upsert({ ...devTeam.raw, EncryChatRoomId: '' });
    expect(bot.contacts.group(devTeam.id)?.encryChatRoomId).toBe('');
    expect((await bot.avatar(mallory)).bytes.equals(found.bytes)).toBe(true);
    expect(bot.contacts.group(devTeam.id)?.encryChatRoomId).toBe(devTeam.encryChatRoomId);

    // A requester is nobody's member: the server wants the request's msgid.
    const e = await requestFrom('Wendy');
    await expect(bot.avatar(e.request.userName)).rejects.toMatchObject({ code: 'WXBOT_AVATAR_UNAVAILABLE' });
    expect((await bot.avatar(e.request.userName, { msgId: e.message.id })).ext).toBe('jpg');
  });

  it('finds group members by alias, remark or nickname, and knows the bot\'s own alias', async () => {
    const family = room('Family');
    const bob = family.members.find((m) => m.nickName === 'Bob');
    expect(bob?.displayName).toBe('Dad');
    expect(family.member('Dad')).toBe(bob);
    expect(family.member(bob?.id ?? '')).toBe(bob);
    expect(family.member('Carol')?.nickName).toBe('Carol');
    expect(family.member('Nobody')).toBeUndefined();
    // Bob's remark is "Bobby" (a friend): found by it too, and by part of a name.
    expect(bot.contacts.findMembers(family.id, 'Bobby')).toEqual([bob]);
    expect(bot.contacts.findMembers(family.id, 'dad')).toEqual([bob]);
    expect(bot.contacts.findMembers('@@unknown', 'Dad')).toEqual([]);

    const devTeam = room('Dev Team');
    expect(bot.contacts.displayNameIn(devTeam.id)).toBe('Bot');
    expect(bot.contacts.displayNameIn(family.id)).toBe('');
    expect(bot.contacts.displayNameIn(devTeam.id, devTeam.member('Carol (QA)')?.id)).toBe('Carol (QA)');
  });

  it('announcements: the web protocol has none, so reading and setting are a coded error and nothing is sent', async () => {
    const family = room('Family');
    const sent = sim.sent().length;
    await expect(bot.rooms.announcement(family.id)).rejects.toMatchObject({ code: 'WXBOT_NOT_ON_WEB' });
    await expect(bot.rooms.setAnnouncement(family.id, 'dinner at 7')).rejects.toMatchObject({ code: 'WXBOT_NOT_ON_WEB' });
    await expect(bot.rooms.setAnnouncement('@@gone', 'x')).rejects.toMatchObject({ code: 'WXBOT_UNKNOWN_CHAT' });
    expect(sim.sent()).toHaveLength(sent);
    expect(sim.state().groups.find((g) => g.topic === 'Family')?.topic).toBe('Family');
  });
});
