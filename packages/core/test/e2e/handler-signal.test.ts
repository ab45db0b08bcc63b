import { definePlugin } from '@wxbot/core';
import { newBot, removeHome, tempHome, until, withSim } from './harness';

/** A plugin whose handler for "wait" only ends when its signal aborts; it records the reason. */
function waiter(reasons: unknown[], handled: string[]) {
  return definePlugin({
    name: 'waiter',
    setup(api) {
      api.on('text', async (ctx) => {
        handled.push(ctx.message.text);
        if (ctx.message.text !== 'wait') return;
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
        reasons.push(ctx.signal.reason);
      });
    },
  });
}

// The signal a handler gets: aborted at the handler deadline, and by stop().
describe('the handler signal', () => {
  let home: string;
  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => removeHome(home));

  it('aborts at handlerTimeoutMs with a TimeoutError, and the chat moves on', async () => {
    await withSim(async (sim) => {
      const reasons: unknown[] = [];
      const handled: string[] = [];
      const bot = newBot(sim, home, [waiter(reasons, handled)], { handlerTimeoutMs: 300 });
      await bot.start();
      try {
        sim.injectText({ from: 'Alice', text: 'wait' });
        sim.injectText({ from: 'Alice', text: 'after' });
        await until(() => handled.includes('after'), 'the next message of the chat', 5000);
        await until(() => reasons.length === 1, 'the abort reason');
        expect(reasons[0]).toMatchObject({ name: 'TimeoutError', message: expect.stringContaining('300 ms') });
      } finally {
        await bot.stop();
      }
    });
  });

  it('aborts on stop() with WXBOT_STOPPED', async () => {
    await withSim(async (sim) => {
      const reasons: unknown[] = [];
      const handled: string[] = [];
      const bot = newBot(sim, home, [waiter(reasons, handled)], { handlerTimeoutMs: 60_000, stopTimeoutMs: 500 });
      await bot.start();
      sim.injectText({ from: 'Alice', text: 'wait' });
      await until(() => handled.includes('wait'), 'the handler started');
      await bot.stop();
      await until(() => reasons.length === 1, 'the abort reason');
      expect(reasons[0]).toMatchObject({ code: 'WXBOT_STOPPED' });
    });
  });
});
