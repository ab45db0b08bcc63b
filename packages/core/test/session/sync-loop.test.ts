import pino from 'pino';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import type { SyncResponse, SyncState } from '@wxbot/protocol';
import { SyncLoop, type SyncLoopOptions } from '../../src/session/sync-loop';
import { login, syncUntil, type LoggedIn } from '../../../protocol/test/helpers/sim-login';
import { flush } from '../fixtures/bot';

// The sync loop against a real simulator session: what it does with batches, keys, the end of a
// session, errors and an abort. No bot around it: onBatch and reinit are the test's.

const log = pino({ level: 'silent' });
let sim: Simulator;
let s: LoggedIn;

beforeEach(async () => {
  sim = await startSimulator({ longPollMs: 300 });
  s = await login(sim);
  // The conversation list (MsgType 51) the server sends after login: out of the way first.
  await syncUntil(s, (all) => all.AddMsgList.some((m) => m.MsgType === 51));
});
afterEach(async () => {
  await sim.close();
  s.http.close();
});

function loop(overrides: Partial<SyncLoopOptions> & Pick<SyncLoopOptions, 'signal'>): { loop: SyncLoop; batches: Array<{ res: SyncResponse; next: SyncState; keysBefore: SyncState }> } {
  const batches: Array<{ res: SyncResponse; next: SyncState; keysBefore: SyncState }> = [];
  const l: SyncLoop = new SyncLoop(
    {
      ctx: s.ctx,
      log,
      reinit: async () => undefined,
      onBatch: async (res, next) => {
        batches.push({ res, next, keysBefore: l.keys });
      },
      backoff: { baseMs: 10, capMs: 20 },
      ...overrides,
    },
    s.sync,
  );
  return { loop: l, batches };
}

it('hands each batch over with the next keys, and moves to them only after onBatch resolved', async () => {
  const controller = new AbortController();
  const { loop: l, batches } = loop({
    signal: controller.signal,
    onBatch: async (res, next) => {
      batches.push({ res, next, keysBefore: l.keys });
      if (batches.flatMap((b) => b.res.AddMsgList).length >= 2) controller.abort();
    },
  });
  const run = l.run();
  sim.injectText({ from: 'Alice', text: 'one' });
  sim.injectText({ from: 'Bob', text: 'two' });
  expect(await run).toEqual({ reason: 'stopped' });
  const texts = batches.flatMap((b) => b.res.AddMsgList.map((m) => m.Content));
  expect(texts).toEqual(['one', 'two']);
  // The first batch saw the loop still on the initial keys; afterwards the loop holds the last `next`.
  expect(batches[0]?.keysBefore).toBe(s.sync);
  expect(l.keys).toBe(batches[batches.length - 1]?.next);
  expect(l.keys.syncKey).not.toEqual(s.sync.syncKey);
});

it('ends with the logout code when the server ends the session', async () => {
  const { loop: l } = loop({ signal: new AbortController().signal });
  const run = l.run();
  sim.forceLogout(1101);
  const end = await run;
  expect(end).toMatchObject({ reason: 'logout', code: 1101 });
});

it('backs off on server errors and carries on: the message after the fault still arrives', async () => {
  const controller = new AbortController();
  const { loop: l, batches } = loop({
    signal: controller.signal,
    onBatch: async (res, next) => {
      batches.push({ res, next, keysBefore: l.keys });
      if (res.AddMsgList.length > 0) controller.abort();
    },
  });
  sim.faults.add({ type: 'http', kind: 'synccheck', times: 2 });
  const run = l.run();
  sim.injectText({ from: 'Alice', text: 'after the fault' });
  expect(await run).toEqual({ reason: 'stopped' });
  expect(batches.flatMap((b) => b.res.AddMsgList.map((m) => m.Content))).toEqual(['after the fault']);
  expect(sim.faults.list()).toHaveLength(0);
});

