import { AdmissionControl, type Candidate } from '../../src/outbox/admission';
import { dayOf, type Clock } from '../../src/outbox/clock';

// Admission with a hand-driven clock: every decision is a value, so the rules are checked one by one.

function clock(start = Date.UTC(2026, 0, 5, 10)): Clock & { t: number } {
  const c = { t: start, now: () => c.t, setTimer: () => undefined, clearTimer: () => undefined, random: () => 0 };
  return c;
}

const action = (fields: Partial<Candidate> = {}): Candidate => ({ kind: 'text', key: '@alice', risky: false, createdAt: 0, notBefore: 0, ...fields });

describe('AdmissionControl', () => {
  it('lets a burst through, then makes the next action wait for the global bucket', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: { global: { intervalMs: 1000, burst: 2 }, perChat: false, risky: false, jitterMs: 0 } }, c);
    for (let i = 0; i < 2; i++) {
      expect(gate.admit(action({ key: `@c${i}` }), [], c.t)).toEqual({ go: true });
      gate.take(action({ key: `@c${i}` }), c.t);
    }
    expect(gate.admit(action({ key: '@c2' }), [], c.t)).toEqual({ go: false, waitUntil: c.t + 1000 });
  });

  it('paces each chat on its own bucket, and adds jitter to a wait', () => {
    const c = clock();
    c.random = () => 0.5;
    const gate = new AdmissionControl({ limits: { global: false, perChat: { intervalMs: 2000, burst: 1 }, risky: false, jitterMs: 400 }, pacing: false }, c);
    gate.take(action(), c.t);
    expect(gate.admit(action(), [], c.t)).toEqual({ go: false, waitUntil: c.t + 2000 + 200 });
    expect(gate.admit(action({ key: '@bob' }), [], c.t)).toEqual({ go: true });
  });

  it('fails an action past maxAgeMs with WXBOT_OUTBOX_EXPIRED', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false, maxAgeMs: 60_000 }, c);
    const decision = gate.admit(action({ createdAt: c.t - 60_001 }), [], c.t);
    expect(decision).toMatchObject({ go: false, fail: { code: 'WXBOT_OUTBOX_EXPIRED' } });
    expect(gate.admit(action({ createdAt: c.t - 60_000 }), [], c.t)).toEqual({ go: true });
  });

  it('counts running actions against the daily cap, and fails the one over it with WXBOT_DAILY_CAP', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false, dailyCaps: { text: 2 } }, c);
    gate.succeeded(action());
    expect(gate.admit(action(), [], c.t)).toEqual({ go: true });
    expect(gate.admit(action(), [action({ key: '@bob' })], c.t)).toMatchObject({ go: false, fail: { code: 'WXBOT_DAILY_CAP' } });
    expect(gate.today).toEqual({ day: dayOf(c.t), counts: { text: 1 } });
  });

  it('caps risky actions together, whatever their kind (default: 30 a day)', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false }, c);
    for (let i = 0; i < 30; i++) gate.succeeded(action({ kind: i % 2 ? 'verify-user' : 'add-members', risky: true }));
    expect(gate.admit(action({ kind: 'create-room', risky: true }), [], c.t)).toMatchObject({ go: false, fail: { code: 'WXBOT_DAILY_CAP' } });
    expect(gate.admit(action({ kind: 'text' }), [], c.t)).toEqual({ go: true });
  });

  it('starts a new day with fresh counters', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false, dailyCaps: { text: 1 } }, c);
    gate.succeeded(action());
    expect(gate.admit(action(), [], c.t)).toMatchObject({ go: false });
    c.t += 24 * 3600_000;
    expect(gate.admit(action(), [], c.t)).toEqual({ go: true });
  });

  it('holds a kind after "too frequent" until its cooldown, then lets one trial through', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false, breaker: { baseMs: 60_000, capMs: 600_000 } }, c);
    gate.take(action(), c.t);
    const cooldown = gate.rateLimited('text', c.t);
    expect(cooldown).toBeGreaterThan(0);
    const decision = gate.admit(action({ key: '@other' }), [], c.t);
    expect(decision).toEqual({ go: false, waitUntil: c.t + cooldown });
    // Other kinds are not held.
    expect(gate.admit(action({ kind: 'remark' }), [], c.t)).toEqual({ go: true });
    c.t += cooldown;
    expect(gate.admit(action(), [], c.t)).toEqual({ go: true });
    gate.take(action(), c.t);
    expect(gate.admit(action({ key: '@other' }), [], c.t)).toMatchObject({ go: false });
    expect(gate.succeeded(action())).toBe(true);
    expect(gate.admit(action({ key: '@other' }), [], c.t)).toEqual({ go: true });
  });

  it('waits for an action\'s own notBefore (a retry backoff)', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false }, c);
    expect(gate.admit(action({ notBefore: c.t + 500 }), [], c.t)).toEqual({ go: false, waitUntil: c.t + 500 });
  });

  it('saves tripped breakers and today\'s counters, and a restart takes them back (yesterday\'s counters are dropped)', () => {
    const c = clock();
    const gate = new AdmissionControl({ limits: false, dailyCaps: { text: 1 } }, c);
    gate.succeeded(action());
    gate.take(action({ kind: 'remark' }), c.t);
    gate.rateLimited('remark', c.t);
    const saved = JSON.parse(JSON.stringify(gate.state())) as ReturnType<AdmissionControl['state']>;
    expect(Object.keys(saved.breakers)).toEqual(['remark']);

    const again = new AdmissionControl({ limits: false, dailyCaps: { text: 1 } }, c);
    again.restore(saved);
    expect(again.admit(action(), [], c.t)).toMatchObject({ go: false, fail: { code: 'WXBOT_DAILY_CAP' } });
    expect(again.admit(action({ kind: 'remark' }), [], c.t)).toMatchObject({ go: false, waitUntil: expect.any(Number) });

    c.t += 24 * 3600_000;
    const tomorrow = new AdmissionControl({ limits: false, dailyCaps: { text: 1 } }, c);
    tomorrow.restore(saved);
    expect(tomorrow.admit(action(), [], c.t)).toEqual({ go: true });
  });
});
