import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WxbotError } from '@wxbot/core';
import { accountConfig, ACCOUNTS_KEY, acquireLease, addAccount, checkAccountName, listAccounts, listWorkers, recordWorker, RedisStateStore, redactRedisUrl, removeWorker, type connectRedis } from '@wxbot/store-redis';
import type { AccountClaim, FleetStore, WorkerInfo } from './fleet-store';

/** An ioredis client (`connectRedis()`); ioredis is a dependency of @wxbot/store-redis, not of the CLI. */
type Redis = Awaited<ReturnType<typeof connectRedis>>;

export interface RedisFleetStoreOptions {
  /** The Redis URL (shown without its password in `location` and the stores' messages). */
  url: string;
  /** The config file `register()` records for an account (`wxbot accounts list` shows it). */
  config?: string;
  /** A write or a renewal failed and is being retried (Redis lost while running). */
  onError?(err: Error): void;
}

/**
 * A fleet store in Redis (`@wxbot/store-redis`), for workers on any number of machines: the
 * registered accounts are the set `wxbot accounts add | list | remove` manages (a claim carries the
 * config file the account was added with); an account's
 * holder is its lease's owner; claiming it takes its lease (with a fencing token every write
 * carries) and gives its bot a {@link RedisStateStore} on that lease. Session, journal, outbox,
 * plugin storage and queued media all live in Redis, so the home a claim gets is only a fresh
 * scratch directory on this machine, removed by `close()`.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379/0');
 * const store = new RedisFleetStore(redis, { url: 'redis://127.0.0.1:6379/0' });
 * const fleet = new FleetSupervisor({ store, owner: 'w1', maxAccounts: 100, createBot });
 */
export class RedisFleetStore implements FleetStore {
  readonly location: string;
  private scratch: Promise<string> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisFleetStoreOptions,
  ) {
    this.location = redactRedisUrl(options.url);
  }

  async list(): Promise<string[]> {
    return (await this.redis.smembers(ACCOUNTS_KEY)).sort();
  }

  /** Registers `account` as `wxbot accounts add` does (with this fleet's config file, if any). */
  async register(account: string): Promise<void> {
    checkAccountName(account);
    if (this.options.config) await addAccount(this.redis, account, { config: this.options.config });
    else await this.redis.sadd(ACCOUNTS_KEY, account);
  }

  async holders(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const a of await listAccounts(this.redis)) if (a.owner !== null) out.set(a.name, a.owner);
    return out;
  }

  async acquire(account: string, owner: string, ttlMs: number): Promise<AccountClaim | undefined> {
    let lease;
    try {
      // expireLocally: Redis silent for a TTL stops the account here (WXBOT_LEASE_EXPIRED); the fleet claims it again.
      lease = await acquireLease(this.redis, account, { owner, ttlMs, expireLocally: true, ...(this.options.onError ? { onError: this.options.onError } : {}) });
    } catch (err) {
      // Another worker took it between the scan and now: not free.
      if ((err as WxbotError).code === 'WXBOT_LEASE_HELD') return undefined;
      throw err;
    }
    const config = await accountConfig(this.redis, account).catch(async (err: Error) => {
      await lease.release().catch(() => undefined);
      throw err;
    });
    const store = new RedisStateStore(this.redis, { lease, location: `${this.location}#${account}`, ...(this.options.onError ? { onError: this.options.onError } : {}) });
    // A new directory per claim: nothing of an earlier holder's (or an earlier claim's) home is reused.
    const home = path.join(await this.scratchDir(), `${account}.${lease.token}`);
    mkdirSync(home, { recursive: true, mode: 0o700 });
    return { lease, home, store, media: store.media, ...(config ? { config } : {}), reportState: (state) => void store.reportStatus({ state }) };
  }

  async heartbeat(info: WorkerInfo): Promise<void> {
    await recordWorker(this.redis, info);
  }

  async workers(): Promise<WorkerInfo[]> {
    return listWorkers(this.redis);
  }

  async removeWorker(owner: string): Promise<void> {
    await removeWorker(this.redis, owner);
  }

  /** Removes the claims' scratch homes (call after the fleet stopped). The Redis client stays open. */
  async close(): Promise<void> {
    const dir = await this.scratch?.catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  private scratchDir(): Promise<string> {
    this.scratch ??= mkdtemp(path.join(os.tmpdir(), 'wxbot-fleet-'));
    return this.scratch;
  }
}
