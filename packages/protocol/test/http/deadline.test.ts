import { once } from 'node:events';
import { RequestDeadline } from '../../src/http/deadline';

describe('request deadline', () => {
  it('aborts its signal with ETIMEDOUT when the clock runs out: timed out, not aborted', async () => {
    const d = new RequestDeadline(undefined, 5);
    await once(d.signal, 'abort');
    expect([d.timedOut, d.aborted]).toEqual([true, false]);
    expect((d.signal.reason as { code: string }).code).toBe('ETIMEDOUT');
    d.dispose();
  });

  it('follows the caller: an abort is an abort, never a timeout, and carries the caller reason', async () => {
    const caller = new AbortController();
    const d = new RequestDeadline(caller.signal, 60_000);
    caller.abort('stop');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('stop');
    expect([d.timedOut, d.aborted]).toEqual([false, true]);
    d.dispose();
    const already = new RequestDeadline(AbortSignal.abort('gone'), 60_000);
    expect([already.signal.aborted, already.signal.reason, already.aborted]).toEqual([true, 'gone', true]);
  });

  it('stopClock() ends the deadline (headers arrived); dispose() stops following the caller', async () => {
    const stopped = new RequestDeadline(undefined, 5);
    stopped.stopClock();
    // a later timer, set after the deadline's, has fired: the deadline's did not.
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped.signal.aborted).toBe(false);
    const caller = new AbortController();
    const d = new RequestDeadline(caller.signal, 0);
    d.dispose();
    caller.abort();
    expect(d.signal.aborted).toBe(false);
    expect(d.timedOut).toBe(false);
  });
});
