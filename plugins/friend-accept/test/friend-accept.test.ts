import { PluginHost, type FriendRequestInfo, type Message } from '@wxbot/core';
import { FakeBot, captureLogger } from '../../../packages/core/test/fixtures/bot';
import friendAccept from '../src';

async function hostWith(options: unknown) {
  const bot = new FakeBot();
  const { logger } = captureLogger();
  const host = new PluginHost({ bot, logger });
  await host.load([friendAccept(options)]);
  return { bot, host };
}

function request(greeting: string) {
  const info: FriendRequestInfo = { userName: '@stranger1', nickName: 'Newcomer', greeting, ticket: 'v2_ticket@stranger', scene: 14 };
  const accepted: string[] = [];
  return { info, accepted, event: { type: 'request' as const, request: info, message: {} as Message, accept: async () => void accepted.push(info.userName) } };
}

describe('@wxbot/plugin-friend-accept', () => {
  it('accepts a request whose greeting matches, then greets by name', async () => {
    const { bot, host } = await hostWith({ rules: [{ match: 'contains', pattern: 'WXBOT', flags: 'i' }], greeting: 'Welcome, {name}!' });
    const r = request('hi, I found wxbot on GitHub');
    await host.emit('friendship', r.event);
    expect(r.accepted).toEqual(['@stranger1']);
    expect(bot.sent).toEqual([{ to: '@stranger1', text: 'Welcome, Newcomer!' }]);
  });

  it('leaves a request that matches no rule for the owner', async () => {
    const { bot, host } = await hostWith({ rules: [{ match: 'regex', pattern: '^order #\\d+$' }] });
    const r = request('buy cheap followers');
    await host.emit('friendship', r.event);
    expect(r.accepted).toEqual([]);
    expect(bot.sent).toEqual([]);
  });

  it('an empty greeting accepts silently; confirm events are ignored', async () => {
    const { bot, host } = await hostWith({ rules: [{ match: 'any' }], greeting: '' });
    const r = request('');
    await host.emit('friendship', r.event);
    await host.emit('friendship', { type: 'confirm', contact: bot.contacts.self });
    expect(r.accepted).toEqual(['@stranger1']);
    expect(bot.sent).toEqual([]);
  });

  it('rejects bad options with the rule named', async () => {
    await expect(hostWith({ rules: [{ match: 'regex', pattern: '(' }] })).rejects.toThrow(/plugin "friend-accept": option "rules\.0\.pattern" invalid regular expression/);
    await expect(hostWith({ rules: [{ match: 'contains' }] })).rejects.toThrow(/rules\.0\.pattern/);
    await expect(hostWith({ rules: [] })).rejects.toThrow(/option "rules"/);
  });
});
