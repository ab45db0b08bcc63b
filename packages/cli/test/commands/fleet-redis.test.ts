import path from 'node:path';
import pino from 'pino';
import { addAccount, connectRedis, listAccounts } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { fleet } from '../../src/commands/fleet';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

// `wxbot fleet --store redis://…` in process (the failover across processes:
// fleet/redis-fleet.process.test.ts).

const d = findRedisServer() ? describe : describe.skip;

/** Waits for `check`, failing after `ms` (so a broken fleet fails here instead of hanging). */
async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

d(redisSuiteTitle('wxbot fleet --store redis://…'), () => {
  let server: RedisServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startRedisServer();
    cwd = await tempProject({ 'bot.config.json': { plugins: ['echo'], outbox: { limits: false } }, 'other.config.json': { plugins: [['echo', { prefix: 'B: ' }]], outbox: { limits: false } } });
  });
  afterAll(async () => {
    await server?.close();
    await removeTempProjects();
  });

  it('runs the accounts of wxbot accounts, each with the config it was added with (else the worker\'s), state in Redis', async () => {
    const redis = await connectRedis(server.url);
    const running = await fleet(['--store', server.url, '--config', 'bot.config.json', '--add', 'plain', '--sim', '2', '--owner', 'w1'], { cwd, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) });
    try {
      await addAccount(redis, 'own', { config: path.join(cwd, 'other.config.json') });
      await running.supervisor.scan();
      await until('both accounts ready', () => running.supervisor.accounts().length === 2 && running.supervisor.accounts().every((a) => a.ready));
      const sim = running.sim;
      if (!sim) throw new Error('no simulator');
      // The worker's config is recorded for the account it registered; it holds both leases.
      expect((await listAccounts(redis)).map((a) => [a.name, a.owner, a.config])).toEqual([
        ['own', 'w1', path.join(cwd, 'other.config.json')],
        ['plain', 'w1', path.join(cwd, 'bot.config.json')],
      ]);
      for (const n of sim.accounts()) sim.account(n).injectText({ from: sim.account(n).state().friends[0]?.nickName as string, text: `hi ${n}` });
      const replies = (): string[] => sim.accounts().flatMap((n) => sim.account(n).sent().map((s) => s.content)).sort();
      await until('both replies', () => replies().length >= 2);
      // One account answers with the other config's echo prefix.
      expect(replies().map((t) => t.replace(/account-\d/, 'N'))).toEqual(['B: hi N', 'hi N']);
      // The session is in Redis (the account's log), not in a home on this machine.
      expect(await redis.llen('wxbot:{own}:log')).toBeGreaterThan(0);
    } finally {
      await running.stop();
    }
    expect((await listAccounts(redis)).map((a) => a.owner)).toEqual([null, null]);
    redis.disconnect();
  }, 30_000);
});
