import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bot } from '@wxbot/core';
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
      ttlMs: 300,
      scanIntervalMs: 50,
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
});
