import { Bot, definePlugin, type PluginStorage } from '@wxbot/core';
import { openRedisStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle } from '@wxbot/testkit';
import { redisAndSimulator } from '../helpers/redis-and-simulator';

// With pluginStorage 'store', a plugin's api.storage lives in the account's Redis state: a bot
// started for the same account on another machine (another home) sees the values.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('plugin storage in Redis'), () => {
  const rig = redisAndSimulator();

  const runBot = async (onStorage: (storage: PluginStorage) => Promise<void>): Promise<void> => {
    const home = rig.newHome();
    const store = await openRedisStore(rig.server.url, { account: 'plugins' });
    let storage: PluginStorage | undefined;
    const plugin = definePlugin({ name: 'counter', setup: (api) => void (storage = api.storage) });
    const bot = new Bot({ endpoint: rig.sim.url, home, store, pluginStorage: 'store', plugins: [plugin], loginPollTimeoutMs: 3000, longPollTimeoutMs: 3000 });
    try {
      await bot.start();
      if (!storage) throw new Error('the plugin was not set up');
      await onStorage(storage);
    } finally {
      await bot.stop();
      await store.release();
    }
  };

  it('values a plugin stored on one worker are there on the next, in another home', async () => {
    await runBot(async (storage) => {
      await storage.set('seen', 41);
      await storage.set('names', ['Alice']);
    });
    await runBot(async (storage) => {
      expect(storage.get('seen')).toBe(41);
      expect(storage.get('names')).toEqual(['Alice']);
    });
  }, 30_000);
});
