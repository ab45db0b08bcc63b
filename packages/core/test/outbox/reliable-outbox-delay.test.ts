import pino from 'pino';
import type { SessionContext } from '@wxbot/protocol';
import type { Clock } from '../../src/outbox/clock';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';
import type { ExecutorContext } from '../../src/outbox/types';

// The line a person watching the bot reads when the rate limits hold an action back. Pacing (the
// governor's typing delays) is off so the buckets alone decide the wait.

function manualClock(): Clock & { advance(ms: number): void } {
  let t = Date.UTC(2026, 0, 5, 10);
  const timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    random: () => 0,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
    advance(ms: number) {
      t += ms;
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.fn();
      }
    },
  } as Clock & { advance(ms: number): void };
}

describe('ReliableOutbox: held-back actions', () => {
  it('logs one info line per action the limits hold back for 2 s or more, however often it is re-checked', async () => {
    const lines: Array<{ msg: string; kind?: string; waitMs?: number }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const clock = manualClock();
    const outbox = new ReliableOutbox({ log, persist: false, clock, limits: { global: { intervalMs: 5000, burst: 1 }, perChat: false, risky: false }, pacing: false });
    const sent: string[] = [];
    outbox.register('text', async (_c, p: { text: string }) => void sent.push(p.text));
    outbox.resume((): ExecutorContext => ({ session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal }));
    const first = outbox.submit({ kind: 'text', key: '@a', payload: { text: 'one' } });
    const second = outbox.submit({ kind: 'text', key: '@b', payload: { text: 'two' } });
    await first;
    // Re-checked on every pump, announced once.
    clock.advance(1000);
    clock.advance(1000);
    const held = lines.filter((l) => l.msg.startsWith('outbox: text to @b held back'));
    expect(held).toHaveLength(1);
    expect(held[0]?.msg).toBe('outbox: text to @b held back 5.0 s by the rate limits or a cooldown');
    clock.advance(3000);
    await second;
    expect(sent).toEqual(['one', 'two']);
    expect(lines.filter((l) => l.msg.includes('held back'))).toHaveLength(1);
    await outbox.close();
  });
});
