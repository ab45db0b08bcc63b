import { WxbotError } from '@wxbot/core';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from './commands';
import { checkAccountName, DEFAULT_ACCOUNT } from './keys';
import { acquireLease, type LeaseOptions } from './lease';
import { RedisStateStore } from './redis-state-store';
import { rememberReplicaWait } from './replica-wait';
import { parseRedisUrl, redactRedisUrl, type RedisTarget, type ReplicaWait } from './url';

export { isRedisUrl, redactRedisUrl } from './url';

export interface OpenRedisStoreOptions extends LeaseOptions {
  /** The account whose state this is; namespaces every key. Default `default`. */
  account?: string;
  /** A write or renewal failed and is being retried (Redis lost while running). */
  onError?(err: Error): void;
  /** Largest media a queued send keeps in Redis (WXBOT_STORE_MEDIA_TOO_LARGE above). Default 25 MiB. */
  mediaMaxBytes?: number;
  /** How long to wait for Redis at start before WXBOT_STORE_UNREACHABLE. Default 5 s. */
  connectTimeoutMs?: number;
  /** Replicas that must have a write before it is acknowledged; default the URL's `?wait=N&waitTimeout=MS`. */
  replicaWait?: ReplicaWait;
}

/** The first connection may take this long before WXBOT_STORE_UNREACHABLE. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Reconnect back-off once connected: 100 ms doubling to 2 s; none before (a start fails at once). */
const backoff = (started: () => boolean) => (times: number): number | null => (started() ? Math.min(50 * 2 ** Math.min(times, 6), 2_000) : null);

function clientOf(target: RedisTarget, connectTimeoutMs: number, started: () => boolean): RedisClient {
  // Our writes retry themselves (idempotently); a command must not hang in ioredis's queue.
  const common = { lazyConnect: true, connectTimeout: connectTimeoutMs, maxRetriesPerRequest: 0 } as const;
  // A former master that came back as a replica answers READONLY: reconnect (to the new master).
  const reconnectOnError = (err: Error): boolean => err.message.startsWith('READONLY');
  if (target.kind === 'redis') return new Redis(target.url, { ...common, retryStrategy: backoff(started) });
  const auth = { ...(target.username ? { username: target.username } : {}), ...(target.password ? { password: target.password } : {}), ...(target.tls ? { tls: {} } : {}) };
  if (target.kind === 'sentinel') {
    return new Redis({
      ...common,
      ...auth,
      sentinels: target.sentinels,
      name: target.name,
      db: target.db,
      // The user and password are the data nodes'; the Sentinels are asked without one (Redis's default).
      ...(target.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      retryStrategy: backoff(started),
      sentinelRetryStrategy: backoff(started),
      reconnectOnError,
    });
  }
  return new Cluster(target.nodes, {
    lazyConnect: true,
    clusterRetryStrategy: backoff(started),
    redisOptions: { ...auth, connectTimeout: connectTimeoutMs, maxRetriesPerRequest: 0, reconnectOnError },
  });
}

/**
 * Connect to the store at `url`, of any form (`redis://`, `redis+sentinel://`,
 * `redis-cluster://`; WXBOT_STORE_URL for anything else) and fail with WXBOT_STORE_UNREACHABLE
 * (naming the URL and the fix) if it does not answer within `connectTimeoutMs`. Once connected,
 * the client reconnects forever with back-off (to the new master after a Sentinel failover): a
 * Redis lost while running pauses the account instead of stopping it.
 * @example
 * const redis = await connectRedisClient('redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/mymaster');
 */
export async function connectRedisClient(url: string, options: { connectTimeoutMs?: number } = {}): Promise<RedisClient> {
  const target = parseRedisUrl(url);
  let started = false;
  const redis = clientOf(target, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, () => started);
  // ioredis emits 'error' on every failed reconnect; the store reports the pause itself.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    // Already 'end' (refused, timed out): disconnect() would arm ioredis's 2 s socket-destroy timer
    // on the dead socket and keep a failing CLI alive that long.
    if (redis.status !== 'end') redis.disconnect();
    throw new WxbotError('WXBOT_STORE_UNREACHABLE', `state store ${redactRedisUrl(url)} is unreachable (${(err as Error).message}); start Redis there (apt-get install -y redis-server), or fix the host, port, master name or password in store / --store / WXBOT_STORE`, { store: redactRedisUrl(url) }, { cause: err });
  }
  started = true;
  rememberReplicaWait(redis, target.wait);
  return redis;
}

/**
 * Connect to the Redis at `url` (`redis://` or `redis+sentinel://`) as connectRedisClient does.
 * A `redis-cluster://` URL is refused (WXBOT_STORE_URL): the fleet's account registry
 * (`wxbot accounts`, `wxbot fleet`) writes keys of several slots together; a bot's own state
 * store works on a Cluster (openRedisStore).
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379/0');
 */
export async function connectRedis(url: string, options: { connectTimeoutMs?: number } = {}): Promise<Redis> {
  if (parseRedisUrl(url).kind === 'cluster') {
    throw new WxbotError('WXBOT_STORE_URL', `store ${JSON.stringify(redactRedisUrl(url))}: the fleet's account registry (wxbot accounts, wxbot fleet) does not run on Redis Cluster; use redis:// or redis+sentinel:// for it (a bot's own store, wxbot start --store, may be a Cluster)`, { store: redactRedisUrl(url) });
  }
  return (await connectRedisClient(url, options)) as Redis;
}

/**
 * Open the state of `account` in the Redis at `url`: connect (WXBOT_STORE_UNREACHABLE), take the
 * account's lease (WXBOT_LEASE_HELD, after `waitMs`), and return a RedisStateStore that writes
 * with the lease's fencing token. `store.lease.onLost` tells when another worker took the
 * account; `store.release()` gives it back and closes the connection.
 * @example
 * const store = await openRedisStore('redis://127.0.0.1:6379/0', { account: 'sales-1' });
 * store.lease.onLost(() => void bot.stop());
 * const bot = new Bot({ store, plugins });
 */
export async function openRedisStore(url: string, options: OpenRedisStoreOptions = {}): Promise<RedisStateStore> {
  const account = checkAccountName(options.account ?? DEFAULT_ACCOUNT);
  const redis = await connectRedisClient(url, options);
  try {
    const lease = await acquireLease(redis, account, options);
    return new RedisStateStore(redis, { lease, location: `${redactRedisUrl(url)}#${account}`, onError: options.onError, ownsClient: true, ...(options.mediaMaxBytes ? { mediaMaxBytes: options.mediaMaxBytes } : {}), ...(options.replicaWait ? { replicaWait: options.replicaWait } : {}) });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}
