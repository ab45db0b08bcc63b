import { findRedisServer, redisSuiteTitle } from '../src/redis-server';
import { findRedisCli, redisCli, startRedisSentinelGroup } from '../src/redis-ha';

// The Sentinel group helper itself: what the store's Sentinel suites build on (they exercise the
// failover with a bot; packages/store-redis/test/e2e/sentinel-failover.test.ts). The cluster helper
// is exercised by packages/store-redis/test/e2e/cluster.test.ts.

const d = findRedisServer() && findRedisCli() ? describe : describe.skip;

d(redisSuiteTitle('startRedisSentinelGroup'), () => {
  it('starts a master with a replica in sync, watched by a Sentinel that names it, and follows a failover to the replica', async () => {
    const group = await startRedisSentinelGroup({ replicas: 1, sentinels: 1, name: 'probe' });
    try {
      const [master, replica] = group.nodes;
      if (!master || !replica) throw new Error('expected a master and a replica');
      expect(group.url()).toBe(`redis+sentinel://127.0.0.1:${group.sentinels[0]?.port}/probe/0`);
      expect(group.url('wait=1')).toMatch(/\/probe\/0\?wait=1$/);
      expect(await group.masterPort()).toBe(master.port);
      // The replica is really replicating the master: a write there is readable on the replica.
      await redisCli(master.port, 'SET', 'probe-key', 'v1');
      await redisCli(master.port, 'WAIT', '1', '2000');
      expect(await redisCli(replica.port, 'GET', 'probe-key')).toBe('v1');
      expect(await redisCli(replica.port, 'ROLE')).toMatch(/^slave/);

      await master.kill();
      expect(await group.waitForFailover(master.port, 15_000)).toBe(replica.port);
      expect(await redisCli(replica.port, 'ROLE')).toMatch(/^master/);
      expect(await redisCli(replica.port, 'GET', 'probe-key')).toBe('v1');
    } finally {
      await group.close();
    }
  }, 30_000);
});
