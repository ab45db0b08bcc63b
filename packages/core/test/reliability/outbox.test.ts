import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { HttpStatusError, NetworkError, ServerRetError, type SessionContext } from '@wxbot/protocol';
import { classifyFailure, readSavedState, ReliableOutbox, withIdempotencyScope, type ExecutorContext, type OutboxOptions } from '@wxbot/core/internals';

import { FakeClock } from '../fixtures/fake-clock';

// The outbox on a hand-driven clock: no real sleeping for limits, breakers or backoff.

const ctx: ExecutorContext = { session: {} as SessionContext, selfUserName: '@self', signal: new AbortController().signal };
const silent = pino({ level: 'silent' });

interface Call { kind: string; payload: unknown; at: number; clientMsgId: string | undefined }

function setup(options: OutboxOptions = {}, file?: string) {
  const clock = new FakeClock();
  const calls: Call[] = [];
  let behaviour: (call: Call) => Promise<unknown> = async () => 'ok';
  const unclaimed: Error[] = [];
  const outbox = new ReliableOutbox({ clock, log: silent, ...(file ? { file } : {}), onUnclaimedFailure: (e) => unclaimed.push(e), ...options });
  for (const kind of ['text', 'image', 'verify-user', 'create-room']) {
    outbox.register(kind, async (c, payload) => {
      const call = { kind, payload, at: clock.now(), clientMsgId: c.clientMsgId };
      calls.push(call);
      return behaviour(call);
    });
  }
  outbox.resume(() => ctx);
  return { clock, calls, outbox, unclaimed, behave: (b: typeof behaviour) => (behaviour = b) };
}

const text = (key: string, n: number) => ({ kind: 'text', key, payload: { n } });

