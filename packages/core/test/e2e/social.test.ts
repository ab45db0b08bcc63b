import { generateScenario, startSimulator, type Simulator } from '@wxbot/simulator';
import type { Bot, FriendshipEvent, RoomJoinEvent, RoomLeaveEvent } from '@wxbot/core';
import friendAccept from '@wxbot/plugin-friend-accept';
import roomWelcome from '@wxbot/plugin-room-welcome';
import { FAST_SIM, newBot, recorder, removeHome, tempHome, until } from './harness';

describe('friends and groups through the engine', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const rec = recorder();
  const friendships: FriendshipEvent[] = [];
  const joins: RoomJoinEvent[] = [];
  const leaves: RoomLeaveEvent[] = [];

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(
      sim,
      home,
      [
        rec.plugin,
        friendAccept({ rules: [{ match: 'contains', pattern: 'wxbot', flags: 'i' }], greeting: 'Hi {name}, welcome!' }),
        roomWelcome({ rooms: { Family: 'Welcome to the family, {names}!' } }),
      ],
      { outbox: { limits: false } },
    );
    bot.on('friendship', (e) => friendships.push(e));
    bot.on('room-join', (e) => joins.push(e));
    bot.on('room-leave', (e) => leaves.push(e));
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  /** A text sent after `action` and seen by the bot proves the batches before it were applied. */
  const settle = async (): Promise<void> => {
    const { msgId } = sim.injectText({ from: 'Alice', text: `settle ${Date.now()}` });
    await until(() => rec.seen.some((m) => m.id === msgId), 'the settle message');
  };

  it('friend-accept accepts a matching request, greets the new friend, and confirm fires once', async () => {
    sim.friendRequest({ from: 'Zed', greeting: 'Hello, I use WXBOT too' });
    await until(() => friendships.some((f) => f.type === 'confirm'), 'the friendship confirmation');
    await until(() => sim.sent().some((s) => s.content === 'Hi Zed, welcome!'), 'the greeting');
    await settle();
    expect(friendships.filter((f) => f.type === 'request')).toHaveLength(1);
    expect(friendships.filter((f) => f.type === 'confirm')).toHaveLength(1);
    expect(bot.contacts.findContacts('Zed')[0]?.kind).toBe('friend');
    expect(sim.state().friends.some((f) => f.nickName === 'Zed')).toBe(true);
  });

  it('friend-accept leaves a request without the keyword alone', async () => {
    sim.friendRequest({ from: 'Spammer', greeting: 'cheap followers' });
    await until(() => friendships.some((f) => f.type === 'request' && f.request.nickName === 'Spammer'), 'the request');
    await settle();
    expect(sim.state().friends.some((f) => f.nickName === 'Spammer')).toBe(false);
  });

  it('someone joining fires room-join once with the inviter, and room-welcome greets them by name', async () => {
    const before = joins.length;
    sim.joinRoom({ room: 'Family', member: 'Dave', by: 'Alice' });
    await until(() => sim.sent().some((s) => s.content === 'Welcome to the family, Dave!' && s.room === 'Family'), 'the welcome');
    await settle();
    expect(joins.slice(before)).toHaveLength(1);
    expect(joins.at(-1)).toMatchObject({ members: [expect.objectContaining({ nickName: 'Dave' })], inviter: { self: false, name: 'Alice' } });
    expect(bot.contacts.findGroups('Family')[0]?.members.some((m) => m.nickName === 'Dave')).toBe(true);
  });

  it('someone removed fires room-leave once, with who removed them', async () => {
    const before = leaves.length;
    sim.leaveRoom({ room: 'Family', member: 'Dave', by: 'Alice' });
    await until(() => leaves.length > before, 'room-leave');
    await settle();
    expect(leaves.slice(before)).toHaveLength(1);
    expect(leaves.at(-1)).toMatchObject({ self: false, members: [expect.objectContaining({ nickName: 'Dave' })] });
  });

  it('sends @-mentions in a group as the official client does', async () => {
    const family = bot.contacts.findGroups('Family')[0];
    const bob = family?.members.find((m) => m.nickName === 'Bob');
    await bot.send(family?.id ?? '', { text: 'dinner is ready', mentions: [bob?.id ?? ''] });
    // Bob's display name in Family is "Dad".
    expect(sim.sent().at(-1)?.content).toBe('@Dad\u2005dinner is ready');
    await expect(bot.send(bot.contacts.findContacts('Alice')[0]?.id ?? '', { text: 'x', mentions: ['@nobody'] })).rejects.toMatchObject({ code: 'WXBOT_INVALID_ARGUMENT' });
  });

  it('creates a group, renames it, adds and removes members, and quits it', async () => {
    const ids = ['Alice', 'Carol'].map((n) => bot.contacts.findContacts(n)[0]?.id ?? '');
    const room = await bot.rooms.create(ids, 'Project X');
    expect(room.topic).toBe('Project X');
    expect(room.members.map((m) => m.nickName).sort()).toEqual(expect.arrayContaining(['Alice', 'Carol']));

    await bot.rooms.rename(room.id, 'Project Y');
    await until(() => bot.contacts.group(room.id)?.topic === 'Project Y', 'the rename to reach the store');

    const dave = bot.contacts.findContacts('Dave')[0]?.id ?? '';
    await bot.rooms.add(room.id, [dave]);
    await until(() => !!bot.contacts.group(room.id)?.member(dave), 'Dave to be a member');
    const beforeRemove = leaves.length;
    await bot.rooms.remove(room.id, [dave]);
    await until(() => leaves.length > beforeRemove, 'room-leave for Dave');
    expect(bot.contacts.group(room.id)?.member(dave)).toBeUndefined();

    const before = leaves.length;
    await bot.rooms.quit(room.id);
    await until(() => leaves.length > before, 'room-leave for the bot');
    expect(leaves.at(-1)).toMatchObject({ self: true });
    await until(() => !bot.contacts.group(room.id), 'the group to leave the store');
  });

  it('the bot removed from a group by someone else fires room-leave with self', async () => {
    const before = leaves.length;
    sim.leaveRoom({ room: 'Dev Team', member: 'self', by: 'Alice' });
    await until(() => leaves.length > before, 'room-leave for the bot');
    await settle();
    expect(leaves.slice(before)).toHaveLength(1);
    expect(leaves.at(-1)).toMatchObject({ self: true });
  });

  it('sends a friend request to a group member who is not a friend', async () => {
    // Mallory is a member of Dev Team and not a friend (demo scenario).
    const mallory = bot.contacts.findGroups('Dev Team')[0]?.members.find((m) => m.nickName === 'Mallory');
    expect(mallory).toBeDefined();
    expect(bot.contacts.contact(mallory?.id ?? '')).toBeUndefined();
    await bot.friends.add(mallory?.id ?? '', 'Hi Mallory, from the Dev Team chat');
    expect(sim.state().friendRequests.outgoing).toContainEqual(expect.objectContaining({ nickName: 'Mallory', greeting: 'Hi Mallory, from the Dev Team chat', status: 'pending' }));
  });

  it('sets a remark name and keeps it when pinning', async () => {
    const carol = bot.contacts.findContacts('Carol')[0]?.id ?? '';
    await bot.friends.setRemark(carol, 'Carol from QA');
    await until(() => bot.contacts.contact(carol)?.remarkName === 'Carol from QA', 'the remark to reach the store');
    await bot.friends.setPinned(carol, true);
    await settle();
    expect(bot.contacts.contact(carol)?.remarkName).toBe('Carol from QA');
  });
});

