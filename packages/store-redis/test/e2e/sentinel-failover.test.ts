import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bot, definePlugin } from '@wxbot/core';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { acquireLease, connectRedis, openRedisStore, type RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisCli, redisSuiteTitle, startRedisSentinelGroup, type RedisSentinelGroup } from '@wxbot/testkit';
import { until } from '../helpers/until';

// A master, three replicas and three Sentinels (real redis-server processes). The master is
// SIGKILLed in the middle of a flood; the Sentinels promote a replica; the store finds the new
// master by itself. With wait=1 nothing acknowledged is lost, the lease and its fencing token
// survive the failover, and a bot on the simulator answers every message exactly once.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('Redis Sentinel failover'), () => {
  let group: RedisSentinelGroup;
  beforeAll(async () => {
    // Three replicas: two failovers (one per test) still leave one for wait=1.
    group = await startRedisSentinelGroup({ replicas: 3, sentinels: 3 });
  }, 60_000);
  afterAll(() => group.close());

  /** SIGKILL the node that is master now; resolves with the new master's port once promoted. */
  async function killMaster(): Promise<number> {
    const port = await group.masterPort();
    await group.nodes.find((n) => n.port === port)!.kill();
    return group.waitForFailover(port);
  }

  it('a store loses no acknowledged write (wait=1), writes each once, and keeps its lease and fencing token', async () => {
    const errors: Error[] = [];
    const url = group.url('wait=1');
    const store: RedisStateStore = await openRedisStore(url, { account: 'flood', onError: (err) => errors.push(err) });
    await store.open();
    const acked = new Set<number>();
    let next = 0;
    let stop = false;
    // Eight writers, as a bot's concurrent handlers: each record appended once, awaited.
    const writers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const i = next++;
        await store.append('msg', i);
        acked.add(i);
      }
    });
    await until(() => acked.size >= 300, 'the first writes');
    const promoted = await killMaster();
    const atFailover = acked.size;
    await until(() => acked.size >= atFailover + 300, 'writes on the new master');
    stop = true;
    await Promise.all(writers);
    expect(errors.length).toBeGreaterThan(0);
    expect(store.lease.lost).toBe(false);

    // Another worker: the lease survived the failover, so the account is refused to it...
    const other = await connectRedis(url);
    try {
      await expect(acquireLease(other, 'flood', { owner: 'other' })).rejects.toMatchObject({ code: 'WXBOT_LEASE_HELD' });
      await store.release();
      // ...and once released, its token is above the one used before (the fence counter survived).
      const lease = await acquireLease(other, 'flood', { owner: 'other' });
      expect(lease.token).toBeGreaterThan(store.lease.token);
      await lease.release();
    } finally {
      other.disconnect();
    }

    // Read back from the new master: every acknowledged record, none twice.
    const lines = (await redisCli(promoted, 'LRANGE', 'wxbot:{flood}:log', '0', '-1')).split('\n');
    const written = lines.map((line) => Number(line.split('\t')[1]));
    expect(new Set(written).size).toBe(written.length);
    const missing = [...acked].filter((i) => !written.includes(i));
    expect(missing).toEqual([]);
  }, 90_000);

  it('a bot on the simulator answers every message exactly once across a failover', async () => {
    const sim: Simulator = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10 });
    const home = mkdtempSync(path.join(tmpdir(), 'wxbot-home-'));
    const errors: Error[] = [];
    const store = await openRedisStore(group.url('wait=1'), { account: 'bot', onError: (err) => errors.push(err) });
    const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => `re:${ctx.message.text}`) });
    const bot = new Bot({ endpoint: sim.url, home, store, plugins: [echo], longPollTimeoutMs: 3000, loginPollTimeoutMs: 3000, backoff: { baseMs: 20, capMs: 200 }, stopTimeoutMs: 3000, outbox: { limits: false } });
    const texts = Array.from({ length: 60 }, (_, i) => `failover-${i}`);
    const replies = (): number => new Set(sim.sent().map((s) => s.content).filter((c) => c.startsWith('re:failover-'))).size;
    try {
      await bot.start();
      for (const text of texts.slice(0, 30)) sim.injectText({ from: 'Alice', text });
      await until(() => replies() >= 10, 'the first replies');
      const killed = killMaster();
      for (const text of texts.slice(30)) sim.injectText({ from: texts.indexOf(text) % 2 ? 'Bob' : 'Alice', text });
      await killed;
      await until(() => replies() === texts.length, 'every reply after the failover');
      // A repeat would come now, if at all.
      await new Promise((r) => setTimeout(r, 300));
      for (const text of texts) expect(sim.sent().filter((s) => s.content === `re:${text}`)).toHaveLength(1);
      expect(errors.length).toBeGreaterThan(0);
      expect(store.lease.lost).toBe(false);
    } finally {
      await bot.stop();
      await store.release();
      await sim.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 90_000);
});
