import { newEntry } from '../../src/outbox/entry';

const waiter = { resolve: () => undefined, reject: () => undefined };

describe('newEntry', () => {
  it('fixes a fresh id and a ClientMsgId from the time, once', () => {
    const now = 1_700_000_000_000;
    const a = newEntry({ kind: 'text', key: '@a', payload: { to: '@a', text: 'x' } }, 'msg:1#0', true, now, waiter);
    const b = newEntry({ kind: 'text', key: '@a', payload: { to: '@a', text: 'x' } }, undefined, false, now, waiter);
    expect(a.id).not.toBe(b.id);
    expect(a.clientMsgId).toMatch(/^\d{17}$/);
    expect(a.clientMsgId.startsWith(String(now))).toBe(true);
    expect(a).toMatchObject({ kind: 'text', key: '@a', idem: 'msg:1#0', risky: false, createdAt: now, attempts: 0, persist: true, notBefore: 0, waiters: [waiter] });
    expect(b).not.toHaveProperty('idem');
    expect(b.persist).toBe(false);
    expect(b).not.toHaveProperty('failOnRateLimit');
  });

  it('carries risky and failOnRateLimit only when set', () => {
    const e = newEntry({ kind: 'verify-user', key: '@r', payload: {}, risky: true, failOnRateLimit: true }, undefined, true, 1, waiter);
    expect(e.risky).toBe(true);
    expect(e.failOnRateLimit).toBe(true);
  });
});
