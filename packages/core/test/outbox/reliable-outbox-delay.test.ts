import pino from 'pino';
import type { SessionContext } from '@wxbot/protocol';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';
import type { ExecutorContext } from '../../src/outbox/types';
import { FakeClock } from '../fixtures/fake-clock';

// The line a person watching the bot reads when the rate limits hold an action back. Pacing (the
// governor's typing delays) is off so the buckets alone decide the wait.

describe('ReliableOutbox: held-back actions', () => {
  it('logs one info line per action the limits hold back for 2 s or more, however often it is re-checked', async () => {
    const lines: Array<{ msg: string; kind?: string; waitMs?: number }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 10));
    clock.random = () => 0; // no jitter: the wait is the bucket's alone
    const outbox = new ReliableOutbox({ log, persist: false, clock, limits: { global: { intervalMs: 5000, burst: 1 }, perChat: false, risky: false }, pacing: false });
    const sent: string[] = [];
    outbox.register('text', async (_c, p: { text: string }) => void sent.push(p.text));
    outbox.resume((): ExecutorContext => ({ session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal }));
    const first = outbox.submit({ kind: 'text', key: '@a', payload: { text: 'one' } });
    const second = outbox.submit({ kind: 'text', key: '@b', payload: { text: 'two' } });
    await first;
    // Re-checked on every pump, announced once.
    await clock.advance(1000);
    await clock.advance(1000);
    const held = lines.filter((l) => l.msg.startsWith('outbox: text to @b held back'));
    expect(held).toHaveLength(1);
    expect(held[0]?.msg).toBe('outbox: text to @b held back 5.0 s by the rate limits or a cooldown');
    await clock.advance(3000);
    await second;
    expect(sent).toEqual(['one', 'two']);
    expect(lines.filter((l) => l.msg.includes('held back'))).toHaveLength(1);
    await outbox.close();
  });
});