describe('adding members past InviteStartCount', () => {
  it('uses addmember below 40 members and invitemember from there on (the server refuses addmember then)', async () => {
    const scenario = generateScenario({ friends: 60, groups: 2, membersPerGroup: 39, seed: 11 });
    const sim = await startSimulator({ ...FAST_SIM, scenario });
    const home = tempHome();
    const bot = newBot(sim, home, [], { outbox: { limits: false } });
    await bot.start();
    try {
      const [big, small] = scenario.groups ?? [];
      const room = bot.contacts.findGroups(big?.topic ?? '')[0];
      expect(room?.memberCount).toBeGreaterThanOrEqual(39);
      const outsider = bot.contacts.friends().find((f) => !room?.members.some((m) => m.nickName === f.nickName));
      await bot.rooms.add(room?.id ?? '', [outsider?.id ?? '']);
      await until(() => !!bot.contacts.group(room?.id ?? '')?.member(outsider?.id ?? ''), 'the invited member to appear');

      // A small group (created now: 3 people) still takes plain addmember.
      const others = bot.contacts.friends().slice(0, 2).map((f) => f.id);
      const fresh = await bot.rooms.create(others, small?.topic ? `${small.topic} too` : 'small');
      const third = bot.contacts.friends()[3]?.id ?? '';
      await bot.rooms.add(fresh.id, [third]);
      await until(() => !!bot.contacts.group(fresh.id)?.member(third), 'the added member to appear');
    } finally {
      await bot.stop();
      await sim.close();
      removeHome(home);
    }
  });
});