describe('outbox: order and rate limits', () => {
  it('keeps per-chat order and paces by the global limit (burst, then one per interval, plus jitter)', async () => {
    const { clock, calls, outbox } = setup({ limits: { global: { intervalMs: 1000, burst: 2 }, perChat: false, risky: false, jitterMs: 100 }, pacing: false });
    const done = [1, 2, 3, 4].map((n) => outbox.submit(text('a', n)));
    await clock.advance(0);
    expect(calls.map((c) => (c.payload as { n: number }).n)).toEqual([1, 2]);
    await clock.advance(999);
    expect(calls).toHaveLength(2);
    await clock.advance(1000 + 100);
    await clock.advance(1100);
    await Promise.all(done);
    expect(calls.map((c) => (c.payload as { n: number }).n)).toEqual([1, 2, 3, 4]);
    // After the burst: at least one interval between sends.
    expect(calls[3]!.at - calls[2]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('per-chat limit: a busy chat waits, another chat goes', async () => {
    const { clock, calls, outbox } = setup({ limits: { global: false, perChat: { intervalMs: 5000, burst: 1 }, risky: false, jitterMs: 0 }, pacing: false });
    void outbox.submit(text('a', 1));
    void outbox.submit(text('a', 2));
    void outbox.submit(text('b', 3));
    await clock.advance(0);
    expect(calls.map((c) => (c.payload as { n: number }).n)).toEqual([1, 3]);
    await clock.advance(5000);
    expect(calls.map((c) => (c.payload as { n: number }).n)).toEqual([1, 3, 2]);
  });

  it('risky actions get their own stricter limit; daily caps reject with WXBOT_DAILY_CAP', async () => {
    const { clock, calls, outbox } = setup({ limits: { global: false, perChat: false, risky: { intervalMs: 60_000, burst: 1 }, jitterMs: 0 }, dailyCaps: { risky: 2 }, pacing: false });
    const a = outbox.submit({ kind: 'verify-user', key: 'u1', risky: true, payload: 1 });
    const b = outbox.submit({ kind: 'create-room', key: 'r1', risky: true, payload: 2 });
    const c = outbox.submit({ kind: 'verify-user', key: 'u2', risky: true, payload: 3 }).catch((e: unknown) => e);
    const t = outbox.submit(text('x', 9));
    await clock.advance(0);
    expect(calls.map((x) => x.kind)).toEqual(['verify-user', 'text']);
    await clock.advance(60_000);
    expect(calls.map((x) => x.kind)).toEqual(['verify-user', 'text', 'create-room']);
    await clock.advance(60_000);
    expect(await c).toMatchObject({ code: 'WXBOT_DAILY_CAP' });
    await Promise.all([a, b, t]);
    expect(calls).toHaveLength(3);
  });

  it('limits: false sends at once', async () => {
    const { clock, calls, outbox } = setup({ limits: false });
    const all = Array.from({ length: 20 }, (_, i) => outbox.submit(text(`c${i % 3}`, i)));
    await clock.advance(0);
    await Promise.all(all);
    expect(calls).toHaveLength(20);
  });
});

describe('outbox: failures', () => {
  it('1205 opens the breaker for that kind; the action stays queued and is sent after the cooldown', async () => {
    const { clock, calls, outbox, behave } = setup({ limits: false, breaker: { baseMs: 10_000, capMs: 100_000 } });
    let refusals = 2;
    behave(async (call) => {
      if (call.kind === 'text' && refusals-- > 0) throw new ServerRetError('webwxsendmsg', 1205);
      return 'sent';
    });
    const p = outbox.submit(text('a', 1));
    const other = outbox.submit({ kind: 'image', key: 'b', payload: 2 });
    await clock.advance(0);
    await expect(other).resolves.toBe('sent'); // other kinds are not held
    expect(calls.filter((c) => c.kind === 'text')).toHaveLength(1);
    await clock.advance(7_000); // cooldown 1: 10 s with jitter (random 0.5 -> 7.5 s)
    expect(calls.filter((c) => c.kind === 'text').length).toBeGreaterThanOrEqual(1);
    await clock.advance(200_000);
    await expect(p).resolves.toBe('sent');
    const textCalls = calls.filter((c) => c.kind === 'text');
    expect(textCalls).toHaveLength(3);
    // Every attempt of one action carries the same ClientMsgId.
    expect(new Set(textCalls.map((c) => c.clientMsgId)).size).toBe(1);
    // The second cooldown is longer than the first.
    expect(textCalls[2]!.at - textCalls[1]!.at).toBeGreaterThan(textCalls[1]!.at - textCalls[0]!.at);
  });

  it('network errors and 5xx retry with backoff, then reject with WXBOT_SEND_FAILED', async () => {
    const { clock, calls, outbox, behave } = setup({ limits: false, retry: { attempts: 3, baseMs: 1000, capMs: 10_000 } });
    behave(async () => {
      throw calls.length % 2 ? new HttpStatusError('webwxsendmsg', 503) : new NetworkError('webwxsendmsg', 'socket hang up', 'ECONNRESET', false, undefined);
    });
    const p = outbox.submit(text('a', 1));
    const settled = p.catch((e: unknown) => e);
    await clock.advance(60_000);
    expect(await settled).toMatchObject({ code: 'WXBOT_SEND_FAILED', message: expect.stringContaining('after 3 attempts') });
    expect(calls).toHaveLength(3);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThan(calls[1]!.at - calls[0]!.at);
  });

  it('a final error (1204) fails at once; the next action of the chat still goes', async () => {
    const { clock, outbox, behave } = setup({ limits: false });
    behave(async (call) => {
      if ((call.payload as { n: number }).n === 1) throw new ServerRetError('webwxsendmsg', 1204);
      return 'ok';
    });
    const first = outbox.submit(text('a', 1)).catch((e: unknown) => e);
    const second = outbox.submit(text('a', 2));
    await clock.advance(0);
    expect(await first).toMatchObject({ code: 'WXBOT_SEND_FAILED' });
    await expect(second).resolves.toBe('ok');
  });

  it('classifies failures', () => {
    expect(classifyFailure(new ServerRetError('x', 1205))).toBe('rate-limited');
    expect(classifyFailure(new ServerRetError('x', 1105))).toBe('rate-limited');
    expect(classifyFailure(new ServerRetError('x', 1, '操作太频繁，请稍后再试'))).toBe('rate-limited');
    expect(classifyFailure(Object.assign(new Error('upload refused'), { rateLimited: true }))).toBe('rate-limited');
    expect(classifyFailure(new ServerRetError('x', 1101))).toBe('session');
    expect(classifyFailure(new ServerRetError('x', -1))).toBe('transient');
    expect(classifyFailure(new HttpStatusError('x', 500))).toBe('transient');
    expect(classifyFailure(new HttpStatusError('x', 404))).toBe('fatal');
    expect(classifyFailure(new ServerRetError('x', 1204))).toBe('fatal');
    expect(classifyFailure(new Error('bug'))).toBe('fatal');
  });
});

describe('outbox: persistence and idempotency', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('unsent actions survive a restart (same ClientMsgId); the file is 0600 in a 0700 dir', async () => {
    const home = path.join(dir, 'home');
    const file = path.join(home, 'outbox.log');
    const first = setup({ limits: false }, file);
    first.outbox.pause();
    const lost = first.outbox.submit(text('a', 1)).catch((e: unknown) => e);
    await first.clock.advance(0);
    await first.outbox.close();
    expect(await lost).toMatchObject({ code: 'WXBOT_STOPPED', message: expect.stringContaining('sent after the next start') });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const saved = (await readSavedState(file)).outbox;
    expect(saved.queue).toHaveLength(1);

    const second = setup({ limits: false }, file);
    second.outbox.pause();
    await second.outbox.load();
    second.outbox.resume(() => ctx);
    await second.clock.advance(0);
    expect(second.calls.map((c) => c.payload)).toEqual([{ n: 1 }]);
    expect(second.calls[0]!.clientMsgId).toBe(saved.queue[0]!.clientMsgId);
    await second.outbox.drain(1000);
    await second.outbox.close();
    expect((await readSavedState(file)).outbox.queue).toHaveLength(0);
  });

  it('maxAgeMs drops old actions at resume, with a warning', async () => {
    const file = path.join(dir, 'outbox.log');
    const first = setup({ limits: false }, file);
    first.outbox.pause();
    void first.outbox.submit(text('a', 1)).catch(() => undefined);
    await first.clock.advance(0);
    await first.outbox.close();
    const second = setup({ limits: false, maxAgeMs: 60_000 }, file);
    second.clock.t += 120_000;
    await second.outbox.load();
    await second.clock.advance(0);
    expect(second.calls).toHaveLength(0);
    expect(second.outbox.size).toBe(0);
    // Dropping the expired action rewrites the file in the background: let it finish.
    await second.outbox.close();
  });

  it('the same idempotency key acts once, also across a restart', async () => {
    const file = path.join(dir, 'outbox.log');
    const first = setup({ limits: false }, file);
    const r1 = await withIdempotencyScope('msg:42', async () => {
      const a = first.outbox.submit(text('a', 1));
      await first.clock.advance(0);
      return a;
    });
    expect(r1).toBe('ok');
    await first.outbox.close();

    const second = setup({ limits: false }, file);
    await second.outbox.load();
    // The message is handled again after a crash: its first action has the same key.
    const again = withIdempotencyScope('msg:42', () => second.outbox.submit(text('a', 1)));
    const fresh = withIdempotencyScope('msg:42', () => {
      void second.outbox.submit(text('a', 1)).catch(() => undefined);
      return second.outbox.submit(text('a', 2)); // msg:42#1: new
    });
    await second.clock.advance(0);
    await expect(again).resolves.toBe('ok');
    await fresh;
    expect(second.calls.map((c) => c.payload)).toEqual([{ n: 2 }]);
    await second.outbox.close();
  });

  it("forget drops one message's outcomes only; forgetScopes after a restart drops the finished messages'", async () => {
    const file = path.join(dir, 'outbox.log');
    const first = setup({ limits: false }, file);
    for (const scope of ['msg:1', 'msg:10', 'msg:2', 'job:7']) {
      const sent = withIdempotencyScope(scope, () => first.outbox.submit(text(scope, 0)));
      await first.clock.advance(0);
      await sent;
    }
    // msg:1 is handled: its outcomes go, msg:10's (same digits, longer id) stay.
    first.outbox.forget('msg:1#');
    const again = (o: typeof first.outbox, scope: string) => withIdempotencyScope(scope, () => o.submit(text(scope, 1)));
    const r1 = again(first.outbox, 'msg:1');
    const r10 = again(first.outbox, 'msg:10');
    await first.clock.advance(0);
    await Promise.all([r1, r10]);
    expect(first.calls.map((c) => c.payload)).toEqual([{ n: 0 }, { n: 0 }, { n: 0 }, { n: 0 }, { n: 1 }]);
    await first.outbox.close();

    // After a restart only msg:2 can replay: the other messages' outcomes are dropped, job:7's kept.
    const second = setup({ limits: false }, file);
    await second.outbox.load();
    second.outbox.forgetScopes((scope) => scope.startsWith('msg:') && scope !== 'msg:2#');
    const replies = ['msg:2', 'msg:10', 'job:7'].map((scope) => again(second.outbox, scope));
    await second.clock.advance(0);
    await Promise.all(replies);
    expect(second.calls.map((c) => c.payload)).toEqual([{ n: 1 }]);
    await second.outbox.close();
  });
});
