import { acquireLease, connectRedis, RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisCli, redisSuiteTitle, startRedisSentinelGroup, type RedisSentinelGroup } from '@wxbot/testkit';
import { stateStoreConformance } from './helpers/conformance';

// The StateStore checks again, through a Sentinel URL with `?wait=1`: the client finds the
// master through the Sentinel, and every write and lease acquisition waits for the replica.
// One Sentinel is enough here (nothing fails over); sentinel-failover.test.ts runs three.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('StateStore conformance: Redis Sentinel, wait=1'), () => {
  let group: RedisSentinelGroup;
  let n = 0;
  beforeAll(async () => {
    group = await startRedisSentinelGroup({ replicas: 1, sentinels: 1 });
  }, 60_000);
  afterAll(() => group.close());
  const { track } = stateStoreConformance(() => connectRedis(group.url('wait=1&waitTimeout=2000')));

  it('with the replica down, an append and a lease acquisition wait (reported) until the replica has them', async () => {
    const errors: Error[] = [];
    const redis = await connectRedis(group.url('wait=1&waitTimeout=100'));
    const store = new RedisStateStore(redis, { lease: await acquireLease(redis, `replica-${++n}`, { ttlMs: 5_000 }), ownsClient: true, onError: (err) => errors.push(err) });
    track(store);
    await store.open();
    const replica = group.nodes[1]!;
    await replica.stop();
    const done: string[] = [];
    const appended = store.append('s', { on: 'replica' }).then(() => done.push('append'));
    const leaseErrors: Error[] = [];
    const acquired = acquireLease(redis, `acquire-${n}`, { onError: (err) => leaseErrors.push(err) }).then((lease) => (done.push('lease'), lease));
    try {
      await until(() => errors.length > 0 && leaseErrors.length > 0);
      expect(errors[0]!.message).toMatch(/only 0 of 1 replica\(s\) acknowledged the write within 100 ms\); the account pauses and retries until the replicas have it/);
      expect(leaseErrors[0]!.message).toMatch(/not replicated yet \(only 0 of 1 replica\(s\) acknowledged/);
      expect(done).toEqual([]);
    } finally {
      await replica.start();
    }
    await appended;
    const lease = await acquired;
    expect(await redisCli(replica.port, 'LRANGE', `wxbot:{replica-${n}}:log`, '0', '-1')).toBe('s\t{"on":"replica"}');
    expect(await redisCli(replica.port, 'HGET', `wxbot:{acquire-${n}}:lease`, 'token')).toBe(String(lease.token));
    await lease.release();
  });
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}
