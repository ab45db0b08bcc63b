import { definePlugin, type Message } from '@wxbot/core';
import { createTestBot, defaultMode, type TestBot, type TestBotMode } from '@wxbot/testkit';

// The same test body runs in both modes: in process (no network, no timers) and over HTTP
// against the simulator with a real Bot.
const ping = definePlugin({
  name: 'ping',
  setup(api) {
    api.hears('ping', () => 'pong');
    api.hears('count', async (ctx) => {
      const chat = api.storage.chat(ctx.message.chat.id);
      const n = (chat.get<number>('count') ?? 0) + 1;
      await chat.set('count', n);
      return `count ${n}`;
    });
    api.on('mentioned', (ctx) => `hi ${ctx.message.sender.name}`);
    api.on('image', (ctx) => `nice picture, ${ctx.message.sender.name}`);
    api.on('friend-request', (ctx) => ctx.reply({ text: `request from ${ctx.message.friendRequest?.nickName}`, to: 'filehelper' }).then(() => undefined));
  },
});

describe.each<TestBotMode>(['in-process', 'simulator'])('createTestBot (%s)', (mode) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ plugins: [ping()], mode });
  }, 30_000);
  afterAll(() => bot.close());

  it('receive resolves with the replies once the message is handled', async () => {
    expect(await bot.receive('ping', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'pong' }]);
    expect(await bot.receive('something else', { from: 'Alice' })).toEqual([]);
    expect(await bot.receive('ping')).toEqual([{ to: 'Alice', text: 'pong' }]);
  });

  it('names friends by remark, as the simulator does', async () => {
    expect(await bot.receive('ping', { from: 'Bob' })).toEqual([{ to: 'Bobby', text: 'pong' }]);
  });

  it('groups and mentions: sender resolved through the group, mention of the bot detected', async () => {
    expect(await bot.receive('ping', { from: 'Bob', room: 'Family' })).toEqual([{ to: 'Family', text: 'pong' }]);
    expect(await bot.mention('Dev Team', 'Carol', 'are you there?')).toEqual([{ to: 'Dev Team', text: 'hi Carol (QA)' }]);
    const last = bot.messages.at(-1) as Message;
    expect(last).toMatchObject({ isGroup: true, mentionsSelf: true, text: '@Bot\u2005are you there?', chat: { name: 'Dev Team' } });
  });

  it('media and friend requests', async () => {
    expect(await bot.receive({ kind: 'image', from: 'Carol' })).toEqual([{ to: 'Carol', text: 'nice picture, Carol' }]);
    expect(bot.messages.at(-1)?.media).toMatchObject({ width: 640, height: 480 });
    expect(await bot.receive({ kind: 'file', from: 'Alice', fileName: 'report.pdf', size: 2048 })).toEqual([]);
    expect(bot.messages.at(-1)).toMatchObject({ kind: 'file', app: { fileName: 'report.pdf' } });
    expect(await bot.friendRequest('Zed', 'hello')).toEqual([{ to: '文件传输助手', text: 'request from Zed' }]);
    expect(bot.messages.at(-1)).toMatchObject({ kind: 'friend-request', friendRequest: { nickName: 'Zed', greeting: 'hello' } });
  });

  it('keeps every reply in order', () => {
    expect(bot.replies.map((r) => r.text)).toEqual(['pong', 'pong', 'pong', 'pong', 'hi Carol (QA)', 'nice picture, Carol', 'request from Zed']);
  });

  it('keeps plugin values per chat, under the chat\'s stable id', async () => {
    expect(await bot.receive('count', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'count 1' }]);
    expect(await bot.receive('count', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'count 2' }]);
    expect(await bot.receive('count', { from: 'Bob', room: 'Family' })).toEqual([{ to: 'Family', text: 'count 1' }]);
  });
});

describe('createTestBot (default mode)', () => {
  it('runs disposers on close and reports bad options at creation', async () => {
    const disposed: string[] = [];
    const p = definePlugin({ name: 'd', setup: () => () => void disposed.push('d') });
    await (await createTestBot({ plugins: [p()] })).close();
    expect(disposed).toEqual(['d']);
    const broken = definePlugin({ name: 'broken', setup() { throw new Error('boom'); } });
    await expect(createTestBot({ plugins: [broken()] })).rejects.toThrow('plugin "broken" failed to set up: boom');
  });

  it('picks the mode from WXBOT_TESTKIT_MODE', () => {
    expect(defaultMode({})).toBe('in-process');
    expect(defaultMode({ WXBOT_TESTKIT_MODE: 'simulator' })).toBe('simulator');
    expect(() => defaultMode({ WXBOT_TESTKIT_MODE: 'http' })).toThrow(/must be "in-process" or "simulator"/);
  });
});
