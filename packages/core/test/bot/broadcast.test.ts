import pino from 'pino';
import { ServerRetError, type SessionContext } from '@wxbot/protocol';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { ReliableOutbox, type Bot, type ExecutorContext, type Submit } from '@wxbot/core/internals';
import { broadcast } from '../../src/bot/broadcast';
import { FakeClock } from '../fixtures/fake-clock';
import { FAST_SIM, newBot, removeHome, tempHome } from '../e2e/harness';

describe('broadcast on a hand-driven clock', () => {
  const ctx: ExecutorContext = { session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal };

  function setup() {
    const clock = new FakeClock(Date.parse('2026-01-05T04:00:00Z'));
    const calls: Array<{ to: string; at: number }> = [];
    const answers: Array<'ok' | 1204 | 1205> = [];
    const outbox = new ReliableOutbox({ clock, log: pino({ level: 'silent' }), limits: false });
    outbox.register('text', async (_c, p) => {
      const to = (p as { to: string }).to;
      const answer = answers.shift() ?? 'ok';
      if (answer !== 'ok') throw new ServerRetError('webwxsendmsg', answer);
      calls.push({ to, at: clock.now() });
      return { msgId: `m-${to}`, localId: '1', to, at: clock.now() };
    });
    outbox.resume(() => ctx);
    const send = (to: string, text: unknown, submit: Submit) => submit({ kind: 'text', key: to, payload: { to, text: String(text) } }) as never;
    const run = (targets: string[], options = { gapMs: 3000, jitterMs: 1000 }) => broadcast({ outbox, clock, send, options, paced: true }, targets, 'news');
    return { clock, calls, answers, run, outbox };
  }

  it('spaces the targets by gapMs plus jitter', async () => {
    const { clock, calls, run } = setup();
    const report = run(['@a', '@b', '@c']);
    await clock.advance(20_000);
    const start = Date.parse('2026-01-05T04:00:00Z');
    // random() is 0.5: 3000 + 500 between targets.
    expect(calls.map((c) => [c.to, c.at - start])).toEqual([['@a', 0], ['@b', 3500], ['@c', 7000]]);
    expect((await report).sent.map((s) => s.to)).toEqual(['@a', '@b', '@c']);
  });

  it('stops at the first 1205: who got it, who did not, and why; a 1204 on the way does not stop it', async () => {
    const { clock, calls, answers, run, outbox } = setup();
    answers.push('ok', 1204, 'ok', 1205);
    const report = run(['@a', '@stranger', '@b', '@c', '@d', '@e']);
    await clock.advance(60_000);
    const r = await report;
    expect(calls.map((c) => c.to)).toEqual(['@a', '@b']);
    expect(r.sent.map((s) => s.to)).toEqual(['@a', '@b']);
    expect(r.failed.map((f) => [f.to, f.code])).toEqual([['@stranger', 'WXBOT_SEND_FAILED'], ['@c', 'WXBOT_TOO_FREQUENT']]);
    expect(r.notSent).toEqual([{ to: '@d', reason: 'not tried: stopped by WXBOT_TOO_FREQUENT' }, { to: '@e', reason: 'not tried: stopped by WXBOT_TOO_FREQUENT' }]);
    expect(r.stoppedBy).toBe('WXBOT_TOO_FREQUENT');
    expect(outbox.size).toBe(0);
  });
});

describe('bot.broadcast against the simulator', () => {
  let sim: Simulator;
  let bot: Bot;
  let home: string;

  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    home = tempHome();
    bot = newBot(sim, home, [], { outbox: { limits: false } });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await sim.close();
    removeHome(home);
  });

  const id = (name: string): string => bot.contacts.findContacts(name)[0]?.id ?? name;

  it('sends to every target, then stops at a real 1205 from webwxsendmsg', async () => {
    const first = await bot.broadcast([id('Alice'), id('Carol')], 'hello all');
    expect(first.sent.map((s) => s.to)).toEqual([id('Alice'), id('Carol')]);
    expect(sim.sent().map((s) => s.content)).toEqual(['hello all', 'hello all']);

    sim.faults.add({ kind: 'sendmsg', type: 'ret', ret: 1205 });
    const second = await bot.broadcast([id('Bob'), id('Dave'), id('Carol')], 'again');
    expect(second.stoppedBy).toBe('WXBOT_TOO_FREQUENT');
    expect(second.failed).toEqual([expect.objectContaining({ to: id('Bob'), code: 'WXBOT_TOO_FREQUENT' })]);
    expect(second.notSent.map((n) => n.to)).toEqual([id('Dave'), id('Carol')]);
    expect(sim.sent()).toHaveLength(2);
    expect(bot.governor.status().breakers['text']).toMatchObject({ state: 'open', trips: 1 });
  });
});
