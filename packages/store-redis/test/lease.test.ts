import { execFileSync } from 'node:child_process';
import { acquireLease, connectRedis, RedisStateStore, accountKeys } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import type Redis from 'ioredis';
import { ACQUIRE_LUA } from '../src/scripts';

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('leases and fencing tokens'), () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = await connectRedis(server.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.close();
  });

  it('one worker at a time: a second gets WXBOT_LEASE_HELD naming the owner, and a larger token once it is released', async () => {
    const a = await acquireLease(redis, 'one-at-a-time', { owner: 'worker-a' });
    await expect(acquireLease(redis, 'one-at-a-time', { owner: 'worker-b' })).rejects.toMatchObject({ code: 'WXBOT_LEASE_HELD', message: expect.stringContaining('worker-a') });
    await a.release();
    const b = await acquireLease(redis, 'one-at-a-time', { owner: 'worker-b' });
    expect(b.token).toBeGreaterThan(a.token);
    await b.release();
  });

  it('a worker that was paused while another took its account cannot write afterwards', async () => {
    const account = 'paused';
    const keys = accountKeys(account);
    const lease = await acquireLease(redis, account, { ttlMs: 200, owner: 'worker-a' });
    const store = new RedisStateStore(redis, { lease });
    await store.open();
    await store.append('inbox', { a: ['before'] });
    const lost: string[] = [];
    lease.onLost((err) => lost.push(err.code));

    // Pause this process (a blocking call stops the event loop: no renewal runs) until the lease
    // has expired and worker B, another process, has taken the account.
    const b = execFileSync('sh', ['-c', 'sleep 0.4; exec redis-cli -p "$0" EVAL "$1" 2 "$2" "$3" worker-b 60000 0', String(server.port), ACQUIRE_LUA, keys.lease, keys.fence], { encoding: 'utf8' });
    expect(b.split('\n')[0]).toBe(String(lease.token + 1));

    // Back from the pause, the worker writes before it learns anything: Redis refuses the write.
    await expect(store.append('inbox', { a: ['after'] })).rejects.toMatchObject({ code: 'WXBOT_LEASE_LOST' });
    expect(lease.lost).toBe(true);
    expect(lost).toEqual(['WXBOT_LEASE_LOST']);
    await expect(store.append('inbox', { a: ['later'] })).rejects.toMatchObject({ code: 'WXBOT_LEASE_LOST' });
    expect(await redis.lrange(keys.log, 0, -1)).toEqual(['inbox\t{"a":["before"]}']);
    expect(await redis.hget(keys.lease, 'owner')).toBe('worker-b');
  });

  it('a lease that expired while nobody took the account is renewed with the same token', async () => {
    const lease = await acquireLease(redis, 'expired-untaken', { ttlMs: 60_000 });
    await redis.del(accountKeys('expired-untaken').lease); // as if its TTL had run out
    const store = new RedisStateStore(redis, { lease });
    await store.append('s', 1);
    expect(await lease.renew()).toBe(true);
    expect(await redis.hget(accountKeys('expired-untaken').lease, 'token')).toBe(String(lease.token));
    await lease.release();
  });

  it('Redis unreachable for a whole TTL: the lease is lost locally with WXBOT_LEASE_EXPIRED (the worker stops the account without waiting for Redis)', async () => {
    const own = await startRedisServer();
    const client = await connectRedis(own.url);
    try {
      const lease = await acquireLease(client, 'cut-off', { owner: 'worker-a', ttlMs: 300, expireLocally: true });
      // Renewals reach Redis for a while: nothing happens.
      await lease.renew();
      expect(lease.lost).toBe(false);
      const lost = new Promise<{ code: string; message: string }>((resolve) => lease.onLost((err) => resolve(err)));
      await own.stop();
      const err = await lost;
      expect(err.code).toBe('WXBOT_LEASE_EXPIRED');
      expect(err.message).toMatch(/account "cut-off": lease expired \(fencing token \d+, no renewal reached Redis for \d+ ms, past the lease TTL of 300 ms\).*check this worker's connection to Redis/);
      expect(lease.lost).toBe(true);
      expect(() => lease.assertHeld()).toThrow(expect.objectContaining({ code: 'WXBOT_LEASE_EXPIRED' }));
    } finally {
      client.disconnect();
      await own.close();
    }
  });

  it('without expireLocally (wxbot start): Redis gone for longer than a TTL pauses the lease, and it is renewed when Redis is back', async () => {
    const own = await startRedisServer();
    const client = await connectRedis(own.url);
    try {
      const lease = await acquireLease(client, 'paused', { owner: 'worker-a', ttlMs: 300 });
      await own.stop();
      // Three TTLs without Redis: nothing to await but the absence of a loss.
      await new Promise((r) => setTimeout(r, 900));
      expect(lease.lost).toBe(false);
      await own.start();
      // The client reconnects with back-off: renew until a renewal reaches Redis.
      let renewed = false;
      for (const deadline = Date.now() + 10_000; !renewed && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) renewed = await lease.renew().catch(() => false);
      expect(renewed).toBe(true);
      expect(lease.lost).toBe(false);
      await lease.release();
    } finally {
      client.disconnect();
      await own.close();
    }
  });

  it('after a failover lost its acquisition, a worker does not take the same token number, handed to another, for its own', async () => {
    const account = 'failover-lost';
    const keys = accountKeys(account);
    const a = await acquireLease(redis, account, { owner: 'worker-a' });
    // What a promoted replica that never got A's acquisition holds: no lease, the counter before it.
    await redis.multi().del(keys.lease).set(keys.fence, String(a.token - 1)).exec();
    const b = await acquireLease(redis, account, { owner: 'worker-b' });
    expect(b.token).toBe(a.token);
    expect(await a.renew()).toBe(false);
    expect(a.lost).toBe(true);
    expect(await b.renew()).toBe(true);
    await b.release();
  });
});
