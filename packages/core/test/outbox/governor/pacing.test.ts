import { DEFAULT_PACING, Pacing, typingDelayMs } from '../../../src/outbox/governor/pacing';

const still = (): number => 0.5; // no jitter: 2 × 0.5 − 1 = 0

describe('typing delay', () => {
  it('grows with the length of the text, up to maxMs', () => {
    const p = DEFAULT_PACING;
    const short = typingDelayMs(4, p, still);
    const long = typingDelayMs(60, p, still);
    expect(short).toBe(300 + 4 * 40);
    expect(long).toBe(300 + 60 * 40);
    expect(long).toBeGreaterThan(short);
    expect(typingDelayMs(10_000, p, still)).toBe(4000);
  });

  it('spreads by ±jitter', () => {
    const p = { ...DEFAULT_PACING, jitter: 0.25 };
    expect(typingDelayMs(10, p, () => 0)).toBe(Math.round(700 * 0.75));
    expect(typingDelayMs(10, p, () => 0.999999)).toBe(Math.round(700 * 1.249999));
  });
});

describe('Pacing', () => {
  it('holds a text until its typing delay after it was queued, counts code points, fixes the jitter once', () => {
    let r = 0;
    const pacing = new Pacing(DEFAULT_PACING, () => r);
    const a = { kind: 'text', key: '@a', createdAt: 1000, payload: { text: '😀😀😀😀' } };
    const first = pacing.readyAt(a);
    expect(first).toBe(1000 + Math.round((300 + 4 * 40) * 0.75));
    r = 0.9;
    expect(pacing.readyAt(a)).toBe(first);
  });

  it('media get the base delay, other kinds none; one chat gets chatGapMs between sends', () => {
    const pacing = new Pacing(DEFAULT_PACING, still);
    expect(pacing.readyAt({ kind: 'send-image', key: '@a', createdAt: 0 })).toBe(300);
    expect(pacing.readyAt({ kind: 'remark', key: '@a', createdAt: 0 })).toBe(0);
    pacing.started({ kind: 'text', key: '@a', createdAt: 0 }, 5000);
    expect(pacing.readyAt({ kind: 'text', key: '@a', createdAt: 5000, payload: { text: '' } })).toBe(5800);
    expect(pacing.readyAt({ kind: 'text', key: '@b', createdAt: 5000, payload: { text: '' } })).toBe(5300);
  });
});
