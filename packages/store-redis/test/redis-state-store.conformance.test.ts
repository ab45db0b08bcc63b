import type { StateStore } from '@wxbot/core';
import { acquireLease, connectRedis, RedisStateStore } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, stateStoreChecks, type RedisServer, type StateStoreHarness } from '@wxbot/testkit';

// The same StateStore checks as the state log and the memory store (core's
// state-store.conformance.test.ts), against a real redis-server. Each store is one "process":
// its own connection and lease; a kill abandons the lease, and the reopen waits for it to expire.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('StateStore conformance: Redis'), () => {
  let server: RedisServer;
  let n = 0;
  const open: RedisStateStore[] = [];
  const killed = new Set<StateStore>();
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.close());
  afterEach(async () => {
    for (const store of open.splice(0)) if (!killed.has(store)) await store.release().catch(() => undefined);
    killed.clear();
  });

  async function storeOf(account: string, waitMs: number): Promise<RedisStateStore> {
    const redis = await connectRedis(server.url);
    const lease = await acquireLease(redis, account, { ttlMs: 300, waitMs });
    const store = new RedisStateStore(redis, { lease, ownsClient: true, onError: (err) => { throw err; } });
    open.push(store);
    return store;
  }

  const harness: StateStoreHarness = {
    fresh: () => storeOf(`conformance-${++n}`, 0),
    reopen: async (store) => {
      const previous = store as RedisStateStore;
      // A closed store gives its lease back; a killed one does not: the next waits for its TTL.
      if (!killed.has(store)) await previous.release();
      return storeOf(previous.account, 5_000);
    },
    kill: (store) => {
      killed.add(store);
      (store as RedisStateStore).kill();
    },
  };
  for (const check of stateStoreChecks) it(check.name, () => check.run(harness));
});
