import path from 'node:path';
import { readStateLog } from '../../src/storage/state-log';
import { definePlugin, readSavedState } from '@wxbot/core/internals';
import { newBot, recorder, removeHome, tempHome, until, withSim } from './harness';

/** Every MsgId the inbox section ever journalled (`a` records). */
async function journalledIds(home: string): Promise<string[]> {
  const records = (await readStateLog(path.join(home, 'state.log'))).get('inbox') ?? [];
  return (records as Array<{ a?: Array<{ id: string }> }>).flatMap((r) => (r.a ?? []).map((e) => e.id));
}

// What the bot writes to its state log while it runs, read back from the file.
describe('the state log of a running bot', () => {
  let home: string;
  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => removeHome(home));

  it('journals what the plugins handle; own messages only when a plugin asks for them; every id enters the dedupe window', async () => {
    for (const includeSelf of [false, true]) {
      removeHome(home);
      const rec = recorder('rec', includeSelf);
      await withSim(async (sim) => {
        const bot = newBot(sim, home, [rec.plugin]);
        const events: string[] = [];
        bot.on('message', (m) => events.push(m.id));
        await bot.start();
        const own = sim.inject({ kind: 'self-text', to: 'Alice', text: 'typed on my phone' });
        const friend = sim.injectText({ from: 'Alice', text: 'hello' });
        try {
          await until(() => rec.seen.some((m) => m.id === friend.msgId), 'the friend message handled');
        } finally {
          await bot.stop();
        }

        const journalled = await journalledIds(home);
        expect(journalled).toContain(friend.msgId);
        expect(journalled.includes(own.msgId)).toBe(includeSelf);
        expect(rec.seen.some((m) => m.id === own.msgId)).toBe(includeSelf);
        // Not for the plugins, but a 'message' listener still gets it.
        expect(events).toEqual(expect.arrayContaining([own.msgId, friend.msgId]));
        const saved = await readSavedState(path.join(home, 'state.log'));
        // Handled messages leave the journal; both ids are in the saved window either way.
        expect(saved.inbox).toEqual([]);
        expect(saved.session?.handledIds).toEqual(expect.arrayContaining([own.msgId, friend.msgId]));
      });
    }
  });

  it('writes small per-batch records: the whole session only at login and stop', async () => {
    await withSim(async (sim) => {
      const rec = recorder();
      const bot = newBot(sim, home, [rec.plugin]);
      await bot.start();
      try {
        for (let i = 0; i < 20; i++) {
          const { msgId } = sim.injectText({ from: 'Alice', text: `n${i}` });
          await until(() => rec.seen.some((m) => m.id === msgId), `message ${i}`);
        }
      } finally {
        await bot.stop();
      }
      const session = ((await readStateLog(path.join(home, 'state.log'))).get('session') ?? []) as Array<Record<string, unknown>>;
      const whole = session.filter((r) => 's' in r).length;
      const keys = session.filter((r) => 'k' in r).length;
      // Login; the first webwxsync, whose cookies really change (wxloadtime becomes
      // `<t>_expired`, wxpluginkey appears); stop. Every later webwxsync refreshes the cookies
      // with the same values: no reason for a whole record.
      expect(whole).toBe(3);
      // One record per batch (the messages came one at a time); the first batch's was whole.
      expect(keys).toBeGreaterThanOrEqual(19);
    });
  });

  it("gives every action of a message's handlers through ctx the keys msg:<id>#n, in order; api.bot sends carry none", async () => {
    await withSim(async (sim) => {
      const plugin = definePlugin({
        name: 'many',
        setup(api) {
          api.on('text', async (ctx) => {
            if (ctx.message.text !== 'go') return undefined;
            await ctx.reply('one');
            const bob = ctx.bot.contacts.friends().find((f) => f.nickName === 'Bob');
            if (!bob) throw new Error('no Bob in the demo scenario');
            await ctx.bot.send(bob.id, 'two');
            await new Promise((r) => setTimeout(r, 10));
            await api.bot.send(bob.id, 'unscoped');
            return 'three';
          });
        },
      });
      const bot = newBot(sim, home, [plugin], { outbox: { limits: false } });
      await bot.start();
      const { msgId } = sim.injectText({ from: 'Alice', text: 'go' });
      try {
        await until(() => sim.sent().some((s) => s.content === 'three'), 'the last reply');
      } finally {
        await bot.stop();
      }
      const outbox = ((await readStateLog(path.join(home, 'state.log'))).get('outbox') ?? []) as Array<{ q?: { idem?: string; payload: { text: string } } }>;
      const queued = outbox.flatMap((r) => (r.q ? [[r.q.payload.text, r.q.idem]] : []));
      expect(queued).toEqual([
        ['one', `msg:${msgId}#0`],
        ['two', `msg:${msgId}#1`],
        ['unscoped', undefined],
        ['three', `msg:${msgId}#2`],
      ]);
    });
  });
});
