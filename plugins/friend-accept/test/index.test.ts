import { createTestBot, type TestBot } from '@wxbot/testkit';
import friendAccept from '../src';

const open: TestBot[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bot) => bot.close()));
});
const botWith = async (options: unknown): Promise<TestBot> => {
  const bot = await createTestBot({ plugins: [friendAccept(options as Parameters<typeof friendAccept>[0])], mode: 'in-process' }); // emit() and accepted are in-process features
  open.push(bot);
  return bot;
};

describe('@wxbot/plugin-friend-accept', () => {
  it('accepts a request whose greeting matches, then greets by name', async () => {
    const bot = await botWith({ rules: [{ match: 'contains', pattern: 'WXBOT', flags: 'i' }], greeting: 'Welcome, {name}!' });
    expect(await bot.friendRequest('Newcomer', 'hi, I found wxbot on GitHub')).toEqual([{ to: 'Newcomer', text: 'Welcome, Newcomer!' }]);
    expect(bot.accepted.map((r) => r.nickName)).toEqual(['Newcomer']);
  });

  it('leaves a request that matches no rule for the owner', async () => {
    const bot = await botWith({ rules: [{ match: 'regex', pattern: '^order #\\d+$' }] });
    expect(await bot.friendRequest('Spammer', 'buy cheap followers')).toEqual([]);
    expect(bot.accepted).toEqual([]);
  });

  it('an empty greeting accepts silently; confirm events are ignored', async () => {
    const bot = await botWith({ rules: [{ match: 'any' }], greeting: '' });
    expect(await bot.friendRequest('Quiet', '')).toEqual([]);
    expect(await bot.emit('friendship', { type: 'confirm', contact: bot.contacts.self })).toEqual([]);
    expect(bot.accepted.map((r) => r.nickName)).toEqual(['Quiet']);
  });

  it('rejects bad options with the rule named', async () => {
    await expect(botWith({ rules: [{ match: 'regex', pattern: '(' }] })).rejects.toThrow(/plugin "friend-accept": option "rules\.0\.pattern" invalid regular expression/);
    await expect(botWith({ rules: [{ match: 'contains' }] })).rejects.toThrow(/rules\.0\.pattern/);
    await expect(botWith({ rules: [] })).rejects.toThrow(/option "rules"/);
  });
});
