import { canary, definePlugin, WxbotError, type RoomJoinEvent } from '@wxbot/core';
import { createTestBot } from '@wxbot/testkit';

const ping = definePlugin({ name: 'ping', setup: (api) => api.hears('ping', () => 'pong') });
const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => ctx.message.text) });
const welcome = definePlugin({
  name: 'welcome',
  setup: (api) => api.onEvent('room-join', async (e: RoomJoinEvent) => void (await api.bot.send(e.room.id, `welcome ${e.members.map((m) => m.name).join(', ')}`))),
});

describe('canary', () => {
  it('lets the plugin act in the listed chats only, and passes every other message on', async () => {
    // Named by remark (Bobby), nickname (Carol) or group topic (Family).
    const bot = await createTestBot({ mode: 'in-process', plugins: [canary(ping(), { chats: ['Bobby', 'Carol', 'Family'] }), echo()] });
    expect(await bot.receive('ping', { from: 'Bob' })).toEqual([{ to: 'Bobby', text: 'pong' }]);
    expect(await bot.receive('ping', { from: 'Carol' })).toEqual([{ to: 'Carol', text: 'pong' }]);
    expect(await bot.receive('ping', { from: 'Alice', room: 'Family' })).toEqual([{ to: 'Family', text: 'pong' }]);
    // Elsewhere the canary is as if not loaded: echo, after it, answers.
    expect(await bot.receive('ping', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'ping' }]);
    expect(await bot.receive('ping', { from: 'Alice', room: 'Dev Team' })).toEqual([{ to: 'Dev Team', text: 'ping' }]);
    await bot.close();
  });

  it('also limits its chat event listeners to the listed groups', async () => {
    const bot = await createTestBot({ mode: 'in-process', plugins: [canary(welcome, { chats: ['Family'] })] });
    const room = (topic: string) => bot.contacts.findGroups(topic)[0]!;
    const member = room('Family').members[0]!;
    expect(await bot.emit('room-join', { room: room('Family'), members: [member] })).toEqual([{ to: 'Family', text: `welcome ${member.name}` }]);
    expect(await bot.emit('room-join', { room: room('Dev Team'), members: [member] })).toEqual([]);
    await bot.close();
  });

  it('refuses a canary without chats', () => {
    expect(() => canary(ping(), { chats: [] })).toThrow(WxbotError);
    expect(() => canary(ping(), { chats: [''] })).toThrow(/at least one chat name/);
  });
});
