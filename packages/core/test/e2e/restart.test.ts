import { startSimulator } from '@wxbot/simulator';
import { definePlugin } from '@wxbot/core';
import { FAST_SIM, newBot, removeHome, tempHome, until } from './harness';

// A restart in the middle of a stream of messages: every message is handled exactly once
// across the two runs (the sync keys and the dedupe window are saved after each batch).
describe('restart mid-stream', () => {
  it('neither replays nor loses a message', async () => {
    const sim = await startSimulator(FAST_SIM);
    const home = tempHome();
    const handled: string[] = [];
    const counter = definePlugin({
      name: 'counter',
      setup(api) {
        api.on('text', async (ctx) => {
          handled.push(ctx.message.text);
        });
      },
    });
    const total = 60;
    const texts = Array.from({ length: total }, (_, i) => `m${i}`);
    try {
      const first = newBot(sim, home, [counter]);
      await first.start();
      // The stream keeps flowing while the first bot stops and while nobody is listening.
      for (const t of texts.slice(0, 20)) sim.injectText({ from: 'Alice', text: t });
      await until(() => handled.length >= 5, 'some messages handled by the first run');
      const stopping = first.stop();
      for (const t of texts.slice(20, 40)) sim.injectText({ from: 'Bob', text: t });
      await stopping;
      const afterFirst = handled.length;
      for (const t of texts.slice(40)) sim.injectText({ from: 'Carol', text: t });

      const second = newBot(sim, home, [counter]);
      const methods: string[] = [];
      second.on('login', ({ method }) => methods.push(method));
      await second.start();
      await until(() => handled.length >= total, `all ${total} messages (have ${handled.length})`);
      await second.stop();

      expect(methods).toEqual(['resume']);
      expect(afterFirst).toBeGreaterThanOrEqual(5);
      expect([...handled].sort()).toEqual([...texts].sort());
      expect(new Set(handled).size).toBe(total);
    } finally {
      await sim.close();
      removeHome(home);
    }
  });
});
