import { promises as fs } from 'node:fs';
import path from 'node:path';
import { definePlugin } from '@wxbot/core';
import { openPluginStorage } from '../../src/storage/plugin-storage';
import { newBot, removeHome, tempHome, until, withSim } from './harness';

const counter = definePlugin({
  name: 'counter',
  setup(api) {
    api.hears('count', async () => {
      const n = (api.storage.get<number>('count') ?? 0) + 1;
      await api.storage.set('count', n);
      return `count ${n}`;
    });
  },
});

describe('plugin storage', () => {
  it('keeps values across a hot reload and a restart, in an owner-only file', async () => {
    const home = tempHome();
    try {
      await withSim(async (sim) => {
        const replies = () => sim.sent().map((s) => s.content);
        const first = newBot(sim, home, [counter], { outbox: { limits: false } });
        await first.start();
        sim.injectText({ from: 'Alice', text: 'count' });
        await until(() => replies().length === 1, 'first reply');
        await first.reloadPlugins([counter]);
        sim.injectText({ from: 'Alice', text: 'count' });
        await until(() => replies().length === 2, 'reply after reload');
        await first.stop();

        const second = newBot(sim, home, [counter], { outbox: { limits: false } });
        await second.start();
        sim.injectText({ from: 'Alice', text: 'count' });
        await until(() => replies().length === 3, 'reply after restart');
        await second.stop();
        expect(replies()).toEqual(['count 1', 'count 2', 'count 3']);
      });
      const file = path.join(home, 'plugins', 'counter.json');
      expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ count: 3 });
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    } finally {
      removeHome(home);
    }
  });

  it('refuses a value that cannot be stored, at the caller', async () => {
    const storage = await openPluginStorage(undefined, 'p', () => undefined);
    await expect(storage.set('big', 10n)).rejects.toThrow(/BigInt/);
    await storage.set('ok', { a: [1, 2] });
    expect(storage.get('ok')).toEqual({ a: [1, 2] });
    expect(storage.keys()).toEqual(['ok']);
  });
});
