import { WxbotError } from '@wxbot/core';
import Redis from 'ioredis';
import { checkAccountName, DEFAULT_ACCOUNT } from './keys';
import { acquireLease, type LeaseOptions } from './lease';
import { RedisStateStore } from './redis-state-store';

export interface OpenRedisStoreOptions extends LeaseOptions {
  /** The account whose state this is; namespaces every key. Default `default`. */
  account?: string;
  /** A write or renewal failed and is being retried (Redis lost while running). */
  onError?(err: Error): void;
  /** Largest media a queued send keeps in Redis (WXBOT_STORE_MEDIA_TOO_LARGE above). Default 25 MiB. */
  mediaMaxBytes?: number;
  /** How long to wait for Redis at start before WXBOT_STORE_UNREACHABLE. Default 5 s. */
  connectTimeoutMs?: number;
}

/** Whether `store` names a Redis server (`redis://` or `rediss://`). */
export function isRedisUrl(store: string): boolean {
  return /^rediss?:\/\//i.test(store);
}

/** The URL without its password, for messages and `StateStore.location`. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}

/**
 * Connect to the Redis at `url` and fail with WXBOT_STORE_UNREACHABLE (naming the URL and the
 * fix) if it does not answer within `connectTimeoutMs`. Once connected, the client reconnects
 * forever with back-off: a Redis lost while running pauses the account instead of stopping it.
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379/0');
 */
export async function connectRedis(url: string, options: { connectTimeoutMs?: number } = {}): Promise<Redis> {
  if (!isRedisUrl(url)) {
    throw new WxbotError('WXBOT_STORE_URL', `store ${JSON.stringify(redactRedisUrl(url))} is not a Redis URL; use redis://[:password@]host:port/db (e.g. redis://127.0.0.1:6379/0)`, { store: redactRedisUrl(url) });
  }
  let started = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // Our writes retry themselves (idempotently); a command must not hang in ioredis's queue.
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => (started ? Math.min(50 * 2 ** Math.min(times, 6), 2_000) : null),
  });
  // ioredis emits 'error' on every failed reconnect; the store reports the pause itself.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    // Already 'end' (refused, timed out): disconnect() would arm ioredis's 2 s socket-destroy timer
    // on the dead socket and keep a failing CLI alive that long.
    if (redis.status !== 'end') redis.disconnect();
    throw new WxbotError('WXBOT_STORE_UNREACHABLE', `state store ${redactRedisUrl(url)} is unreachable (${(err as Error).message}); start Redis there (apt-get install -y redis-server), or fix the host, port or password in store / --store / WXBOT_STORE`, { store: redactRedisUrl(url) }, { cause: err });
  }
  started = true;
  return redis;
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
  const redis = await connectRedis(url, options);
  try {
    const lease = await acquireLease(redis, account, options);
    return new RedisStateStore(redis, { lease, location: `${redactRedisUrl(url)}#${account}`, onError: options.onError, ownsClient: true, ...(options.mediaMaxBytes ? { mediaMaxBytes: options.mediaMaxBytes } : {}) });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}
