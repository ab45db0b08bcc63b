import { connectRedis } from '@wxbot/store-redis';
import { findRedisServer, redisSuiteTitle, startRedisServer, type RedisServer } from '@wxbot/testkit';
import { stateStoreConformance } from './helpers/conformance';

// The same StateStore checks as the state log and the memory store (core's
// state-store.conformance.test.ts), against a real redis-server. Each store is one "process":
// its own connection and lease; a kill abandons the lease, and the reopen waits for it to expire.

const d = findRedisServer() ? describe : describe.skip;

d(redisSuiteTitle('StateStore conformance: Redis'), () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.close());
  stateStoreConformance(() => connectRedis(server.url));
});
