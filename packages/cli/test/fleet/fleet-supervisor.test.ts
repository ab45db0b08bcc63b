import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bot } from '@wxbot/core';
import { echo } from '@wxbot/plugin-echo';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { FileFleetStore } from '../../src/fleet/file-fleet-store';
import { FleetSupervisor, type FleetEvent } from '../../src/fleet/fleet-supervisor';

/** Two workers sharing one fleet directory, real Bots against a four-account simulator. */
describe('FleetSupervisor', () => {
  let sim: Simulator;
  let dir: string;
  const workers: FleetSupervisor[] = [];
  beforeEach(async () => {
    sim = await startSimulator({ accounts: 4, autoConfirm: true, autoConfirmDelayMs: 1, longPollMs: 500 });
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-'));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A worker whose bots count QR codes per account; `events` collects what it reports. */
  const bots = new Map<string, Bot>();
  function worker(owner: string, maxAccounts: number, qr: Map<string, number>, events: FleetEvent[]) {
    const w = new FleetSupervisor({
      store: new FileFleetStore(dir),
      owner,
      maxAccounts,
      // Not shorter: on a loaded machine (2 cores, load 15+) renewals every 100 ms of a 300 ms
      // lease came late enough for w2 to take a live account of w1.
      ttlMs: 1_000,
      scanIntervalMs: 50,
      // Claiming and failover only: rebalancing (below) would move w1's third account to w2.
      maxHandOffsPerScan: 0,
      createBot: (account, claim) => {
        const bot = new Bot({ endpoint: sim.url, home: claim.home, login: { resume: true, pushLogin: false } });
        bot.on('qr', () => qr.set(account, (qr.get(account) ?? 0) + 1));
        bots.set(account, bot);
        return bot;
      },
      onEvent: (e) => events.push(e),
    });
    workers.push(w);
    return w;
  }
  const readyCount = (events: FleetEvent[]) => events.filter((e) => e.type === 'ready').length;
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((r) => setTimeout(r, 20));
  };
  const liveSessions = () => sim.accounts().filter((n) => sim.account(n).state().session?.ended === undefined && sim.account(n).state().session !== undefined);

  it('spreads registered accounts over two workers, and a dead worker’s accounts move to the other with their sessions', async () => {
    const store = new FileFleetStore(dir);
    for (const name of ['a', 'b', 'c', 'd']) await store.register(name);
    const qr = new Map<string, number>();
    const e1: FleetEvent[] = [];
    const e2: FleetEvent[] = [];
    const w1 = worker('w1', 3, qr, e1);
    const w2 = worker('w2', 4, qr, e2);
    await w1.start();
    await w2.start();
    await until(() => readyCount(e1) + readyCount(e2) === 4);
    expect(w1.accounts()).toHaveLength(3);
    expect(w2.accounts().map((a) => a.account)).toHaveLength(1);
    // Each account logged into its own simulator account, with one QR code each.
    expect(liveSessions()).toHaveLength(4);
    expect([...qr.values()]).toEqual([1, 1, 1, 1]);
    expect(await store.holders()).toEqual(new Map([...w1.accounts().map((a) => [a.account, 'w1'] as const), ...w2.accounts().map((a) => [a.account, 'w2'] as const)]));

    // w1 dies (no release): once its leases expire, w2 takes its accounts with larger tokens and
    // resumes their saved sessions: no new QR code.
    const moved = w1.accounts();
    await w1.stop({ release: false });
    await until(() => readyCount(e2) === 4);
    expect(w2.accounts().map((a) => a.account).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const { account, token } of moved) expect(w2.accounts().find((a) => a.account === account)?.token).toBeGreaterThan(token);
    expect([...qr.values()]).toEqual([1, 1, 1, 1]);
    expect(liveSessions()).toHaveLength(4);
    // A worker that stops gives its accounts back at once.
    await w2.stop();
    expect(await store.holders()).toEqual(new Map());
    expect(e2.filter((e) => e.type === 'released')).toHaveLength(4);
  }, 30_000);

  it('stops a bot whose lease another worker took', async () => {
    const store = new FileFleetStore(dir);
    await store.register('solo');
    const events: FleetEvent[] = [];
    const w = worker('w1', 1, new Map(), events);
    await w.start();
    await until(() => readyCount(events) === 1);
    // Another worker, paused past the TTL from w1's point of view, takes the account: w1's next
    // renewal finds a larger token and stops the bot.
    const lease = JSON.parse(readFileSync(path.join(dir, 'solo', 'lease.json'), 'utf8')) as { token: number };
    writeFileSync(path.join(dir, 'solo', 'lease.json'), JSON.stringify({ owner: 'intruder', token: lease.token + 1, expiresAt: Date.now() + 60_000 }));
    await until(() => events.some((e) => e.type === 'lost'));
    expect(w.accounts()).toEqual([]);
    await until(() => bots.get('solo')?.state === 'stopped');
    expect(await store.holders()).toEqual(new Map([['solo', 'intruder']]));
  }, 30_000);

  it('a bot that logs out by itself: its account is released at the next scan and claimed again (a new QR) after retryAfterMs', async () => {
    const store = new FileFleetStore(dir);
    await store.register('solo');
    const events: FleetEvent[] = [];
    let logins = 0;
    const w = new FleetSupervisor({
      store,
      owner: 'w1',
      maxAccounts: 1,
      ttlMs: 1_000,
      scanIntervalMs: 50,
      retryAfterMs: 300,
      createBot: (account, claim) => {
        const bot = new Bot({ endpoint: sim.url, home: claim.home, login: { resume: true, pushLogin: false } });
        bot.on('login', () => logins++);
        bots.set(account, bot);
        return bot;
      },
      onEvent: (e) => events.push(e),
    });
    workers.push(w);
    await w.start();
    await until(() => readyCount(events) === 1);
    await bots.get('solo')?.logout();
    // Noticed at the next scan: released (no holder), reported, then left alone for retryAfterMs.
    await until(() => events.some((e) => e.type === 'ended'));
    expect(w.accounts()).toEqual([]);
    expect(await store.holders()).toEqual(new Map());
    // Claimed again: the saved session is gone with the logout, so it logs in anew.
    await until(() => readyCount(events) === 2);
    expect(events.map((e) => e.type)).toEqual(['claimed', 'ready', 'ended', 'claimed', 'ready']);
    expect(logins).toBe(2);
    expect(w.accounts().map((a) => a.account)).toEqual(['solo']);
  });
});

/**
 * Rebalancing: real echo Bots on a six-account simulator, workers sharing one fleet directory.
 * The three tests take ~6 s here (most of it the logins and bots stopping to hand over).
 */
describe('FleetSupervisor rebalancing', () => {
  let sim: Simulator;
  let dir: string;
  const workers: FleetSupervisor[] = [];
  beforeEach(async () => {
    sim = await startSimulator({ accounts: 6, autoConfirm: true, autoConfirmDelayMs: 1, longPollMs: 300 });
    dir = mkdtempSync(path.join(tmpdir(), 'wxbot-fleet-'));
    logins.length = 0;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Login method per account, every login (a QR login is a new session; a resume keeps it). */
  const logins: Array<{ account: string; method: string }> = [];
  const events = new Map<string, FleetEvent[]>();
  function worker(owner: string, maxAccounts: number) {
    const list: FleetEvent[] = [];
    events.set(owner, list);
    const w = new FleetSupervisor({
      store: new FileFleetStore(dir),
      owner,
      maxAccounts,
      ttlMs: 1_000,
      scanIntervalMs: 50,
      worker: () => ({ url: `http://${owner}.example:7000` }),
      createBot: (account, claim) => {
        // Pacing off: the flood is answered at once, so hand-overs land among sends in flight.
        const bot = new Bot({ endpoint: sim.url, home: claim.home, login: { resume: true, pushLogin: false }, outbox: { limits: false }, plugins: [echo({})] });
        bot.on('login', ({ method }) => logins.push({ account, method }));
        return bot;
      },
      onEvent: (e) => list.push(e),
    });
    workers.push(w);
    return w;
  }
  const ready = (w: FleetSupervisor) => w.accounts().filter((a) => a.ready).length;
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((r) => setTimeout(r, 20));
  };
  const of = (owner: string, type: FleetEvent['type']) => (events.get(owner) ?? []).filter((e) => e.type === type).map((e) => e.account);
  async function register(n: number): Promise<string[]> {
    const store = new FileFleetStore(dir);
    const names = Array.from({ length: n }, (_, i) => `acct-${i + 1}`);
    for (const name of names) await store.register(name);
    return names;
  }
  /** Several scans of every worker, one after another: what a settled fleet does over time. */
  async function scans(n: number): Promise<void> {
    for (let i = 0; i < n; i++) for (const w of workers) await w.scan();
  }

  it('a worker joins a worker holding 6: they settle at 3/3, the moved accounts resume (no QR), every message answered once', async () => {
    const names = await register(6);
    const a = worker('a', 100);
    await a.start();
    await until(() => ready(a) === 6);
    const sids = sim.accounts().map((n) => sim.account(n).state().session?.sid);
    expect(sids.every((s) => s !== undefined)).toBe(true);
    expect(logins.map((l) => l.method)).toEqual(Array(6).fill('qr'));

    // B joins while messages keep arriving on every account.
    const sent: string[] = [];
    let round = 0;
    const inject = (): void => {
      for (const n of sim.accounts()) {
        const text = `${n}/m${round}`;
        sim.account(n).injectText({ from: sim.account(n).state().friends[0]?.nickName as string, text });
        sent.push(text);
      }
      round++;
    };
    const b = worker('b', 100);
    inject();
    await b.start();
    // The store lists both workers, with the URL each one's hook gave.
    expect((await new FileFleetStore(dir).workers()).map((w) => [w.owner, w.url, w.maxAccounts])).toEqual([
      ['a', 'http://a.example:7000', 100],
      ['b', 'http://b.example:7000', 100],
    ]);
    while (!(ready(a) === 3 && ready(b) === 3)) {
      inject();
      await new Promise((r) => setTimeout(r, 100));
    }
    inject();
    const answered = (): Map<string, number> => {
      const count = new Map<string, number>();
      for (const n of sim.accounts()) for (const s of sim.account(n).sent()) count.set(s.content, (count.get(s.content) ?? 0) + 1);
      return count;
    };
    await until(() => sent.every((t) => answered().has(t)));

    // A handed three accounts over (a few per scan), B claimed exactly those and resumed them.
    const moved = of('a', 'handed-off').sort();
    expect(moved).toHaveLength(3);
    expect(b.accounts().map((x) => x.account).sort()).toEqual(moved);
    expect(a.accounts().map((x) => x.account).sort()).toEqual(names.filter((n) => !moved.includes(n)));
    expect(logins.slice(6).map((l) => [l.account, l.method]).sort()).toEqual(moved.map((m) => [m, 'resume']));
    expect(sim.accounts().map((n) => sim.account(n).state().session?.sid)).toEqual(sids);
    // Settled: more scans move nothing.
    await scans(5);
    expect(of('a', 'handed-off')).toHaveLength(3);
    expect(of('b', 'handed-off')).toEqual([]);

    // Stopped (the outboxes drained), every message was answered exactly once, nothing else.
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    expect(await new FileFleetStore(dir).workers()).toEqual([]);
    const count = answered();
    expect(sent.filter((t) => count.get(t) !== 1).map((t) => `${t}: ${count.get(t) ?? 0}`)).toEqual([]);
    expect([...count.keys()].filter((t) => !sent.includes(t))).toEqual([]);
    expect(round).toBeGreaterThan(1);
  }, 30_000);

  it('a stable fleet moves nothing: 5 accounts settle at 3/2 and stay over many scans', async () => {
    await register(5);
    const a = worker('a', 100);
    await a.start();
    await until(() => ready(a) === 5);
    const b = worker('b', 100);
    await b.start();
    await until(() => ready(a) === 3 && ready(b) === 2);
    const before = [a.accounts(), b.accounts()];
    await scans(10);
    expect([a.accounts(), b.accounts()]).toEqual(before);
    expect(of('a', 'handed-off')).toHaveLength(2);
    expect([...of('b', 'handed-off'), ...of('a', 'lost'), ...of('b', 'lost')]).toEqual([]);
    expect(of('a', 'claimed')).toHaveLength(5);
    expect(of('b', 'claimed')).toHaveLength(2);
  }, 30_000);

  it("respects a joining worker's maxAccounts: 6 accounts settle at 4/2", async () => {
    await register(6);
    const a = worker('a', 100);
    await a.start();
    await until(() => ready(a) === 6);
    const small = worker('small', 2);
    await small.start();
    await until(() => ready(a) === 4 && ready(small) === 2);
    await scans(5);
    expect([a.accounts().length, small.accounts().length]).toEqual([4, 2]);
    expect(of('a', 'handed-off')).toHaveLength(2);
    expect(of('small', 'claimed')).toHaveLength(2);
    expect(logins.filter((l) => l.method === 'qr')).toHaveLength(6);
  }, 30_000);
});
