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

  it('carried out by the server: settled by its echo, not sent again; the reply resolves with the echo\'s MsgId', () =>
    withSim(async (sim) => {
      const home = tempHome();
      const replies: SentMessage[] = [];
      const bot = newBot(sim, home, [replier(replies)], { outbox: { limits: false } });
      try {
        await bot.start();
        sim.faults.add({ kind: 'sendmsg', type: 'lose-response' });
        sim.injectText({ from: 'Alice', text: 'ping' });
        await until(() => replies.length === 1, 'the reply to resolve');
        await new Promise((r) => setTimeout(r, 500));
        const pongs = sim.sent().filter((s) => s.content === 'pong');
        expect(pongs).toHaveLength(1);
        expect(replies[0]?.msgId).toBe(pongs[0]?.msgId);
      } finally {
        await bot.stop();
        removeHome(home);
      }
    }));

  it('identical replies whose answers were both lost are each kept once', () =>
    withSim(async (sim) => {
      const home = tempHome();
      const replies: SentMessage[] = [];
      const bot = newBot(sim, home, [replier(replies)], { outbox: { limits: false } });
      try {
        await bot.start();
        sim.faults.add({ kind: 'sendmsg', type: 'lose-response', times: 2 });
        sim.injectText({ from: 'Alice', text: 'ping' });
        sim.injectText({ from: 'Alice', text: 'ping' });
        await until(() => replies.length === 2, 'both replies to resolve');
        await new Promise((r) => setTimeout(r, 500));
        expect(sim.sent().filter((s) => s.content === 'pong')).toHaveLength(2);
        expect(new Set(replies.map((r) => r.msgId)).size).toBe(2);
      } finally {
        await bot.stop();
        removeHome(home);
      }
    }));

  it('never reached the server (reset before it was carried out): sent after the server shows nothing, once', () =>
    withSim(async (sim) => {
      const home = tempHome();
      const replies: SentMessage[] = [];
      const bot = newBot(sim, home, [replier(replies)], { outbox: { limits: false } });
      try {
        await bot.start();
        sim.faults.add({ kind: 'sendmsg', type: 'reset' });
        sim.injectText({ from: 'Alice', text: 'ping lost' });
        await until(() => replies.length === 1, 'the reply to resolve');
        await new Promise((r) => setTimeout(r, 500));
        expect(sim.sent().filter((s) => s.content === 'pong lost')).toHaveLength(1);
      } finally {
        await bot.stop();
        removeHome(home);
      }
    }));
});
