import { acquireLease, connectRedis, connectRedisClient, RedisStateStore } from '@wxbot/store-redis';
import type { Cluster } from 'ioredis';
import { findRedisCli, findRedisServer, redisSuiteTitle, startRedisCluster, type RedisClusterGroup } from '@wxbot/testkit';
import { stateStoreConformance } from '../helpers/conformance';

// A real 3-master Redis Cluster (redis-server --cluster-enabled yes, joined by redis-cli
// --cluster create). Every key of an account carries the `{account}` hash tag, so each Lua
// script (its keys passed as KEYS) runs on the node of the account's slot.

const d = findRedisServer() && findRedisCli() ? describe : describe.skip;

d(redisSuiteTitle('Redis Cluster'), () => {
  let cluster: RedisClusterGroup;
  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
  }, 60_000);
  afterAll(() => cluster.close());

  describe('StateStore conformance', () => {
    stateStoreConformance(() => connectRedisClient(cluster.url));
  });

  it('accounts spread over the masters, each account\'s keys on one node', async () => {
    const nodesOf = new Map<string, number>();
    const redis = await connectRedisClient(cluster.url);
    try {
      for (const account of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
        const store = new RedisStateStore(redis, { lease: await acquireLease(redis, `spread-${account}`) });
        await store.open();
        await store.append('s', { account });
        await store.release();
        const slot = await redis.call('CLUSTER', 'KEYSLOT', `wxbot:{spread-${account}}:log`);
        for (const node of (redis as Cluster).nodes('master')) {
          const keys = (await node.call('CLUSTER', 'GETKEYSINSLOT', String(slot), '10')) as string[];
          if (keys.length === 0) continue;
          // The lease was released (deleted); the log, its sequence and the fence counter stay.
          expect(keys.sort()).toEqual([`wxbot:{spread-${account}}:fence`, `wxbot:{spread-${account}}:log`, `wxbot:{spread-${account}}:meta`]);
          nodesOf.set(account, node.options.port ?? 0);
        }
      }
    } finally {
      await redis.quit();
    }
    expect(nodesOf.size).toBe(8);
    expect(new Set(nodesOf.values()).size).toBeGreaterThan(1);
  });

  it('a write followed by WAIT (one pipeline, routed by the write\'s keys) works on a Cluster', async () => {
    const redis = await connectRedisClient(cluster.url);
    try {
      // No replicas here: WAIT 0 answers at once; what this checks is that the pipeline of a
      // script and a keyless WAIT is accepted and routed (by the script's keys) on a Cluster.
      const store = new RedisStateStore(redis, { lease: await acquireLease(redis, 'waited'), replicaWait: { replicas: 0, timeoutMs: 100 } });
      await store.open();
      await store.appendAll([['s', 1], ['s', 2]]);
      await store.release();
      expect(await redis.lrange('wxbot:{waited}:log', 0, -1)).toEqual(['s\t1', 's\t2']);
    } finally {
      await redis.quit();
    }
  });

  it('the fleet registry refuses a Cluster URL with WXBOT_STORE_URL', async () => {
    await expect(connectRedis(cluster.url)).rejects.toMatchObject({ code: 'WXBOT_STORE_URL', message: expect.stringContaining('does not run on Redis Cluster') });
  });
});
