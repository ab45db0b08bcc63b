import type { FaultSpec, Simulator } from '@wxbot/simulator';
import { definePlugin, type SentMessage } from '@wxbot/core';
import { newBot, removeHome, tempHome, until, withSim } from './harness';

// Sends whose answer never comes back (the connection breaks after the server carried the send
// out, or before). The simulator stores repeats with the same ClientMsgId, so every record in
// its sent list is a message the person sees: each reply must be there exactly once.
describe('a send whose answer was lost', () => {
  const replier = (replies: SentMessage[]) =>
    definePlugin({
      name: 'replier',
      setup(api) {
        api.hears(/^ping/, async (ctx) => {
          replies.push(await ctx.reply(`pong ${ctx.message.text.slice(5)}`.trim()));
        });
      },
    });

  /** A bot that answers ping with pong, the fault armed after login; `check` runs once the replies resolved. */
  const run = (fault: FaultSpec, texts: string[], check: (sim: Simulator, replies: SentMessage[]) => void): Promise<void> =>
    withSim(async (sim) => {
      const home = tempHome();
      const replies: SentMessage[] = [];
      const bot = newBot(sim, home, [replier(replies)], { outbox: { limits: false } });
      try {
        await bot.start();
        sim.faults.add(fault);
        for (const text of texts) sim.injectText({ from: 'Alice', text });
        await until(() => replies.length === texts.length, 'the replies to resolve');
        // A repeat would come now, if at all.
        await new Promise((r) => setTimeout(r, 500));
        check(sim, replies);
      } finally {
        await bot.stop();
        removeHome(home);
      }
    });

  it('carried out by the server: settled by its echo, not sent again; the reply resolves with the echo\'s MsgId', () =>
    run({ kind: 'sendmsg', type: 'lose-response' }, ['ping'], (sim, replies) => {
      const pongs = sim.sent().filter((s) => s.content === 'pong');
      expect(pongs).toHaveLength(1);
      expect(replies[0]?.msgId).toBe(pongs[0]?.msgId);
    }));

  it('identical replies whose answers were both lost are each kept once', () =>
    run({ kind: 'sendmsg', type: 'lose-response', times: 2 }, ['ping', 'ping'], (sim, replies) => {
      expect(sim.sent().filter((s) => s.content === 'pong')).toHaveLength(2);
      expect(new Set(replies.map((r) => r.msgId)).size).toBe(2);
    }));

  it('never reached the server (reset before it was carried out): sent after the server shows nothing, once', () =>
    run({ kind: 'sendmsg', type: 'reset' }, ['ping lost'], (sim) => {
      expect(sim.sent().filter((s) => s.content === 'pong lost')).toHaveLength(1);
    }));
});
