import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { addAccount, connectRedis, listAccounts, RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { RedisFleetStore } from '../../src/fleet/redis-fleet-store';

type Redis = Awaited<ReturnType<typeof connectRedis>>;
const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('RedisFleetStore'), () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.close();
  });
  beforeEach(() => redis.flushdb());

  it('lists and registers the accounts of `wxbot accounts` (one registry), refusing bad names', async () => {
    const store = new RedisFleetStore(redis, { url: server.url, config: '/srv/fleet.config.ts' });
    await addAccount(redis, 'sales-2', { config: '/srv/sales-2.config.ts' });
    await store.register('sales-1');
    await store.register('sales-1');
    expect(await store.list()).toEqual(['sales-1', 'sales-2']);
    expect((await listAccounts(redis)).map((a) => [a.name, a.config])).toEqual([
      ['sales-1', '/srv/fleet.config.ts'],
      ['sales-2', '/srv/sales-2.config.ts'],
    ]);
    await new RedisFleetStore(redis, { url: server.url }).register('sales-3');
    expect(await store.list()).toEqual(['sales-1', 'sales-2', 'sales-3']);
    await expect(store.register('a/b')).rejects.toMatchObject({ code: 'WXBOT_ACCOUNT_NAME' });
  });

  it('gives an account to exactly one of many workers racing for it: its lease, a Redis state store on it, a fresh home', async () => {
    const store = new RedisFleetStore(redis, { url: server.url });
    await store.register('a');
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => store.acquire('a', `w${i}`, 60_000)));
    const won = claims.filter((c) => c !== undefined);
    expect(won).toHaveLength(1);
    const first = won[0];
    if (!first) throw new Error('nobody won');
    expect(first.store).toBeInstanceOf(RedisStateStore);
    expect((first.store as RedisStateStore).lease).toBe(first.lease);
    expect(first.media).toBe((first.store as RedisStateStore).media);
    expect(statSync(first.home).mode & 0o777).toBe(0o700);
    expect((await store.holders()).get('a')).toMatch(/^w\d$/);
    // What the holder writes lands in Redis with its token.
    await first.store?.open();
    await first.store?.append('probe', { n: 1 });

    await first.lease.release();
    expect(await store.holders()).toEqual(new Map());
    const next = await store.acquire('a', 'w9', 60_000);
    if (!next) throw new Error('the released account was not free');
    expect(next.lease.token).toBe(first.lease.token + 1);
    expect(next.home).not.toBe(first.home);
    expect((await next.store?.open())?.get('probe')).toEqual([{ n: 1 }]);
    await next.lease.release();

    await store.close();
    expect(existsSync(path.dirname(first.home))).toBe(false);
  });

  it('records the workers\' heartbeats: live ones listed, expired and removed ones not', async () => {
    const store = new RedisFleetStore(redis, { url: server.url });
    const now = Date.now();
    const w1 = { owner: 'host:1', startedAt: now, heartbeatAt: now, ttlMs: 60_000, accounts: 1, maxAccounts: 2, url: 'http://127.0.0.1:7070', version: '1.0.0' };
    await store.heartbeat(w1);
    await store.heartbeat({ ...w1, owner: 'host:2', accounts: 0 });
    await store.heartbeat({ ...w1, owner: 'host:3', heartbeatAt: now - 61_000 });
    expect(await store.workers()).toEqual([w1, { ...w1, owner: 'host:2', accounts: 0 }]);
    await store.removeWorker('host:2');
    expect((await store.workers()).map((w) => w.owner)).toEqual(['host:1']);
    // A worker is not an account.
    expect(await store.list()).toEqual([]);
  });
});
