import { sleep, Waiters } from '../../src/util/waiters';

describe('Waiters (long polls waiting for news)', () => {
  it('wakeAll resolves every waiter with true and forgets them', async () => {
    const w = new Waiters();
    const ac = new AbortController();
    const a = w.wait(60_000, ac.signal);
    const b = w.wait(60_000, ac.signal);
    expect(w.size).toBe(2);
    w.wakeAll();
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect(w.size).toBe(0);
  });

  it('resolves false on timeout or abort (an already aborted signal at once), and forgets the waiter', async () => {
    const w = new Waiters();
    expect(await w.wait(1, new AbortController().signal)).toBe(false);
    const ac = new AbortController();
    const p = w.wait(60_000, ac.signal);
    ac.abort();
    expect(await p).toBe(false);
    expect(await w.wait(60_000, AbortSignal.abort())).toBe(false);
    expect(w.size).toBe(0);
    w.wakeAll();
  });

  it('sleep ends on abort as well as on time', async () => {
    const ac = new AbortController();
    const p = sleep(60_000, ac.signal);
    ac.abort();
    await expect(p).resolves.toBeUndefined();
  });
});
