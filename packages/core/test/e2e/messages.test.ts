import type { Simulator } from '@wxbot/simulator';
import { definePlugin, type Bot, type Message } from '@wxbot/core';
import { FAST_SIM, newBot, recorder, removeHome, tempHome, until } from './harness';
import { demoScenario, startSimulator } from '@wxbot/simulator';

// Every message kind, as the simulator produces it, reaching a plugin with the right fields.
describe('incoming messages through the engine', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;
  const rec = recorder('recorder');
  const selfRec = recorder('self-recorder', true);

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(sim, home, [selfRec.plugin, rec.plugin]);
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  const byId = async (id: string, list: Message[] = rec.seen): Promise<Message> => {
    await until(() => list.some((m) => m.id === id), `message ${id}`);
    return list.find((m) => m.id === id) as Message;
  };

  it('text from a friend: decoded entities, emoji and line breaks', async () => {
    const { msgId } = sim.injectText({ from: 'Alice', text: 'a < b & "c"\nsecond line 😄' });
    const m = await byId(msgId);
    expect(m.kind).toBe('text');
    expect(m.text).toBe('a < b & "c"\nsecond line 😄');
    expect(m.chat).toMatchObject({ kind: 'friend', name: 'Alice' });
    expect(m.sender.name).toBe('Alice');
    expect(m.isGroup).toBe(false);
    expect(m.isSelf).toBe(false);
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('group text: sender resolved from the prefix through the member list, display name preferred', async () => {
    const { msgId } = sim.injectText({ from: 'Bob', room: 'Family', text: 'dinner?' });
    const m = await byId(msgId);
    expect(m.isGroup).toBe(true);
    expect(m.chat).toMatchObject({ kind: 'group', name: 'Family' });
    expect(m.text).toBe('dinner?');
    // Bob's remark name is "Bobby", his display name in Family is "Dad".
    expect(['Bobby', 'Dad']).toContain(m.sender.name);
    expect(m.sender.id).toBe(bot.contacts.findContacts('Bob')[0]?.id);
  });

  it('a group member who is not a friend is still resolved by name', async () => {
    const state = sim.state();
    const devTeam = state.groups.find((g) => g.topic === 'Dev Team');
    const stranger = devTeam?.members.find((m) => !m.friend && m.nickName !== state.self.nickName)?.nickName;
    expect(stranger).toBeDefined();
    const { msgId } = sim.injectText({ from: stranger ?? '', room: 'Dev Team', text: 'hello' });
    const m = await byId(msgId);
    expect(m.sender.name).toBe(stranger);
    expect(bot.contacts.contact(m.sender.id)).toBeUndefined();
  });

  it('mentions of the bot: mentionsSelf and the mentioned names', async () => {
    const { msgId } = sim.inject({ kind: 'text', from: 'Alice', room: 'Family', text: 'are you there?', mention: true });
    const m = await byId(msgId);
    expect(m.mentionsSelf).toBe(true);
    expect(m.mentions).toContain('wxbot');
  });

  it.each([
    ['image', { kind: 'image' as const, from: 'Alice' }, (m: Message) => expect(m.media?.mediaId).toBeDefined()],
    ['voice', { kind: 'voice' as const, from: 'Alice', durationMs: 2300 }, (m: Message) => expect(m.media?.duration).toBe(2300)],
    ['video', { kind: 'video' as const, from: 'Alice', seconds: 4 }, (m: Message) => expect(m.media?.duration).toBe(4)],
    ['emoticon', { kind: 'emoticon' as const, from: 'Alice' }, (m: Message) => expect(m.kind).toBe('emoticon')],
    ['file', { kind: 'file' as const, from: 'Alice', fileName: '报告.pdf', size: 2048 }, (m: Message) => expect(m.media ?? m.app).toMatchObject({ fileName: '报告.pdf' })],
    ['link', { kind: 'link' as const, from: 'Alice', title: 'Read this', url: 'https://example.com/a' }, (m: Message) => expect(m.app).toMatchObject({ title: 'Read this', url: 'https://example.com/a' })],
    ['card', { kind: 'card' as const, from: 'Alice', card: 'Carol' }, (m: Message) => expect(m.card?.nickName).toBe('Carol')],
    ['location', { kind: 'location' as const, from: 'Alice', address: 'West Lake', lat: 30.25, lng: 120.15 }, (m: Message) => expect(m.location).toMatchObject({ address: 'West Lake', latitude: 30.25, longitude: 120.15 })],
  ])('%s message reaches the plugin typed', async (kind, input, check) => {
    const { msgId } = sim.inject(input);
    const m = await byId(msgId);
    expect(m.kind).toBe(kind);
    expect(m.sender.name).toBe('Alice');
    check(m);
  });

  it('friend request from fmessage with ticket and greeting', async () => {
    const { msgId } = sim.inject({ kind: 'friend-request', nickName: 'Newcomer', greeting: 'hi, we met at the meetup' });
    const m = await byId(msgId);
    expect(m.kind).toBe('friend-request');
    expect(m.friendRequest).toMatchObject({ nickName: 'Newcomer', greeting: 'hi, we met at the meetup' });
    expect(m.friendRequest?.ticket).toBeTruthy();
  });

  it('recall and system lines', async () => {
    const original = sim.injectText({ from: 'Alice', text: 'oops' });
    await byId(original.msgId);
    const recall = sim.inject({ kind: 'recall', from: 'Alice', msgId: original.msgId });
    expect((await byId(recall.msgId)).recall?.revokedId).toBe(original.msgId);
    const sys = sim.inject({ kind: 'system', room: 'Family', text: '"Alice"修改群名为“Home”' });
    const s = await byId(sys.msgId);
    expect(s.kind).toBe('system');
    expect(s.chat.kind).toBe('group');
  });

  it('a duplicate entry (same MsgId) is handled once', async () => {
    const first = sim.injectText({ from: 'Carol', text: 'only once please' });
    sim.inject({ kind: 'duplicate', msgId: first.msgId });
    const marker = sim.injectText({ from: 'Carol', text: 'marker after duplicate' });
    await byId(marker.msgId);
    expect(rec.seen.filter((m) => m.id === first.msgId)).toHaveLength(1);
  });

  it("messages from the owner's phone reach only plugins that ask for them", async () => {
    const { msgId } = sim.inject({ kind: 'self-text', to: 'Alice', text: 'typed on my phone' });
    const m = await byId(msgId, selfRec.seen);
    expect(m.isSelf).toBe(true);
    expect(m.chat.name).toBe('Alice');
    const marker = sim.injectText({ from: 'Alice', text: 'marker after self' });
    await byId(marker.msgId);
    expect(rec.seen.some((x) => x.id === msgId)).toBe(false);
  });

});

describe('groups discovered from messages', () => {
  it('fetches a group the bot has never seen (unsaved, not recent) when it speaks, and resolves the sender', async () => {
    const scenario = demoScenario();
    (scenario.groups ??= []).push({ wxid: '5550001111@chatroom', topic: 'Hidden Club', saved: false, members: ['Alice', 'Mallory'], owner: 'Alice' });
    const sim = await startSimulator({ ...FAST_SIM, scenario });
    const home = tempHome();
    const rec = recorder();
    const bot = newBot(sim, home, [rec.plugin]);
    await bot.start();
    try {
      expect(bot.contacts.findGroups('Hidden Club')).toHaveLength(0);
      const { msgId } = sim.injectText({ from: 'Mallory', room: 'Hidden Club', text: 'psst' });
      await until(() => rec.seen.some((m) => m.id === msgId), 'the message from the unknown group');
      const m = rec.seen.find((x) => x.id === msgId);
      expect(m?.chat).toMatchObject({ kind: 'group', name: 'Hidden Club' });
      expect(m?.sender.name).toBe('Mallory');
      expect(bot.contacts.findGroups('Hidden Club')[0]?.members).toHaveLength(3);
    } finally {
      await bot.stop();
      await sim.close();
      removeHome(home);
    }
  });
});

describe('replies and plugin isolation', () => {
  it('sends what handlers return and what ctx.reply sends; a throwing plugin stops neither the others nor the bot', async () => {
    const sim = await startSimulator(FAST_SIM);
    const home = tempHome();
    const failing = definePlugin({
      name: 'failing',
      setup(api) {
        api.use(() => {
          throw new Error('plugin bug');
        });
      },
    });
    const replier = definePlugin({
      name: 'replier',
      setup(api) {
        api.hears('ping', async (ctx) => {
          await ctx.reply('first via ctx.reply');
          return ['second via return', { text: 'third via return' }];
        });
      },
    });
    const errors: Error[] = [];
    const bot = newBot(sim, home, [failing, replier]);
    bot.on('error', (e) => errors.push(e));
    await bot.start();
    try {
      sim.injectText({ from: 'Alice', text: 'ping' });
      await until(() => sim.sent().length >= 3, 'three replies');
      expect(sim.sent().map((s) => [s.content, s.to])).toEqual([
        ['first via ctx.reply', 'Alice'],
        ['second via return', 'Alice'],
        ['third via return', 'Alice'],
      ]);
      expect(errors.map((e) => e.message)).toContain('plugin bug');
      // The echo of our own replies comes back from the server but is not handled as incoming.
      sim.injectText({ from: 'Alice', text: 'ping' });
      await until(() => sim.sent().length >= 6, 'replies to the second ping');
      expect(sim.sent()).toHaveLength(6);
      expect(bot.state).toBe('running');
    } finally {
      await bot.stop();
      await sim.close();
      removeHome(home);
    }
  });

  it('bad plugin options stop startup with a message naming the plugin, option and expectation', async () => {
    const { z } = await import('zod');
    const strict = definePlugin({ name: 'strict', options: z.object({ level: z.enum(['low', 'high']) }), setup() {} });
    const sim = await startSimulator(FAST_SIM);
    const home = tempHome();
    try {
      // @ts-expect-error -- a wrong option is a compile error too; this checks the run-time error a JS config gets
      const bot = newBot(sim, home, [strict({ level: 'medium' })]);
      const err = (await bot.start().then(
        () => ({ code: 'none', message: 'start() resolved' }),
        (e: unknown) => e as { code: string; message: string },
      ));
      expect(err).toMatchObject({ code: 'WXBOT_PLUGIN_OPTIONS' });
      expect(err.message).toMatch(/plugin "strict": option "level" expected one of "low" \| "high", got "medium"/);
      expect(sim.state().login).toBeDefined();
    } finally {
      await sim.close();
      removeHome(home);
    }
  });
});
