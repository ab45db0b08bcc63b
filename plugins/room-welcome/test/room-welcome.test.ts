import { PluginHost } from '@wxbot/core';
import { FakeBot, captureLogger } from '../../../packages/core/test/fixtures/bot';
import { group, member } from '../../../packages/core/test/fixtures/contacts';
import roomWelcome from '../src';

async function hostWith(options: unknown) {
  const bot = new FakeBot();
  const { logger } = captureLogger();
  const host = new PluginHost({ bot, logger });
  await host.load([roomWelcome(options)]);
  return { bot, host };
}

describe('@wxbot/plugin-room-welcome', () => {
  const family = group('@@family', 'Family', [member('@a', 'Alice'), member('@n1', 'Nina', 'Little Nina'), member('@n2', 'Olga')]);
  const other = group('@@other', 'Other', []);

  it('welcomes newcomers by their group name with the per-group text', async () => {
    const { bot, host } = await hostWith({ rooms: { Family: 'Welcome home, {names}! ({inviter} invited you to {room})' } });
    await host.emit('room-join', { room: family, members: [member('@n1', 'Nina', 'Little Nina'), member('@n2', 'Olga')], inviter: { self: false, name: 'Alice' }, via: 'invite' });
    expect(bot.sent).toEqual([{ to: '@@family', text: 'Welcome home, Little Nina, Olga! (Alice invited you to Family)' }]);
  });

  it('uses the fallback for other groups, or stays quiet without one', async () => {
    const quiet = await hostWith({ rooms: { Family: 'hi {names}' } });
    await quiet.host.emit('room-join', { room: other, members: [member('@x', 'X')] });
    expect(quiet.bot.sent).toEqual([]);
    const loud = await hostWith({ fallback: 'Hello {names}' });
    await loud.host.emit('room-join', { room: other, members: [member('@x', 'X')] });
    expect(loud.bot.sent).toEqual([{ to: '@@other', text: 'Hello X' }]);
  });

  it('does not welcome the bot itself', async () => {
    const { bot, host } = await hostWith({ fallback: 'Hello {names}' });
    await host.emit('room-join', { room: other, members: [member(bot.contacts.self.id, 'bot')] });
    expect(bot.sent).toEqual([]);
  });
});
