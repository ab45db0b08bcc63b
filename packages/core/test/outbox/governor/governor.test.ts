import pino from 'pino';
import { ServerRetError, type SessionContext } from '@wxbot/protocol';
import { ReliableOutbox, type ExecutorContext, type OutboxOptions } from '@wxbot/core/internals';
import { FakeClock } from '../../fixtures/fake-clock';

// The governor through the real outbox, on a hand-driven clock: quiet hours, pacing, caps, status.

const ctx: ExecutorContext = { session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal };
const NO_BUCKETS = { global: false, perChat: false, risky: false, jitterMs: 0 } as const;
// 23:30 in Shanghai (15:30 UTC); the window opens at 07:00 there (23:00 UTC).
const NIGHT = Date.parse('2026-01-05T15:30:00Z');
const OPENS = Date.parse('2026-01-05T23:00:00Z');

function setup(options: OutboxOptions, start = NIGHT) {
  const clock = new FakeClock(start);
  const calls: Array<{ kind: string; key: string; at: number }> = [];
  let refuse = 0;
  const outbox = new ReliableOutbox({ clock, log: pino({ level: 'silent' }), ...options });
  for (const kind of ['text', 'send-image', 'verify-user']) {
    outbox.register(kind, async (_c, payload) => {
      if (refuse-- > 0) throw new ServerRetError('webwxsendmsg', 1205);
      calls.push({ kind, key: (payload as { to: string }).to, at: clock.now() });
      return 'ok';
    });
  }
  outbox.resume(() => ctx);
  return { clock, calls, outbox, refuseNext: (n: number) => (refuse = n) };
}

const text = (to: string, t = 'hi') => ({ kind: 'text', key: to, payload: { to, text: t } });

describe('safety governor', () => {
  it('quiet hours, policy wait: the send stays queued and goes when the window opens', async () => {
    const { clock, calls, outbox } = setup({ limits: NO_BUCKETS, pacing: false, timeZone: 'Asia/Shanghai', quietHours: { from: '23:00', to: '07:00' } });
    const sent = outbox.submit(text('@a'));
    await clock.advance(0);
    expect(calls).toEqual([]);
    expect(outbox.governor.status().quietHours).toEqual({ configured: true, quiet: true, policy: 'wait', nextChange: OPENS });
    await clock.advance(OPENS - NIGHT - 1);
    expect(calls).toEqual([]);
    await clock.advance(1);
    await expect(sent).resolves.toBe('ok');
    expect(calls).toEqual([{ kind: 'text', key: '@a', at: OPENS }]);
    expect(outbox.governor.status().quietHours.quiet).toBe(false);
  });

  it('quiet hours, policy fail: WXBOT_QUIET_HOURS with the opening time; a chat set to false still gets its send', async () => {
    const { clock, calls, outbox } = setup({ limits: NO_BUCKETS, pacing: false, timeZone: 'Asia/Shanghai', quietHours: { from: '23:00', to: '07:00', policy: 'fail', chats: { '@@ops': false } } });
    const refused = outbox.submit(text('@a')).catch((e: unknown) => e);
    const ops = outbox.submit(text('@@ops'));
    await clock.advance(0);
    expect(await refused).toMatchObject({ code: 'WXBOT_QUIET_HOURS', details: { opensAt: OPENS } });
    await expect(ops).resolves.toBe('ok');
    expect(calls.map((c) => c.key)).toEqual(['@@ops']);
    outbox.governor.setChatQuietHours('@@ops', null);
    await expect(outbox.submit(text('@@ops'))).rejects.toMatchObject({ code: 'WXBOT_QUIET_HOURS' });
  });

  it('pacing: a longer reply waits longer after it was queued; the same chat keeps its gap', async () => {
    const day = Date.parse('2026-01-05T04:00:00Z');
    const { clock, calls, outbox } = setup({ limits: NO_BUCKETS, pacing: { jitter: 0 } }, day);
    void outbox.submit(text('@short', 'ok'));
    void outbox.submit(text('@long', 'x'.repeat(50)));
    void outbox.submit(text('@short', 'again'));
    await clock.advance(10_000);
    const at = (key: string, i = 0) => calls.filter((c) => c.key === key)[i]!.at - day;
    expect(at('@short')).toBe(300 + 2 * 40);
    expect(at('@long')).toBe(300 + 50 * 40);
    expect(at('@long')).toBeGreaterThan(at('@short'));
    // Its own typing delay (300 + 5 × 40 = 500 ms) is over; the chat's 800 ms gap is not.
    expect(at('@short', 1)).toBe(at('@short') + 800);
  });

  it('caps: a group cap counts every kind of its group; status shows what is left; limits: false keeps only risky by default', async () => {
    const { clock, outbox } = setup({ limits: NO_BUCKETS, pacing: false, dailyCaps: { media: 2 } }, Date.parse('2026-01-05T04:00:00Z'));
    const img = (to: string) => ({ kind: 'send-image', key: to, payload: { to } });
    await Promise.all([outbox.submit(img('@a')), outbox.submit(img('@b'))]);
    const third = outbox.submit(img('@c')).catch((e: unknown) => e);
    await clock.advance(0);
    expect(await third).toMatchObject({ code: 'WXBOT_DAILY_CAP', message: expect.stringContaining('media (2 a day)') });
    const caps = outbox.governor.status().caps;
    expect(caps['media']).toEqual({ cap: 2, used: 2, remaining: 0 });
    // The defaults a given cap does not replace (limits are on: NO_BUCKETS is an object).
    expect(caps['friend']).toEqual({ cap: 20, used: 0, remaining: 20 });
    expect(caps['text']?.cap).toBe(3000);

    const off = setup({ limits: false });
    expect(Object.keys(off.outbox.governor.status().caps)).toEqual(['risky']);
    expect(off.outbox.governor.status().pacing).toBe(false);
  });

  it('failOnRateLimit: a 1205 fails the action with WXBOT_TOO_FREQUENT and opens the breaker', async () => {
    const { clock, outbox, refuseNext, calls } = setup({ limits: NO_BUCKETS, pacing: false }, Date.parse('2026-01-05T04:00:00Z'));
    refuseNext(1);
    const failed = outbox.submit({ ...text('@a'), failOnRateLimit: true }).catch((e: unknown) => e);
    await clock.advance(0);
    expect(await failed).toMatchObject({ code: 'WXBOT_TOO_FREQUENT' });
    expect(outbox.size).toBe(0);
    expect(outbox.governor.status().breakers['text']).toMatchObject({ state: 'open', trips: 1 });
    // An ordinary send waits for the cooldown instead.
    const later = outbox.submit(text('@b'));
    await clock.advance(1000);
    expect(calls).toEqual([]);
    await clock.advance(30 * 60_000);
    await expect(later).resolves.toBe('ok');
  });
});
