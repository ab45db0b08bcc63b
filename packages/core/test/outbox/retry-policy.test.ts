import { AbortedError, HttpStatusError, MalformedBodyError, NetworkError, ServerRetError } from '@wxbot/protocol';
import { afterFailure, endpointOf, mayHaveHappened } from '../../src/outbox/retry-policy';

const reset = () => new NetworkError('webwxsendmsg', 'socket hang up', 'ECONNRESET', false, undefined);
const refused = () => new NetworkError('webwxsendmsg', 'connect ECONNREFUSED', 'ECONNREFUSED', false, undefined);
const live = new AbortController().signal;
const half = () => 0.5;
const NOW = 1_000_000;

describe('mayHaveHappened', () => {
  it('a broken connection or an unreadable answer may hide a carried-out request; a refusal, an HTTP error or a Ret do not', () => {
    expect(mayHaveHappened(reset())).toBe(true);
    expect(mayHaveHappened(new NetworkError('x', 'timeout', undefined, true, undefined))).toBe(true);
    expect(mayHaveHappened(new MalformedBodyError('x', 'not JSON', '<html>'))).toBe(true);
    for (const errno of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      expect(mayHaveHappened(new NetworkError('x', errno, errno, false, undefined))).toBe(false);
    }
    expect(mayHaveHappened(new HttpStatusError('x', 502))).toBe(false);
    expect(mayHaveHappened(new ServerRetError('x', -1))).toBe(false);
    expect(mayHaveHappened(new Error('plain'))).toBe(false);
  });
});

describe('endpointOf', () => {
  it('names the endpoint of a protocol error, nothing for others', () => {
    expect(endpointOf(reset())).toBe('webwxsendmsg');
    expect(endpointOf(new Error('x'))).toBe('');
  });
});

describe('afterFailure', () => {
  const retry = { retry: { attempts: 3, baseMs: 100, capMs: 1000 } };

  it('too frequent: cool down; stopping: keep; session ended: retry in a second without counting', () => {
    expect(afterFailure(new ServerRetError('webwxsendmsg', 1205), live, 0, NOW, retry, half, true)).toEqual({ do: 'cooldown' });
    const stopped = new AbortController();
    stopped.abort();
    expect(afterFailure(reset(), stopped.signal, 0, NOW, retry, half, true)).toEqual({ do: 'keep' });
    expect(afterFailure(new AbortedError('webwxsendmsg'), live, 0, NOW, retry, half, true)).toEqual({ do: 'keep' });
    expect(afterFailure(new ServerRetError('webwxsendmsg', 1101), live, 2, NOW, retry, half, true)).toEqual({ do: 'retry', at: NOW + 1000, attempts: 2, reason: 'session' });
  });

  it('a transient failure that may have happened is settled from the echoes when the action can be', () => {
    expect(afterFailure(reset(), live, 0, NOW, retry, half, true)).toEqual({ do: 'settle', attempts: 1 });
    // Not settleable: retried with back-off instead.
    const next = afterFailure(reset(), live, 0, NOW, retry, half, false);
    expect(next).toMatchObject({ do: 'retry', attempts: 1, reason: 'transient' });
    expect((next as { at: number }).at).toBeGreaterThan(NOW);
  });

  it('a transient failure that did not happen is retried until the attempts run out, then fails', () => {
    expect(afterFailure(refused(), live, 0, NOW, retry, half, true)).toMatchObject({ do: 'retry', attempts: 1 });
    expect(afterFailure(new HttpStatusError('x', 503), live, 1, NOW, retry, half, true)).toMatchObject({ do: 'retry', attempts: 2 });
    expect(afterFailure(refused(), live, 2, NOW, retry, half, true)).toEqual({ do: 'fail', attempts: 3 });
  });

  it('the back-off grows with the attempts and stays under the cap', () => {
    const at = (n: number) => (afterFailure(refused(), live, n, NOW, { retry: { attempts: 10, baseMs: 100, capMs: 1000 } }, () => 0.999, false) as { at: number }).at - NOW;
    expect(at(0)).toBeLessThanOrEqual(at(3));
    expect(at(8)).toBeLessThanOrEqual(1000);
  });

  it('a fatal error fails at once with the attempts so far', () => {
    expect(afterFailure(new ServerRetError('webwxsendmsg', 1), live, 1, NOW, retry, half, true)).toEqual({ do: 'fail', attempts: 1 });
    expect(afterFailure(new HttpStatusError('x', 404), live, 0, NOW, retry, half, true)).toEqual({ do: 'fail', attempts: 0 });
  });

  it('without options the default of five attempts applies', () => {
    expect(afterFailure(refused(), live, 3, NOW, {}, half, false)).toMatchObject({ do: 'retry', attempts: 4 });
    expect(afterFailure(refused(), live, 4, NOW, {}, half, false)).toEqual({ do: 'fail', attempts: 5 });
  });
});
