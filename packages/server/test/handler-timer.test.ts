import { definePlugin } from '@wxbot/core';
// The module itself, not the @wxbot/testkit barrel (which loads the simulator too).
import { createTestBot } from '../../testkit/src/create-test-bot';
import { HandlerTimer, type HandlerTiming } from '../src/handler-timer';

const slowEcho = definePlugin({
  name: 'slow-echo',
  setup(api) {
    api.hears('echo', async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return 'echo';
    });
    api.hears('boom', () => {
      throw new Error('plugin failed');
    });
  },
});

describe('HandlerTimer', () => {
  it('times each message through the plugins after it, a failing one too, until unsubscribed', async () => {
    const timer = new HandlerTimer();
    const timings: HandlerTiming[] = [];
    const off = timer.onTiming((t) => timings.push(t));
    const bot = await createTestBot({ plugins: [timer.plugin, slowEcho()], mode: 'in-process' });
    try {
      expect(await bot.receive('echo', { from: 'Alice' })).toEqual([{ to: 'Alice', text: 'echo' }]);
      expect(timings).toHaveLength(1);
      expect(timings[0]?.kind).toBe('text');
      expect(timings[0]?.seconds).toBeGreaterThan(0);

      await bot.receive({ kind: 'image', from: 'Alice' });
      await bot.receive('boom', { from: 'Alice' });
      expect(timings.map((t) => t.kind)).toEqual(['text', 'image', 'text']);

      off();
      await bot.receive('echo', { from: 'Alice' });
      expect(timings).toHaveLength(3);
    } finally {
      await bot.close();
    }
  });
});
