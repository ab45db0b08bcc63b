import path from 'node:path';
import { readStateLog } from '../../src/storage/state-log';
import { readSavedState } from '@wxbot/core';
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
        await until(() => rec.seen.some((m) => m.id === friend.msgId), 'the friend message handled');
        await bot.stop();

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
      for (let i = 0; i < 20; i++) {
        const { msgId } = sim.injectText({ from: 'Alice', text: `n${i}` });
        await until(() => rec.seen.some((m) => m.id === msgId), `message ${i}`);
      }
      await bot.stop();
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
});
