import { definePlugin } from '@wxbot/core';
import { createTestBot } from '@wxbot/testkit';

const ping = definePlugin({
  name: 'ping',
  setup(api) {
    api.hears('ping', () => 'pong');
    api.on('mentioned', (ctx) => `hi ${ctx.message.sender.name}`);
  },
});

describe('the in-process test bot', () => {
  it('is not stalled by jest fake timers', async () => {
    jest.useFakeTimers();
    try {
      const bot = await createTestBot({ plugins: [ping()], mode: 'in-process' });
      expect(await bot.receive('ping')).toEqual([{ to: 'Alice', text: 'pong' }]);
      await bot.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('builds the address book from contacts and groups (unknown members become strangers)', async () => {
    const bot = await createTestBot({
      mode: 'in-process',
      plugins: [ping()],
      self: 'Bot',
      contacts: [{ nickName: 'Alice', remarkName: 'Ali' }],
      groups: [{ topic: 'Team', members: ['Alice', 'Bob Smith'], displayNames: { 'Bob Smith': 'Bobby B', self: 'Botty' } }],
    });
    expect(await bot.mention('Team', 'Bob Smith', 'yo')).toEqual([{ to: 'Team', text: 'hi Bobby B' }]);
    expect(await bot.receive('ping', { from: 'Alice' })).toEqual([{ to: 'Ali', text: 'pong' }]);
    await expect(bot.receive('ping', { from: 'Nobody' })).rejects.toThrow('unknown contact "Nobody"; known: Alice, Bob Smith');
    await expect(bot.receive('ping', { from: 'Alice', room: 'Nope' })).rejects.toThrow(/unknown group "Nope"; known groups: Team/);
    await bot.close();
  });
});
