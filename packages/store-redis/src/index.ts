// @wxbot/store-redis: the Redis StateStore (docs/scaling.md). A package of its own so that
// ioredis is a dependency only of the bots that use Redis.
export { RedisStateStore, type RedisStateStoreOptions } from './redis-state-store';
export { Lease, acquireLease, DEFAULT_LEASE_TTL_MS, type LeaseOptions } from './lease';
export { openRedisStore, connectRedis, connectRedisClient, isRedisUrl, redactRedisUrl, type OpenRedisStoreOptions } from './open';
export { parseRedisUrl, DEFAULT_WAIT_TIMEOUT_MS, type RedisTarget, type RedisHost, type ReplicaWait } from './url';
export { NotReplicatedError } from './replica-wait';
export type { RedisClient } from './commands';
export { RedisMediaStash, DEFAULT_MEDIA_MAX_BYTES, DEFAULT_MEDIA_TTL_MS, type RedisMediaStashOptions } from './media-stash';
export { accountKeys, checkAccountName, DEFAULT_ACCOUNT, type AccountKeys } from './keys';
export { accountConfig, addAccount, listAccounts, removeAccount, reportAccountStatus, ACCOUNTS_KEY, type AccountInfo } from './accounts';
export { recordWorker, listWorkers, removeWorker, WORKERS_KEY, type WorkerHeartbeat } from './workers';