it('a batch that fails to apply is fetched again with the same keys (nothing skipped)', async () => {
  const controller = new AbortController();
  let calls = 0;
  const seen: string[] = [];
  const { loop: l } = loop({
    signal: controller.signal,
    onBatch: async (res) => {
      calls += 1;
      if (calls === 1 && res.AddMsgList.length > 0) throw new Error('disk full');
      seen.push(...res.AddMsgList.map((m) => m.Content));
      if (seen.length > 0) controller.abort();
    },
  });
  const initial = l.keys;
  const run = l.run();
  sim.injectText({ from: 'Alice', text: 'kept' });
  await run;
  expect(seen).toEqual(['kept']);
  expect(l.keys).not.toBe(initial);
});

it('stops at once when aborted during the long poll', async () => {
  const controller = new AbortController();
  const { loop: l, batches } = loop({ signal: controller.signal });
  const run = l.run();
  setTimeout(() => controller.abort(), 50);
  expect(await run).toEqual({ reason: 'stopped' });
  expect(batches).toHaveLength(0);
});

it('re-initialises with its current keys when no synccheck succeeded for watchdogMs', async () => {
  const controller = new AbortController();
  const reinits: SyncState[] = [];
  const { loop: l } = loop({
    signal: controller.signal,
    watchdogMs: 1,
    reinit: async (keys) => {
      reinits.push(keys);
      controller.abort();
    },
  });
  // Every synccheck fails: the watchdog must fire on a later round.
  sim.faults.add({ type: 'http', kind: 'synccheck', times: 'always' });
  await l.run();
  expect(reinits).toHaveLength(1);
  expect(reinits[0]).toBe(l.keys);
});

it('polls no further while ready() is pending (back-pressure), then fetches what waited on the server', async () => {
  const controller = new AbortController();
  // Every HTTP request the loop starts, counted where it leaves the loop.
  const requests: string[] = [];
  const real = s.ctx.http;
  const http = new Proxy(real, {
    get(target, prop) {
      if (prop === 'request') return (opts: Parameters<typeof real.request>[0]) => (requests.push(opts.endpoint), target.request(opts));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldNow!: () => void;
  const holding = new Promise<void>((resolve) => (heldNow = resolve));
  let calls = 0;
  const { loop: l, batches } = loop({
    ctx: { ...s.ctx, http },
    signal: controller.signal,
    ready: () => {
      calls += 1;
      if (calls !== 2) return undefined;
      heldNow();
      return held;
    },
    onBatch: async (res, next) => {
      batches.push({ res, next, keysBefore: l.keys });
      if (res.AddMsgList.some((m) => m.Content === 'second')) controller.abort();
    },
  });
  sim.injectText({ from: 'Alice', text: 'first' });
  const run = l.run();
  await holding; // the first batch was handed over, and the loop asked whether it may go on
  const before = requests.length;
  sim.injectText({ from: 'Bob', text: 'second' });
  // A loop ignoring ready() would start its synccheck within these turns, without any I/O wait.
  for (let i = 0; i < 5; i++) await flush();
  const polledMeanwhile = requests.length - before;
  const handedOver = batches.flatMap((b) => b.res.AddMsgList.map((m) => m.Content));
  if (polledMeanwhile > 0) controller.abort(); // fail below without leaving the loop running
  expect(polledMeanwhile).toBe(0);
  expect(handedOver).toEqual(['first']);
  release();
  expect(await run).toEqual({ reason: 'stopped' });
  expect(requests.slice(before, before + 2)).toEqual(['synccheck', 'webwxsync']);
  expect(batches.flatMap((b) => b.res.AddMsgList.map((m) => m.Content))).toEqual(['first', 'second']);
});

it('a stop while ready() is pending ends the loop at once', async () => {
  const controller = new AbortController();
  const { loop: l, batches } = loop({ signal: controller.signal, ready: () => new Promise<void>(() => undefined) });
  const run = l.run();
  controller.abort();
  expect(await run).toEqual({ reason: 'stopped' });
  expect(batches).toHaveLength(0);
});
