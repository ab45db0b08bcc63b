import pino from 'pino';
import { DelayNotice } from '../../src/outbox/delay-notice';
import { newEntry } from '../../src/outbox/entry';

describe('DelayNotice', () => {
  it('logs one line per action held back 2 s or more, and none for shorter waits', () => {
    const lines: Array<{ msg: string; waitMs?: number }> = [];
    const notice = new DelayNotice(pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    const entry = (key: string) => newEntry({ kind: 'text', key, payload: { text: 'hi' } }, undefined, false, 0, { resolve: () => undefined, reject: () => undefined });
    const short = entry('@a');
    const long = entry('@b');
    notice.held(short, 1_999);
    notice.held(long, 5_000);
    notice.held(long, 4_000);
    expect(lines.map((l) => l.msg)).toEqual(['outbox: text to @b held back 5.0 s by the rate limits or a cooldown']);
    expect(lines[0]?.waitMs).toBe(5_000);
  });
});
