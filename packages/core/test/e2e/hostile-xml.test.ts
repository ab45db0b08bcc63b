import path from 'node:path';
import { readSavedState } from '@wxbot/core/internals';
import { captureLogger, newBot, recorder, removeHome, tempHome, until, withSim } from './harness';

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><msg><appmsg><title>&lol9;</title><type>5</type></appmsg></msg>`;

// XML from a stranger, over HTTP from the simulator into a running bot: refused, logged with its
// code and message id, journalled as done, and the next message is handled as usual.
describe('hostile XML in messages', () => {
  it('a billion-laughs card, a 10 MB app message and a 1000-deep one are refused with WXBOT_XML_REJECTED', async () => {
    await withSim(async (sim) => {
      const home = tempHome();
      const { logger, lines } = captureLogger();
      const rec = recorder();
      const bot = newBot(sim, home, [rec.plugin], { logger });
      const ids: string[] = [];
      try {
        await bot.start();
        const alice = sim.injectText({ from: 'Alice', text: 'hi' }).entry;
        const raw = (MsgType: number, Content: string, AppMsgType = 0) => sim.inject({ kind: 'raw', entry: { MsgType, AppMsgType, FromUserName: alice.FromUserName, ToUserName: alice.ToUserName, Content } }).msgId;
        ids.push(raw(42, BILLION_LAUGHS));
        ids.push(raw(49, `<msg><appmsg><title>${'x'.repeat(10 * 1024 * 1024)}</title><type>5</type></appmsg></msg>`, 5));
        ids.push(raw(49, `<msg>${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}</msg>`, 5));
        const after = sim.injectText({ from: 'Alice', text: 'still here?' }).msgId;
        await until(() => rec.seen.some((m) => m.id === after), 'the message after the hostile ones', 15_000);
        expect(bot.state).toBe('running');
      } finally {
        await bot.stop();
      }
      const refused = lines.map((l) => JSON.parse(l) as { msgId?: string; err?: { code?: string; message?: string } }).filter((r) => r.err?.code === 'WXBOT_XML_REJECTED');
      expect(refused.map((r) => r.msgId).sort()).toEqual([...ids].sort());
      expect(refused.map((r) => r.err?.message)).toEqual(expect.arrayContaining([expect.stringMatching(/DOCTYPE or ENTITY/), expect.stringMatching(/10485\d+ characters, more than 262144/), expect.stringMatching(/deeper than 64/)]));
      // Not a line of the 10 MB reached the log.
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(10_000);
      expect(rec.seen.some((m) => ids.includes(m.id))).toBe(false);
      const saved = await readSavedState(path.join(home, 'state.log'));
      expect(saved.inbox).toEqual([]);
      expect(saved.session?.handledIds).toEqual(expect.arrayContaining(ids));
      removeHome(home);
    });
  }, 60_000);
});
