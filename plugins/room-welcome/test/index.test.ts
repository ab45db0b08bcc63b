import type { Group } from '@wxbot/core';
import { createTestBot, type TestBot } from '@wxbot/testkit';
import roomWelcome from '../src';

const groups = [
  { topic: 'Family', members: ['Alice', 'Nina', 'Olga'], displayNames: { Nina: 'Little Nina' } },
  { topic: 'Other', members: ['X'] },
];
const open: TestBot[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bot) => bot.close()));
});
const botWith = async (options: unknown): Promise<TestBot> => {
  const bot = await createTestBot({ plugins: [roomWelcome(options as Parameters<typeof roomWelcome>[0])], contacts: ['Alice'], groups, mode: 'in-process' }); // emit() is in-process only
  open.push(bot);
  return bot;
};

/** The group by topic, and its members by nickname, from the test bot's address book. */
function room(bot: TestBot, topic: string, ...names: string[]): { room: Group; members: Group['members'][number][] } {
  const group = bot.contacts.findGroups(topic)[0] as Group;
  return { room: group, members: names.map((n) => group.members.find((m) => m.nickName === n)).filter((m) => m !== undefined) };
}

describe('@wxbot/plugin-room-welcome', () => {
  it('welcomes newcomers by their group name with the per-group text', async () => {
    const bot = await botWith({ rooms: { Family: 'Welcome home, {names}! ({inviter} invited you to {room})' } });
    const sent = await bot.emit('room-join', { ...room(bot, 'Family', 'Nina', 'Olga'), inviter: { self: false, name: 'Alice' }, via: 'invite' });
    expect(sent).toEqual([{ to: 'Family', text: 'Welcome home, Little Nina, Olga! (Alice invited you to Family)' }]);
  });

  it('uses the fallback for other groups, or stays quiet without one', async () => {
    const quiet = await botWith({ rooms: { Family: 'hi {names}' } });
    expect(await quiet.emit('room-join', room(quiet, 'Other', 'X'))).toEqual([]);
    const loud = await botWith({ fallback: 'Hello {names}' });
    expect(await loud.emit('room-join', room(loud, 'Other', 'X'))).toEqual([{ to: 'Other', text: 'Hello X' }]);
  });

  it('does not welcome the bot itself', async () => {
    const bot = await botWith({ fallback: 'Hello {names}' });
    const self = bot.contacts.findGroups('Other')[0]?.members.find((m) => m.id === bot.contacts.self.id);
    expect(self).toBeDefined();
    expect(await bot.emit('room-join', { room: room(bot, 'Other').room, members: self ? [self] : [] })).toEqual([]);
  });
});
