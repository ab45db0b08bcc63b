import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bot, definePlugin } from '@wxbot/core';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { openRedisStore, type RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { until } from '../helpers/until';

// A bot on the simulator with its state in a real redis-server, which is stopped in the middle of
// a flood of messages and started again: the bot pauses (its appends wait), then resumes; every
// message gets exactly one reply.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('Redis lost while the bot runs'), () => {
  let server: RedisServer;
  let sim: Simulator;
  let home: string;
  beforeAll(async () => {
    // appendfsync always: an acknowledged write is on disk, so even a SIGKILLed Redis loses none.
    server = await startRedisServer({ appendfsync: 'always' });
    sim = await startSimulator({ longPollMs: 200, loginPollMs: 200, autoConfirm: true, autoConfirmDelayMs: 10 });
    home = mkdtempSync(path.join(tmpdir(), 'wxbot-home-'));
  });
  afterAll(async () => {
    await sim.close();
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  const flood = async (account: string, end: () => Promise<void>): Promise<void> => {
    const errors: Error[] = [];
    const store: RedisStateStore = await openRedisStore(server.url, { account, onError: (err) => errors.push(err) });
    const echo = definePlugin({ name: 'echo', setup: (api) => api.on('text', (ctx) => `re:${ctx.message.text}`) });
    const bot = new Bot({ endpoint: sim.url, home, store, plugins: [echo], longPollTimeoutMs: 3000, loginPollTimeoutMs: 3000, backoff: { baseMs: 20, capMs: 200 }, stopTimeoutMs: 3000, outbox: { limits: false } });
    const texts = Array.from({ length: 60 }, (_, i) => `${account}-${i}`);
    const replies = (): number => new Set(sim.sent().map((s) => s.content).filter((c) => c.startsWith(`re:${account}-`))).size;
    try {
      await bot.start();
      for (const text of texts.slice(0, 30)) sim.injectText({ from: 'Alice', text });
      await until(() => replies() >= 10, 'the first replies', 20_000);
      await end();
      for (const text of texts.slice(30)) sim.injectText({ from: texts.indexOf(text) % 2 ? 'Bob' : 'Alice', text });
      await until(() => errors.length > 0, 'the store to report the outage', 20_000);
      await server.start();
      await until(() => replies() === texts.length, 'every reply after Redis is back', 20_000);
      // A repeat would come now, if at all.
      await new Promise((r) => setTimeout(r, 300));
      for (const text of texts) expect(sim.sent().filter((s) => s.content === `re:${text}`)).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/pauses and retries until Redis answers/);
      expect(store.lease.lost).toBe(false);
    } finally {
      await bot.stop();
      await store.release();
    }
  };

  it('stopped (SIGTERM) and restarted mid-flood: the account pauses, resumes, and answers every message once', () => flood('stopped', () => server.stop()), 60_000);

  it('killed (SIGKILL) and restarted mid-flood, appendfsync always: every message answered once', () => flood('killed', () => server.kill()), 60_000);
});
