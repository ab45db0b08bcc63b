import type { StateStore } from '@wxbot/core';
import { acquireLease, RedisStateStore, type RedisClient } from '@wxbot/store-redis';
import { stateStoreChecks, type StateStoreHarness } from '@wxbot/testkit';

/**
 * Registers the StateStore conformance checks (one `it` each, named by the check) in the calling
 * `describe`, over Redis clients from `connect` (called per store, after the suite's beforeAll
 * started the server). Each store is one "process": its own connection and lease; a kill abandons
 * the lease, and the reopen waits for it to expire. Stores left open are released after each test,
 * and so are the suite's own stores given to the returned `track`.
 */
export function stateStoreConformance(connect: () => Promise<RedisClient>): { track(store: RedisStateStore): void } {
  let n = 0;
  const open: RedisStateStore[] = [];
  const killed = new Set<StateStore>();
  afterEach(async () => {
    for (const store of open.splice(0)) if (!killed.has(store)) await store.release().catch(() => undefined);
    killed.clear();
  });

  async function storeOf(account: string, waitMs: number): Promise<RedisStateStore> {
    const redis = await connect();
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
  return { track: (store) => void open.push(store) };
}
