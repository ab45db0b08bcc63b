import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { acquireLease, connectRedis, recordWorker } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { accounts } from '../../src/commands/accounts';
import { start } from '../../src/commands/start';
import { removeTempProjects, tempProject } from '../helpers/temp-project';

// `wxbot accounts` and `wxbot start --store` against a real redis-server.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('wxbot accounts and start --store'), () => {
  let server: RedisServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startRedisServer();
    cwd = await tempProject({ 'bot.config.json': {}, 'other.config.json': { plugins: ['echo'] } });
  });
  afterAll(async () => {
    await server.close();
    await removeTempProjects();
  });

  const run = async (...argv: string[]): Promise<string> => {
    let out = '';
    await accounts([...argv, '--store', server.url], { cwd, env: {}, write: (t) => void (out += t) });
    return out;
  };
  const row = (out: string, name: string): string[] => out.split('\n').find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/) ?? [];

  it('add, list (owner, state, heartbeat), remove (refused while running)', async () => {
    expect(await run('add', 'sales-1', '--config', 'bot.config.json')).toContain('account "sales-1" added');
    await run('add', 'sales-2', '--config', 'other.config.json');
    let out = await run('list');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+OWNER\s+STATE\s+HEARTBEAT\s+GOVERNOR\s+CONFIG$/);
    expect(row(out, 'sales-1')).toEqual(['sales-1', '-', 'stopped', '-', '-', path.join(cwd, 'bot.config.json')]);

    const redis = await connectRedis(server.url);
    const lease = await acquireLease(redis, 'sales-2', { owner: 'worker-7' });
    try {
      out = await run('list');
      expect(row(out, 'sales-2').slice(0, 4)).toEqual(['sales-2', 'worker-7', 'running', expect.stringMatching(/^\d+ s ago$/)]);
      await expect(run('remove', 'sales-2')).rejects.toMatchObject({ code: 'WXBOT_LEASE_HELD', message: expect.stringContaining('worker-7') });
    } finally {
      await lease.release();
      redis.disconnect();
    }
    expect(await run('remove', 'sales-2')).toContain('removed');
    expect(row(await run('list'), 'sales-2')).toEqual([]);
  });

  it('workers: the live fleet workers from their heartbeats; list shows an account\'s worker with its URL', async () => {
    await run('add', 'sales-3', '--config', 'bot.config.json');
    const redis = await connectRedis(server.url);
    const lease = await acquireLease(redis, 'sales-3', { owner: 'worker-a' });
    try {
      const now = Date.now();
      await recordWorker(redis, { owner: 'worker-a', startedAt: now - 60_000, heartbeatAt: now, ttlMs: 15_000, accounts: 1, maxAccounts: 50, url: 'http://10.0.0.5:7070', version: '1.2.3' });
      await recordWorker(redis, { owner: 'worker-b', startedAt: now, heartbeatAt: now, ttlMs: 15_000, accounts: 0, maxAccounts: 100, version: '1.2.3' });
      // Its heartbeat expired: gone (a killed worker).
      await recordWorker(redis, { owner: 'worker-dead', startedAt: now - 90_000, heartbeatAt: now - 20_000, ttlMs: 15_000, accounts: 4, maxAccounts: 100, version: '1.2.3' });
      const out = await run('workers');
      expect(out.split('\n')[0]).toMatch(/^OWNER\s+ACCOUNTS\s+MAX\s+HEARTBEAT\s+STARTED\s+VERSION\s+URL$/);
      expect(row(out, 'worker-a')).toEqual(['worker-a', '1', '50', '0 s ago', '60 s ago', '1.2.3', 'http://10.0.0.5:7070']);
      expect(row(out, 'worker-b')).toEqual(['worker-b', '0', '100', '0 s ago', '0 s ago', '1.2.3', '-']);
      expect(row(out, 'worker-dead')).toEqual([]);
      expect(row(await run('list'), 'sales-3').slice(0, 3)).toEqual(['sales-3', 'worker-a (http://10.0.0.5:7070)', 'running']);
    } finally {
      await lease.release();
      await run('remove', 'sales-3');
      redis.disconnect();
    }
  });

  it('bad usage and a missing store are refused with the fix', async () => {
    await expect(run('add', 'x')).rejects.toThrow(/needs --config FILE/);
    await expect(run('frobnicate')).rejects.toThrow(/add NAME --config FILE, list, or remove NAME/);
    await expect(accounts(['list'], { cwd, env: {}, write: () => undefined })).rejects.toThrow(/no Redis store: pass --store/);
  });

  it('wxbot start --store --account: runs on the Redis store, listed as running; a second worker gets WXBOT_LEASE_HELD', async () => {
    const io = { cwd, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) };
    const started = await start(['--sim', '--store', server.url, '--account', 'cli-1', '--home', path.join(cwd, 'home-1')], io);
    try {
      expect(row(await run('list'), 'cli-1').slice(0, 3)).toEqual(['cli-1', expect.stringMatching(/:\d+$/), 'running (running)']);
      await expect(start(['--sim', '--store', server.url, '--account', 'cli-1', '--home', path.join(cwd, 'home-2')], io)).rejects.toMatchObject({ code: 'WXBOT_LEASE_HELD' });
    } finally {
      await started.stop();
    }
    expect(row(await run('list'), 'cli-1').slice(0, 3)).toEqual(['cli-1', '-', 'stopped']);
  });

  it('wxbot start with a Redis that does not answer: WXBOT_STORE_UNREACHABLE naming the URL', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((r) => probe.close(r));
    const io = { cwd, env: {}, write: () => undefined, logger: pino({ level: 'silent' }) };
    await expect(start(['--sim', '--store', `redis://127.0.0.1:${port}/0`, '--home', path.join(cwd, 'home-3')], io)).rejects.toMatchObject({ code: 'WXBOT_STORE_UNREACHABLE', message: expect.stringContaining(`redis://127.0.0.1:${port}/0`) });
  });
});
