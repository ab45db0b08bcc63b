import pino from 'pino';
import { NetworkError, type SessionContext } from '@wxbot/protocol';
import { ReliableOutbox } from '../../src/outbox/reliable-outbox';
import type { StoredAction } from '../../src/outbox/outbox-store';
import type { ExecutorContext, Settled, Settler } from '../../src/outbox/types';

// The outbox with a Settler: what happens to an action whose answer was lost. Real timers, short
// backoffs; the settler is the test's, answering when the test says.

const log = pino({ level: 'silent' });
const ctx: ExecutorContext = { session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal };
const lost = (): NetworkError => new NetworkError('webwxsendmsg', 'socket hang up', 'ECONNRESET', false, undefined);

class TestSettler implements Settler {
  readonly asked: StoredAction[] = [];
  private pending: Array<(s: Settled) => void> = [];
  covers = (): boolean => true;
  settle = (action: StoredAction): Promise<Settled> => {
    this.asked.push(action);
    return new Promise((resolve) => this.pending.push(resolve));
  };
  succeeded = (): void => undefined;
  /** Answer the oldest open question. */
  answer(settled: Settled): void {
    this.pending.shift()?.(settled);
  }
  async until(n: number): Promise<void> {
    while (this.asked.length < n) await new Promise((r) => setTimeout(r, 5));
  }
}

function setup(attempts = 3) {
  const settler = new TestSettler();
  const outbox = new ReliableOutbox({ log, persist: false, limits: false, retry: { attempts, baseMs: 1, capMs: 2 }, settler });
  const calls: string[] = [];
  let fail = true;
  outbox.register('text', async (_c, p: { to: string; text: string }) => {
    calls.push(p.text);
    if (fail) throw lost();
    return { msgId: `m${calls.length}` };
  });
  outbox.resume(() => ctx);
  return { settler, outbox, calls, succeed: () => (fail = false) };
}

describe('ReliableOutbox with a settler', () => {
  it('a lost answer holds the action, and its chat, until settled; settled as sent it resolves with the settled result and is not attempted again', async () => {
    const { settler, outbox, calls } = setup();
    const first = outbox.submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'one' } });
    const second = outbox.submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'two' } });
    await settler.until(1);
    expect(calls).toEqual(['one']);
    settler.answer({ sent: true, result: { msgId: 'echo-1' } });
    await expect(first).resolves.toEqual({ msgId: 'echo-1' });
    // The chat's next action goes after it (and is lost too: asked in its turn).
    await settler.until(2);
    expect(calls).toEqual(['one', 'two']);
    settler.answer({ sent: true, result: { msgId: 'echo-2' } });
    await expect(second).resolves.toEqual({ msgId: 'echo-2' });
    await outbox.close();
  });

  it('settled as not sent, it is attempted again with the same ClientMsgId', async () => {
    const { settler, outbox, calls, succeed } = setup();
    const done = outbox.submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'x' } });
    await settler.until(1);
    succeed();
    settler.answer({ sent: false });
    await expect(done).resolves.toEqual({ msgId: 'm2' });
    expect(calls).toEqual(['x', 'x']);
    expect(new Set(settler.asked.map((a) => a.clientMsgId)).size).toBe(1);
    await outbox.close();
  });

  it('lost answers that are never carried out end with WXBOT_SEND_FAILED after the last attempt, not a loop', async () => {
    const { settler, outbox, calls } = setup(3);
    const done = outbox.submit({ kind: 'text', key: '@a', payload: { to: '@a', text: 'y' } }).catch((e: unknown) => e);
    for (let i = 1; i <= 3; i++) {
      await settler.until(i);
      settler.answer({ sent: false });
    }
    expect(await done).toMatchObject({ code: 'WXBOT_SEND_FAILED', message: expect.stringContaining('after 3 attempts') });
    expect(calls).toEqual(['y', 'y', 'y']);
    await outbox.close();
  });
});
