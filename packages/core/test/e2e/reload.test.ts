import { definePlugin } from '@wxbot/core';
import { newBot, removeHome, tempHome, until, withSim } from './harness';

const answer = (name: string, text: string, onDispose?: () => void) =>
  definePlugin({
    name,
    setup(api) {
      api.hears('ping', () => text);
      return onDispose;
    },
  });

describe('Bot.reloadPlugins', () => {
  it('swaps plugins without a new login, runs the old disposers, and keeps the old ones when the new ones fail', async () => {
    const home = tempHome();
    try {
      await withSim(async (sim) => {
        const disposed: string[] = [];
        const bot = newBot(sim, home, [answer('v', 'v1', () => disposed.push('v1'))]);
        const logins: string[] = [];
        bot.on('login', ({ method }) => logins.push(method));
        await bot.start();
        try {
          sim.injectText({ from: 'Alice', text: 'ping' });
          await until(() => sim.sent().length === 1, 'v1 reply');

          await bot.reloadPlugins([answer('v', 'v2', () => disposed.push('v2'))]);
          expect(disposed).toEqual(['v1']);
          sim.injectText({ from: 'Alice', text: 'ping' });
          await until(() => sim.sent().length === 2, 'v2 reply');

          const broken = definePlugin({ name: 'broken', setup() { throw new Error('syntax error in new code'); } });
          await expect(bot.reloadPlugins([broken])).rejects.toThrow(/plugin "broken" failed to set up: syntax error in new code/);
          sim.injectText({ from: 'Alice', text: 'ping' });
          await until(() => sim.sent().length === 3, 'reply after the failed reload');

          expect(sim.sent().map((s) => s.content)).toEqual(['v1', 'v2', 'v2']);
          expect(logins).toEqual(['qr']);
        } finally {
          await bot.stop();
        }
        expect(disposed).toEqual(['v1', 'v2']);
      });
    } finally {
      removeHome(home);
    }
  });
});
